package io.billhook.core.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.billhook.core.secrets.SecretKeys;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * The payload codec: every payload Billhook writes to Temporal is sealed whole (its metadata and
 * data, serialized) with AES-256-GCM under the first of {@code BILLHOOK_PAYLOAD_KEYS}, with a
 * random 12-byte nonce, into a payload of encoding {@value #ENCODING} that names its key in {@value
 * #KEY_ID}. Any configured key decrypts, so a new key can be put first while runs written under the
 * old one go on. Payloads of any other encoding (written before encryption) pass through unchanged.
 */
public final class PayloadEncryption implements PayloadCodec {
  public static final String ENCODING = "binary/encrypted";
  public static final String KEY_ID = "encryption-key-id";
  static final String ENCODING_KEY = "encoding";

  private static final int NONCE_BYTES = 12;
  private static final int TAG_BYTES = 16;
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ByteString ENCODING_BYTES = ByteString.copyFromUtf8(ENCODING);
  private static final Pattern PRINTABLE_ID = Pattern.compile("[A-Za-z0-9-]{1,32}");

  /** {@code BILLHOOK_PAYLOAD_KEYS}: the first seals, any opens. */
  private final SecretKeys keys;

  public PayloadEncryption(SecretKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
    // Loads the cipher provider and seeds the random source now: done first inside a workflow
    // thread, that can take long enough on a busy machine to trip the SDK's deadlock detector.
    open(seal(Payload.getDefaultInstance()));
  }

  /** The ids of the keys, the one that encrypts first. */
  public List<String> keyIds() {
    return List.copyOf(keys.ids());
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::seal).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::open).toList();
  }

  private Payload seal(Payload payload) {
    String keyId = keys.current();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] plain = payload.toByteArray();
    ByteBuffer sealed = ByteBuffer.allocate(NONCE_BYTES + plain.length + TAG_BYTES).put(nonce);
    try {
      cipher(Cipher.ENCRYPT_MODE, keys.key(keyId), keyId, nonce)
          .doFinal(ByteBuffer.wrap(plain), sealed);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM could not encrypt a payload", e);
    }
    return Payload.newBuilder()
        .putMetadata(ENCODING_KEY, ENCODING_BYTES)
        .putMetadata(KEY_ID, ByteString.copyFromUtf8(keyId))
        .setData(ByteString.copyFrom(sealed.array()))
        .build();
  }

  private Payload open(Payload payload) {
    if (!ENCODING_BYTES.equals(payload.getMetadataOrDefault(ENCODING_KEY, ByteString.EMPTY))) {
      return payload;
    }
    String keyId = payload.getMetadataOrDefault(KEY_ID, ByteString.EMPTY).toStringUtf8();
    if (!PRINTABLE_ID.matcher(keyId).matches()) {
      throw new UnreadablePayload("its encryption-key-id is missing or malformed");
    }
    SecretKey key = keys.key(keyId);
    if (key == null) {
      throw new UnreadablePayload(
          "it is encrypted under key id "
              + keyId
              + ", which is not among BILLHOOK_PAYLOAD_KEYS; add that key back (after the one that"
              + " encrypts)");
    }
    byte[] sealed = payload.getData().toByteArray();
    if (sealed.length < NONCE_BYTES + TAG_BYTES) {
      throw new UnreadablePayload("its data is too short for key id " + keyId);
    }
    byte[] plain;
    try {
      plain =
          cipher(Cipher.DECRYPT_MODE, key, keyId, Arrays.copyOf(sealed, NONCE_BYTES))
              .doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
    } catch (AEADBadTagException e) {
      throw new UnreadablePayload(
          "it fails authentication under key id "
              + keyId
              + " (altered, or sealed by another key of that id)");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM could not decrypt a payload", e);
    }
    try {
      return Payload.parseFrom(plain);
    } catch (InvalidProtocolBufferException e) {
      throw new UnreadablePayload("its decrypted content is not a payload");
    }
  }

  /** A cipher bound to the key id (associated data), so a payload cannot be relabelled. */
  private static Cipher cipher(int mode, SecretKey key, String keyId, byte[] nonce)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    cipher.init(mode, key, new GCMParameterSpec(TAG_BYTES * 8, nonce));
    cipher.updateAAD(("billhook-payload:" + keyId).getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  /** A payload this codec cannot decrypt; the message names the key id, never a key. */
  public static final class UnreadablePayload extends PayloadCodecException {
    private static final long serialVersionUID = 1L;

    UnreadablePayload(String why) {
      super("payload cannot be decrypted: " + why);
    }
  }
}
