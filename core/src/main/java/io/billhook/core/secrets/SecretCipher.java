package io.billhook.core.secrets;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts a secret for storage with AES-256-GCM under the current key of {@link SecretKeys}:
 * {@code v1:<keyId>:<base64(nonce | ciphertext | tag)>}, with a random 12-byte nonce each time. The
 * binding (e.g. vendor id and endpoint id) is authenticated with it, so a stored value decrypts
 * only for the row it was written for.
 */
public final class SecretCipher {
  private static final String VERSION = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeys keys;

  public SecretCipher(SecretKeys keys) {
    this.keys = keys;
  }

  /** The keys this cipher uses. */
  public SecretKeys keys() {
    return keys;
  }

  public String encrypt(String secret, String... binding) {
    return encryptUnder(keys.current(), secret, binding);
  }

  /** As {@link #encrypt} but under the key {@code keyId}, which must be configured. */
  String encryptUnder(String keyId, String secret, String... binding) {
    String header = header(keyId);
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed =
        crypt(
            Cipher.ENCRYPT_MODE,
            keys.key(keyId),
            nonce,
            associatedData(header, binding),
            secret.getBytes(StandardCharsets.UTF_8));
    return header
        + Base64.getEncoder()
            .encodeToString(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array());
  }

  /**
   * The secret in {@code stored}.
   *
   * @throws Unreadable if it is not in this format, names a key not configured, was altered, or was
   *     written for another binding
   */
  public String decrypt(String stored, String... binding) {
    String keyId = keyId(stored);
    if (keyId == null) {
      throw new Unreadable("not an encrypted secret");
    }
    SecretKey key = keys.key(keyId);
    if (key == null) {
      throw new Unreadable("encrypted under key " + keyId + ", which is not configured");
    }
    String header = header(keyId);
    byte[] blob;
    try {
      blob = Base64.getDecoder().decode(stored.substring(header.length()));
    } catch (IllegalArgumentException e) {
      throw new Unreadable("not valid base64");
    }
    if (blob.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new Unreadable("too short");
    }
    byte[] nonce = Arrays.copyOf(blob, NONCE_BYTES);
    byte[] sealed = Arrays.copyOfRange(blob, NONCE_BYTES, blob.length);
    byte[] plain = crypt(Cipher.DECRYPT_MODE, key, nonce, associatedData(header, binding), sealed);
    return new String(plain, StandardCharsets.UTF_8);
  }

  /** Whether {@code stored} is encrypted under the key that encrypts now. */
  public boolean underCurrentKey(String stored) {
    return keys.current().equals(keyId(stored));
  }

  /** The id of the key {@code stored} names, or null when it is not in this format. */
  public static String keyId(String stored) {
    if (stored == null || !stored.startsWith(VERSION + ":")) {
      return null;
    }
    int end = stored.indexOf(':', VERSION.length() + 1);
    return end < 0 ? null : stored.substring(VERSION.length() + 1, end);
  }

  private static String header(String keyId) {
    return VERSION + ":" + keyId + ":";
  }

  /** The format's header and each part of the binding, length-prefixed so parts cannot shift. */
  private static byte[] associatedData(String header, String... binding) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writePart(out, header);
    for (String part : binding) {
      writePart(out, part);
    }
    return out.toByteArray();
  }

  private static void writePart(ByteArrayOutputStream out, String part) {
    byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
    out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
    out.writeBytes(bytes);
  }

  private static byte[] crypt(
      int mode, SecretKey key, byte[] nonce, byte[] associatedData, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(associatedData);
      return cipher.doFinal(input);
    } catch (AEADBadTagException e) {
      throw new Unreadable("altered, or written for another endpoint or key");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is not available", e);
    }
  }

  /** A stored secret that cannot be decrypted; the message never quotes the value. */
  public static final class Unreadable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unreadable(String why) {
      super("stored secret cannot be decrypted: " + why);
    }
  }
}
