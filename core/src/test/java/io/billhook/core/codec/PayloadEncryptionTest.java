package io.billhook.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.billhook.core.secrets.SecretKeys;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Payloads sealed under the first key, opened under any, refused clearly when they cannot be. */
class PayloadEncryptionTest {
  private static final String K1 = SecretKeys.generate("k1");
  private static final String K2 = SecretKeys.generate("k2");
  private static final String SECRET = "{\"subscriberEmail\":\"ann@example.com\"}";

  @Test
  void aPayloadIsUnreadableInHistoryAndComesBackWhole() {
    Payload plain = json(SECRET);

    Payload sealed = single(codec(K1).encode(List.of(plain)));

    assertThat(sealed.getMetadataMap())
        .containsEntry("encoding", utf8("binary/encrypted"))
        .containsEntry("encryption-key-id", utf8("k1"))
        .hasSize(2);
    assertThat(sealed.getData().toStringUtf8()).doesNotContain("ann@example.com");
    assertThat(single(codec(K1).decode(List.of(sealed)))).isEqualTo(plain);
  }

  @Test
  void theSameValueSealsDifferentlyEachTime() {
    PayloadEncryption codec = codec(K1);

    assertThat(single(codec.encode(List.of(json(SECRET)))).getData())
        .isNotEqualTo(single(codec.encode(List.of(json(SECRET)))).getData());
  }

  @Test
  void aNewFirstKeyEncryptsWhilePayloadsUnderTheOldOneStillOpen() {
    Payload underK1 = single(codec(K1).encode(List.of(json(SECRET))));

    PayloadEncryption rotated = codec(K2, K1);
    Payload underK2 = single(rotated.encode(List.of(json(SECRET))));

    assertThat(single(rotated.decode(List.of(underK1)))).isEqualTo(json(SECRET));
    assertThat(underK2.getMetadataOrThrow("encryption-key-id")).isEqualTo(utf8("k2"));
    assertThat(single(rotated.decode(List.of(underK2)))).isEqualTo(json(SECRET));
  }

  @Test
  void payloadsWrittenBeforeEncryptionPassThrough() {
    Payload old = json(SECRET);

    assertThat(codec(K1).decode(List.of(old))).containsExactly(old);
  }

  @Test
  void aRemovedKeyIsNamedButNeverShown() {
    Payload underK1 = single(codec(K1).encode(List.of(json(SECRET))));

    assertThatThrownBy(() -> codec(K2).decode(List.of(underK1)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageContaining("key id k1, which is not among BILLHOOK_PAYLOAD_KEYS")
        .hasMessageNotContaining(K1.substring(3))
        .hasMessageNotContaining(K2.substring(3));
  }

  @Test
  void anAlteredOrRelabelledPayloadFailsAuthentication() {
    Payload sealed = single(codec(K1).encode(List.of(json(SECRET))));
    byte[] data = sealed.getData().toByteArray();
    data[data.length - 20] ^= 1;
    Payload altered = sealed.toBuilder().setData(ByteString.copyFrom(data)).build();
    String otherK1 = SecretKeys.generate("k1");

    assertThatThrownBy(() -> codec(K1).decode(List.of(altered)))
        .hasMessageContaining("fails authentication under key id k1");
    assertThatThrownBy(() -> codec(otherK1).decode(List.of(sealed)))
        .hasMessageContaining("fails authentication under key id k1");
    Payload truncated = sealed.toBuilder().setData(sealed.getData().substring(0, 10)).build();
    assertThatThrownBy(() -> codec(K1).decode(List.of(truncated)))
        .hasMessageContaining("too short");
    Payload noId = sealed.toBuilder().removeMetadata("encryption-key-id").build();
    assertThatThrownBy(() -> codec(K1).decode(List.of(noId)))
        .hasMessageContaining("encryption-key-id is missing or malformed");
  }

  @Test
  void theDataConverterSealsWhatWorkflowsAndActivitiesExchange() {
    CodecDataConverter converter =
        new CodecDataConverter(DefaultDataConverter.newDefaultInstance(), List.of(codec(K1)));

    Payload written = converter.toPayload(Map.of("email", "ann@example.com")).orElseThrow();

    assertThat(written.getMetadataOrThrow("encoding")).isEqualTo(utf8("binary/encrypted"));
    assertThat(converter.fromPayload(written, Map.class, Map.class))
        .isEqualTo(Map.of("email", "ann@example.com"));
    assertThat(converter.fromPayload(json("\"before\""), String.class, String.class))
        .isEqualTo("before");
  }

  static PayloadEncryption codec(String... entries) {
    return new PayloadEncryption(SecretKeys.parse(List.of(entries), "BILLHOOK_PAYLOAD_KEYS"));
  }

  static Payload json(String json) {
    return Payload.newBuilder()
        .putMetadata("encoding", utf8("json/plain"))
        .setData(utf8(json))
        .build();
  }

  private static ByteString utf8(String text) {
    return ByteString.copyFrom(text, StandardCharsets.UTF_8);
  }

  private static Payload single(List<Payload> payloads) {
    assertThat(payloads).hasSize(1);
    return payloads.get(0);
  }
}
