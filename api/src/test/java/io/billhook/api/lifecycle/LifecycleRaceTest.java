package io.billhook.api.lifecycle;

import static io.billhook.api.lifecycle.LifecycleReports.END;
import static org.assertj.core.api.Assertions.assertThat;

import io.billhook.api.testing.ApiClient.Response;
import io.billhook.api.testing.ApiTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Concurrent reports on real threads against the full stack: PostgreSQL decides which one wins, so
 * each event id has one outcome and each trial or subscription one life.
 */
@ApiTest
class LifecycleRaceTest {
  private static final int THREADS = 8;

  @LocalServerPort int port;
  @RegisterExtension final LifecycleReports reports = new LifecycleReports();

  @Test
  void oneEventIdNamingEightTrialsStartsOneTrialAndAnswersTheRestWithTheOriginal()
      throws Exception {
    List<Response> answers =
        LifecycleReports.concurrently(
            THREADS, n -> reports.trialStarted("evt_race", "t" + n, "c" + n, END));

    assertThat(answers).filteredOn(r -> r.status() == 202).hasSize(1);
    assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(THREADS - 1);
    String winner = winner(answers).json().path("data").path("trialId").asText();
    assertThat(answers).allSatisfy(r -> assertThat(r.body()).isEqualTo(winner(answers).body()));
    for (int n = 0; n < THREADS; n++) {
      Response trial = reports.get("/trials/t" + n);
      assertThat(trial.status()).as("t" + n).isEqualTo(("t" + n).equals(winner) ? 200 : 404);
    }
    assertThat(reports.get("/events/evt_race").json().path("data").path("trialId").asText())
        .isEqualTo(winner);
  }

  @Test
  void eightStartsOfOneTrialStartItOnce() throws Exception {
    List<Response> answers =
        LifecycleReports.concurrently(
            THREADS, n -> reports.trialStarted("evt_start" + n, "tsame", "c", END));

    assertThat(answers).filteredOn(r -> r.status() == 202).hasSize(1);
    assertThat(answers).filteredOn(r -> r.status() == 409).hasSize(THREADS - 1);
    assertThat(answers)
        .filteredOn(r -> r.status() == 409)
        .allSatisfy(r -> assertThat(r.detail()).contains("trials start once"));
    String winningEvent = winner(answers).json().path("id").asText();
    for (int n = 0; n < THREADS; n++) {
      String id = "evt_start" + n;
      assertThat(reports.get("/events/" + id).status())
          .as(id)
          .isEqualTo(id.equals(winningEvent) ? 200 : 404);
    }
  }

  @Test
  void oneEventIdNamingEightSubscriptionsCreatesOne() throws Exception {
    List<Response> answers =
        LifecycleReports.concurrently(
            THREADS, n -> reports.created("evt_subrace", "s" + n, "c", END, null));

    assertThat(answers).filteredOn(r -> r.status() == 202).hasSize(1);
    assertThat(answers).filteredOn(r -> r.status() == 200).hasSize(THREADS - 1);
    String winner = winner(answers).json().path("data").path("subscriptionId").asText();
    for (int n = 0; n < THREADS; n++) {
      assertThat(reports.get("/subscriptions/s" + n).status())
          .as("s" + n)
          .isEqualTo(("s" + n).equals(winner) ? 200 : 404);
    }
  }

  @Test
  void eightSubscriptionsConvertingOneTrialConvertItOnce() throws Exception {
    reports.trialStarted("evt_t", "tconv", "c", END);

    List<Response> answers =
        LifecycleReports.concurrently(
            THREADS, n -> reports.created("evt_conv" + n, "sc" + n, "c", END, "tconv"));

    assertThat(answers).filteredOn(r -> r.status() == 202).hasSize(1);
    assertThat(answers)
        .filteredOn(r -> r.status() == 409)
        .hasSize(THREADS - 1)
        .allSatisfy(r -> assertThat(r.detail()).contains("was already converted by subscription"));
    String winner = winner(answers).json().path("data").path("subscriptionId").asText();
    Response trial = reports.get("/trials/tconv");
    assertThat(trial.json().path("status").asText()).isEqualTo("converted");
    assertThat(trial.json().path("convertedBy").asText()).isEqualTo(winner);
  }

  private static Response winner(List<Response> answers) {
    return answers.stream().filter(r -> r.status() == 202).findFirst().orElseThrow();
  }
}
