package io.billhook.api.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import io.billhook.api.testing.EdgeMvc;
import io.billhook.api.testing.EdgeSlice;
import io.billhook.core.delivery.DeliveryLog;
import io.billhook.core.events.Envelope;
import io.billhook.core.events.EventIngestion;
import io.billhook.core.events.EventPublisher;
import io.billhook.core.events.EventQueries;
import io.billhook.core.events.EventStore;
import io.billhook.core.lifecycle.LifecycleIntake;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.web.context.WebApplicationContext;

/** Event reports: the same refusals as every JSON route, and nothing published. */
@EdgeSlice(EventController.class)
@Import({EventIngestion.class, EventQueries.class})
class EventBodyTest {
  private static final String EVENTS = "/v1/vendors/v1/events";
  private static final String VALID = "{\"type\":\"payment.received\",\"data\":{\"amount\":5}}";

  @Autowired WebApplicationContext context;
  @MockitoBean EventStore events;
  @MockitoBean EventPublisher publisher;
  @MockitoBean LifecycleIntake lifecycle;
  @MockitoBean DeliveryLog log;
  private EdgeMvc api;

  @BeforeEach
  void setUp() {
    api = EdgeMvc.of(context);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"payment.received\",\"data\":{\"note\":\"a\\u0000b\"}} | field 'data.note'",
        "{\"type\":\"payment.received\",\"data\":{\"a\":[{\"b\":\"\\u0000\"}]}} | field 'data.a[0].b'",
        "{\"type\":\"payment.received\",\"data\":{\"k\\u0000\":1}} | a key in field 'data'",
        "{\"id\":\"evt\\u0000\",\"type\":\"payment.received\",\"data\":{}} | field 'id'"
      })
  void aNulCharacterAnywhereIsRefusedNamingTheField(String json, String where) {
    api.send("POST", EVENTS, json).isProblem(400, where + " contains a NUL character (\\u0000)");
    verifyNoInteractions(publisher, lifecycle);
  }

  @Test
  void bytesThatAreNotUtf8AreRefused() {
    byte[] latin1 =
        "{\"type\":\"payment.received\",\"data\":{\"n\":\"caf\u00e9\"}}"
            .getBytes(StandardCharsets.ISO_8859_1);
    api.send("POST", EVENTS, "application/json", latin1).isProblem(400, "not valid UTF-8");
    api.send("POST", EVENTS, "application/json; charset=ISO-8859-1", latin1)
        .isProblem(415, "charset 'ISO-8859-1' is not supported");
    byte[] surrogate = VALID.replace("5", "\"\u0000\"").getBytes(StandardCharsets.UTF_8);
    surrogate[surrogate.length - 4] = (byte) 0xED; // ED A0 80: a UTF-16 surrogate, not UTF-8
    api.send("POST", EVENTS, "application/json", surrogate).isProblem(400, "not valid UTF-8");
    verifyNoInteractions(publisher, lifecycle);
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "application/cbor"})
  void aReportNotDeclaredAsJsonIsRefused(String contentType) {
    api.send("POST", EVENTS, contentType, VALID.getBytes(StandardCharsets.UTF_8))
        .isProblem(415, "Content-Type");
    verifyNoInteractions(publisher, lifecycle);
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/json", "application/json;charset=utf-8"})
  void jsonWithOrWithoutUtf8CharsetIsAccepted(String contentType) {
    when(publisher.publish(anyString(), any(Envelope.class)))
        .thenAnswer(call -> new EventPublisher.Published(call.getArgument(1), true));
    assertThat(
            api.send("POST", EVENTS, contentType, VALID.getBytes(StandardCharsets.UTF_8)).status())
        .isEqualTo(202);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"type\":\"payment.received\",\"type\":\"invoice.paid\",\"data\":{}} | type",
        "{\"type\":\"payment.received\",\"data\":{\"url\":\"a\",\"url\":\"b\"}} | data.url"
      })
  void aKeyTwiceIsRefused(String json, String field) {
    api.send("POST", EVENTS, json).isProblem(400, "duplicate field '" + field + "'");
    verifyNoInteractions(publisher, lifecycle);
  }

  @Test
  void anEnvelopeOver256KibIsRefusedThoughTheReportIsSmaller() {
    String numbers = "1e20,".repeat(52_000) + "1";
    String report = "{\"type\":\"payment.received\",\"data\":{\"n\":[" + numbers + "]}}";
    assertThat(report.length()).isLessThan(256 * 1024);

    api.send("POST", EVENTS, report).isProblem(413, "over the 256 KiB limit");
    verifyNoInteractions(publisher, lifecycle);
  }

  @Test
  void malformedJsonSaysWhereItBreaks() {
    api.send("POST", EVENTS, "\uFEFF" + VALID).isProblem(400, "byte order mark");
    api.send("POST", EVENTS, "{\"type\": x}")
        .isProblem(400, "request body is not valid JSON at line 1, column 10");
    api.send("POST", EVENTS, "{\"type\":\"payment.received\",\"data\":{\"n\":1e99999999999}}")
        .isProblem(400, "send it as a string");
    verifyNoInteractions(publisher, lifecycle);
  }
}
