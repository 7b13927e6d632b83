package io.billhook.core.codec;

import com.google.protobuf.ByteString;
import io.billhook.core.refusals.Refusal;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Temporal's remote codec protocol over {@link PayloadEncryption}: what the Temporal UI (or {@code
 * temporal ... --codec-endpoint}) sends to see a run's payloads in clear, or to encrypt what it
 * sends. Bad input is refused in the protocol's terms, naming the payload by position.
 */
public final class PayloadCodecService {
  /** More than a history page of payloads; the request body's size bounds it first. */
  static final int MAX_PAYLOADS = 4096;

  private final PayloadEncryption encryption;
  private final String namespace;

  PayloadCodecService(PayloadEncryption encryption, String namespace) {
    this.encryption = encryption;
    this.namespace = namespace;
  }

  /** The payloads in clear; those that were never encrypted come back as they are. */
  public List<WirePayload> decode(String requestNamespace, List<WirePayload> payloads) {
    return apply(requestNamespace, payloads, encryption::decode);
  }

  /** The payloads encrypted under the key that encrypts now. */
  public List<WirePayload> encode(String requestNamespace, List<WirePayload> payloads) {
    return apply(requestNamespace, payloads, encryption::encode);
  }

  private List<WirePayload> apply(
      String requestNamespace, List<WirePayload> payloads, UnaryOperator<List<Payload>> codec) {
    if (requestNamespace != null && !requestNamespace.equals(namespace)) {
      throw Refusal.invalid(
          "X-Namespace names a namespace this codec does not serve; it serves " + namespace);
    }
    if (payloads == null) {
      throw Refusal.invalid("send {\"payloads\": [{\"metadata\": {...}, \"data\": \"...\"}]}");
    }
    if (payloads.size() > MAX_PAYLOADS) {
      throw new Refusal(
          Refusal.Kind.TOO_LARGE,
          "payloads holds " + payloads.size() + " entries; send at most " + MAX_PAYLOADS);
    }
    List<Payload> in = new ArrayList<>(payloads.size());
    for (int i = 0; i < payloads.size(); i++) {
      in.add(read(payloads.get(i), "payloads[" + i + "]"));
    }
    List<Payload> out;
    try {
      out = codec.apply(in);
    } catch (PayloadCodecException e) {
      throw Refusal.invalid(e.getMessage());
    }
    return out.stream().map(PayloadCodecService::write).toList();
  }

  private static Payload read(WirePayload wire, String where) {
    if (wire == null) {
      throw Refusal.invalid(where + " is null; expected {\"metadata\": {...}, \"data\": \"...\"}");
    }
    Payload.Builder payload = Payload.newBuilder();
    if (wire.metadata() != null) {
      wire.metadata()
          .forEach(
              (key, value) ->
                  payload.putMetadata(key, bytes(value, where + ".metadata." + printable(key))));
    }
    return payload.setData(bytes(wire.data(), where + ".data")).build();
  }

  private static ByteString bytes(String base64, String where) {
    if (base64 == null) {
      return ByteString.EMPTY;
    }
    try {
      return ByteString.copyFrom(Base64.getDecoder().decode(base64));
    } catch (IllegalArgumentException e) {
      throw Refusal.invalid(where + " is not valid base64");
    }
  }

  /** A metadata key as it may appear in a message: short, letters, digits and - _ . only. */
  private static String printable(String key) {
    return key.matches("[A-Za-z0-9._-]{1,64}") ? key : "<key>";
  }

  private static WirePayload write(Payload payload) {
    Base64.Encoder base64 = Base64.getEncoder();
    Map<String, String> metadata = new LinkedHashMap<>();
    payload
        .getMetadataMap()
        .forEach((key, value) -> metadata.put(key, base64.encodeToString(value.toByteArray())));
    return new WirePayload(metadata, base64.encodeToString(payload.getData().toByteArray()));
  }
}
