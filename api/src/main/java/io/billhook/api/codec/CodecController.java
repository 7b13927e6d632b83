package io.billhook.api.codec;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.billhook.core.codec.PayloadCodecService;
import io.billhook.core.codec.WirePayload;
import io.swagger.v3.oas.annotations.Hidden;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Temporal's remote codec endpoint, for the Temporal UI and {@code temporal --codec-endpoint}:
 * {@code POST /codec/decode} and {@code /codec/encode} with {@code {"payloads": [...]}}.
 */
// Temporal's protocol, not Billhook's API: left out of the API reference.
@Hidden
@RestController
@RequestMapping("/codec")
class CodecController {
  private static final String NAMESPACE = "X-Namespace";

  private final PayloadCodecService codec;

  CodecController(PayloadCodecService codec) {
    this.codec = codec;
  }

  /** The protocol's body; a payload's fields other than metadata and data are not the codec's. */
  record Payloads(List<Payload> payloads) {
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Payload(Map<String, String> metadata, String data) {}

    List<WirePayload> wire() {
      return payloads == null
          ? null
          : payloads.stream()
              .map(p -> p == null ? null : new WirePayload(p.metadata(), p.data()))
              .toList();
    }

    static Payloads of(List<WirePayload> wire) {
      return new Payloads(wire.stream().map(p -> new Payload(p.metadata(), p.data())).toList());
    }
  }

  @PostMapping("/decode")
  Payloads decode(
      @RequestHeader(name = NAMESPACE, required = false) String namespace,
      @RequestBody Payloads body) {
    return Payloads.of(codec.decode(namespace, body.wire()));
  }

  @PostMapping("/encode")
  Payloads encode(
      @RequestHeader(name = NAMESPACE, required = false) String namespace,
      @RequestBody Payloads body) {
    return Payloads.of(codec.encode(namespace, body.wire()));
  }
}
