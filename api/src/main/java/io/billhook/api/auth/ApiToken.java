package io.billhook.api.auth;

import io.billhook.core.config.BillhookProperties;
import io.billhook.core.ids.RandomIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import org.springframework.stereotype.Component;

/**
 * The admin bearer token: {@code BILLHOOK_API_TOKEN}, or else one generated at the first start and
 * kept in {@code <data dir>/api-token} (owner-only), so that it stays the same across restarts.
 */
@Component
public class ApiToken {
  static final String FILE = "api-token";

  private final byte[] token;
  private final String value;
  private final boolean generated;
  private final Path file;

  ApiToken(BillhookProperties properties) {
    String configured = properties.apiToken();
    this.generated = configured == null || configured.isBlank();
    this.file = Path.of(properties.dataDir()).toAbsolutePath().normalize().resolve(FILE);
    this.value = generated ? kept(file) : configured;
    this.token = value.getBytes(StandardCharsets.UTF_8);
  }

  /** Constant-time, so response timing does not leak how much of a guess was right. */
  public boolean matches(String candidate) {
    return candidate != null
        && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  boolean generated() {
    return generated;
  }

  Path file() {
    return file;
  }

  /** Only for the one start-up line that tells the operator which token to use. */
  String value() {
    return value;
  }

  /** The token in the file, made there (0600, atomically) if there is none yet. */
  private static String kept(Path file) {
    try {
      Files.createDirectories(file.getParent());
      try {
        String fresh = RandomIds.newId("bh_");
        write(file, fresh);
        return fresh;
      } catch (FileAlreadyExistsException exists) {
        String stored = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (!stored.matches("[A-Za-z0-9_-]{16,256}")) {
          throw new IllegalStateException(
              file + " does not hold an API token; delete it to make a new one");
        }
        return stored;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the API token in " + file, e);
    }
  }

  private static void write(Path file, String token) throws IOException {
    Path temp = file.resolveSibling(FILE + "." + RandomIds.newId("") + ".new");
    Files.deleteIfExists(temp);
    try {
      Files.createFile(
          temp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      Files.createFile(temp);
    }
    Files.writeString(temp, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.SYNC);
    // A link, unlike a rename, fails if the file is there: two first starts agree on one token.
    try {
      Files.createLink(file, temp);
    } finally {
      Files.deleteIfExists(temp);
    }
  }
}
