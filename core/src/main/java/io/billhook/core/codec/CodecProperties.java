package io.billhook.core.codec;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Payload encryption and the codec endpoint ({@code BILLHOOK_PAYLOAD_KEYS}, {@code
 * BILLHOOK_TEMPORAL_UI_ORIGIN}).
 *
 * @param payloadKeys the keys payloads are encrypted under, {@code id=base64} each, the one that
 *     encrypts first; empty: the embedded default keeps a generated one in its data dir
 * @param temporalUiOrigin the origins of the Temporal UI that may call the codec endpoint from a
 *     browser; empty: the embedded default's own UI, and no browser elsewhere
 */
@ConfigurationProperties(prefix = "billhook")
public record CodecProperties(List<String> payloadKeys, List<String> temporalUiOrigin) {
  public CodecProperties {
    payloadKeys = payloadKeys == null ? List.of() : List.copyOf(payloadKeys);
    temporalUiOrigin = temporalUiOrigin == null ? List.of() : List.copyOf(temporalUiOrigin);
  }

  /** Without the keys, which must never reach a log. */
  @Override
  public String toString() {
    return "CodecProperties[payloadKeys=%d, temporalUiOrigin=%s]"
        .formatted(payloadKeys.size(), temporalUiOrigin);
  }
}
