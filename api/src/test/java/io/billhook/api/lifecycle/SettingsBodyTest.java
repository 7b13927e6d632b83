package io.billhook.api.lifecycle;

import static org.mockito.Mockito.verifyNoInteractions;

import io.billhook.api.testing.EdgeMvc;
import io.billhook.api.testing.EdgeSlice;
import io.billhook.core.lifecycle.SettingsChanges;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

/** PUT settings: the same refusals as every JSON route, and nothing stored or rolled out. */
@EdgeSlice(SettingsController.class)
class SettingsBodyTest {
  private static final String SETTINGS = "/v1/vendors/v1/settings";

  @Autowired EdgeMvc api;
  @MockitoBean SettingsChanges settings;

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"trialExpiringLead\":\"PT1H\\u0000\"} | 400 | field 'trialExpiringLead' contains a NUL",
        "{\"renewalGrace\":\"PT1H\",\"renewalGrace\":\"PT2H\"} | 400 | duplicate field"
            + " 'renewalGrace'",
        "{\"renewalGrace\":\"PT1H\",\"grace\":\"PT2H\"} | 400 | unknown field 'grace'; the fields"
            + " are renewalGrace, trialExpiringLead",
        "{\"renewalGrace\":86400} | 400 | field 'renewalGrace' must be a string",
        "{\"renewalGrace\":[\"PT1H\"]} | 400 | field 'renewalGrace' must be a string",
        "[] | 400 | request body must be a JSON object",
        "{\"renewalGrace\":\"PT1H\" | 400 | request body is not valid JSON at line 1, column 23",
        "'' | 400 | request body is required: a JSON object with trialExpiringLead and/or"
            + " renewalGrace"
      })
  void aBadBodyIsRefusedInTheCallersTerms(String json, int status, String detail) {
    api.send("PUT", SETTINGS, json).isProblem(status, detail);
    verifyNoInteractions(settings);
  }

  @Test
  void onlyJsonInUtf8IsRead() {
    byte[] body = "{\"renewalGrace\":\"PT1H\"}".getBytes(StandardCharsets.UTF_8);
    api.send("PUT", SETTINGS, "text/plain", body).isProblem(415, "Content-Type");
    api.send("PUT", SETTINGS, null, body).isProblem(415, "Content-Type is missing");
    api.send("PUT", SETTINGS, "application/json; charset=ISO-8859-1", body)
        .isProblem(415, "charset 'ISO-8859-1' is not supported");
    byte[] notUtf8 = {'{', '"', 'r', '"', ':', '"', (byte) 0xFF, '"', '}'};
    api.send("PUT", SETTINGS, "application/json", notUtf8).isProblem(400, "not valid UTF-8");
    verifyNoInteractions(settings);
  }
}
