package io.billhook.api.auth;

import io.billhook.worker.config.BillhookProperties;
import io.billhook.worker.ids.RandomIds;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/** The bearer token every request must carry: {@code BILLHOOK_API_TOKEN}, or one made at start. */
@Component
public class ApiToken {
  private final byte[] token;
  private final String value;
  private final boolean generated;

  ApiToken(BillhookProperties properties) {
    String configured = properties.apiToken();
    this.generated = configured == null || configured.isBlank();
    this.value = generated ? RandomIds.newId("bh_") : configured;
    this.token = value.getBytes(StandardCharsets.UTF_8);
  }

  /** Constant-time, so response timing does not leak how much of a guess was right. */
  boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  boolean generated() {
    return generated;
  }

  /** Only for the one start-up line that tells the operator which token to use. */
  String value() {
    return value;
  }
}
