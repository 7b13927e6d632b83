package io.billhook.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.billhook.core.delivery.GuideReceivers.Delivery;
import io.billhook.core.delivery.GuideReceivers.Receiver;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.StrictJsonParser;
import io.billhook.core.ids.RandomIds;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every code sample of docs/receivers.md, taken from the guide itself (its {@code <!-- check -->}
 * blocks), verifies a delivery signed by Billhook's own {@link WebhookSigner} and refuses a
 * tampered one.
 *
 * <p>The samples that use the npm and PyPI {@code standardwebhooks} packages are skipped when the
 * package is not installed, unless {@code BILLHOOK_REQUIRE_ALL_TESTS=1}. CI ({@code .ci/run})
 * installs them first, where this test looks for them:
 *
 * <pre>
 * npm install --no-save --prefix core/target/receiver-libs standardwebhooks@1.1.1
 * python3 -m pip install --target core/target/receiver-libs/python standardwebhooks==1.1.0
 * </pre>
 */
class ReceiverGuideTest {
  private static final String BODY =
      Envelope.of(
              "evt_guide_0001",
              "payment.received",
              Instant.parse("2026-03-29T14:32:00Z"),
              StrictJsonParser.parse(
                  "{\"customerId\":\"cus_7\",\"amount\":30.00,\"currency\":\"EUR\","
                      + "\"note\":\"Grüße, \\\"VIP\\\" <b>\\u2028</b> \uD83D\uDE00\",\"ratio\":1e-7}"))
          .body();

  static Stream<Arguments> everySample() {
    return Stream.concat(
        standardWebhooksSamples(),
        Stream.of(
            sample("Node, Express, X-Webhook-Signature", GuideReceivers.node("node-express-hex")),
            sample(
                "Python by hand, X-Webhook-Signature",
                GuideReceivers.python("python-by-hand", "verify_hex"))));
  }

  static Stream<Arguments> standardWebhooksSamples() {
    return Stream.of(
        library(
            "Node, npm standardwebhooks",
            () -> GuideReceivers.nodeHas("standardwebhooks"),
            GuideReceivers.node("node-standardwebhooks")),
        library(
            "Python, PyPI standardwebhooks",
            () -> GuideReceivers.pythonHas("standardwebhooks"),
            GuideReceivers.python("python-standardwebhooks", "verify_billhook")),
        sample(
            "Python by hand, webhook-signature",
            GuideReceivers.python("python-by-hand", "verify_standard_webhooks")),
        sample("Java, com.standardwebhooks", GuideReceivers.javaLibrary()),
        sample("Java by hand, webhook-signature", GuideReceivers.javaByHand()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everySample")
  void acceptsADeliverySignedByBillhook(String name, Receiver receiver) {
    String secret = RandomIds.newSecret();

    assertThat(receiver.accepts(secret, signed(BODY, now(), secret))).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everySample")
  void refusesATamperedBody(String name, Receiver receiver) {
    String secret = RandomIds.newSecret();
    Delivery genuine = signed(BODY, now(), secret);
    String tampered = BODY.replace("\"amount\":30", "\"amount\":3000");
    assertThat(tampered).isNotEqualTo(BODY);

    assertThat(receiver.accepts(secret, new Delivery(tampered, genuine.headers()))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everySample")
  void refusesADeliverySignedWithAnotherSecret(String name, Receiver receiver) {
    Delivery delivery = signed(BODY, now(), RandomIds.newSecret());

    assertThat(receiver.accepts(RandomIds.newSecret(), delivery)).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("everySample")
  void refusesADeliveryWithoutSignaturesOrWithABadTimestamp(String name, Receiver receiver) {
    String secret = RandomIds.newSecret();
    Map<String, String> unsigned = new LinkedHashMap<>(signed(BODY, now(), secret).headers());
    unsigned.remove("x-webhook-signature");
    unsigned.remove("webhook-signature");
    Map<String, String> badTimestamp = new LinkedHashMap<>(signed(BODY, now(), secret).headers());
    badTimestamp.remove("x-webhook-signature");
    badTimestamp.put("webhook-timestamp", "soon");

    assertThat(receiver.accepts(secret, new Delivery(BODY, unsigned))).isFalse();
    assertThat(receiver.accepts(secret, new Delivery(BODY, badTimestamp))).isFalse();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("standardWebhooksSamples")
  void acceptsTheOldAndTheNewSecretDuringARotation(String name, Receiver receiver) {
    String oldSecret = RandomIds.newSecret();
    String newSecret = RandomIds.newSecret();
    Delivery delivery = signed(BODY, now(), oldSecret, newSecret, oldSecret);

    assertThat(receiver.accepts(oldSecret, delivery)).isTrue();
    assertThat(receiver.accepts(newSecret, delivery)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("standardWebhooksSamples")
  void refusesADeliverySignedMoreThanFiveMinutesAgo(String name, Receiver receiver) {
    String secret = RandomIds.newSecret();

    assertThat(receiver.accepts(secret, signed(BODY, now() - 6 * 60, secret))).isFalse();
  }

  /** Signed as Billhook signs: hex with {@code hexSecret}, Standard Webhooks with each secret. */
  private static Delivery signed(String body, long timestamp, String secret) {
    return signed(body, timestamp, secret, secret);
  }

  private static Delivery signed(
      String body, long timestamp, String hexSecret, String... standardSecrets) {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("content-type", "application/json");
    headers.put("user-agent", "Billhook/test");
    headers.put("x-webhook-event", "payment.received");
    headers.put("x-webhook-signature", WebhookSigner.hexSignature(hexSecret, body));
    headers.put("webhook-id", "evt_guide_0001");
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put(
        "webhook-signature",
        WebhookSigner.standardSignatures(
            List.of(standardSecrets), "evt_guide_0001", timestamp, body));
    return new Delivery(body, headers);
  }

  private static long now() {
    return Instant.now().getEpochSecond();
  }

  private static Arguments sample(String name, Receiver receiver) {
    return Arguments.of(name, receiver);
  }

  /** A sample that needs a package: skipped without it, unless every test is required. */
  private static Arguments library(String name, BooleanSupplier installed, Receiver receiver) {
    return Arguments.of(
        name,
        (Receiver)
            (secret, delivery) -> {
              if (!installed.getAsBoolean()) {
                if ("1".equals(System.getenv("BILLHOOK_REQUIRE_ALL_TESTS"))) {
                  fail(name + " is not installed in " + GuideReceivers.LIBS);
                }
                assumeTrue(false, name + " is not installed in " + GuideReceivers.LIBS);
              }
              return receiver.accepts(secret, delivery);
            });
  }
}
