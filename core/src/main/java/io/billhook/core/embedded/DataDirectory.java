package io.billhook.core.embedded;

import io.billhook.core.config.BillhookProperties;
import io.billhook.core.ids.RandomIds;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.function.Supplier;
import org.springframework.stereotype.Component;

/**
 * The data dir of the embedded default ({@code BILLHOOK_DATA_DIR}). Whoever runs an embedded server
 * from it first takes its lock, so that two Billhooks never share (and never stop each other's)
 * children; the OS releases the lock when this JVM dies, however it dies.
 */
@Component
public class DataDirectory implements AutoCloseable {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");
  private final Path root;
  private FileChannel lockChannel;
  private FileLock lock;

  public DataDirectory(BillhookProperties properties) {
    this.root = Path.of(properties.dataDir()).toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** A directory under the data dir, created if need be. */
  public Path directory(String name) {
    Path dir = root.resolve(name);
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    return dir;
  }

  /**
   * The content of the owner-only file {@code name} under the data dir, made there (0600,
   * atomically, so two first starts agree) from {@code fresh} if there is none yet.
   */
  public String kept(String name, Supplier<String> fresh) {
    Path file = directory(".").resolve(name).normalize();
    try {
      Path temp = file.resolveSibling(name + "." + RandomIds.newId("") + ".new");
      try {
        Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      } catch (UnsupportedOperationException notPosix) {
        Files.createFile(temp);
      }
      try {
        Files.writeString(
            temp, fresh.get() + "\n", StandardCharsets.UTF_8, StandardOpenOption.SYNC);
        // A link, unlike a rename, fails if the file is there already.
        Files.createLink(file, temp);
      } catch (FileAlreadyExistsException exists) {
        // Made by an earlier start: that one stays.
      } finally {
        Files.deleteIfExists(temp);
      }
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep " + file, e);
    }
  }

  /** Takes the data dir for this JVM; refuses to start when another live Billhook holds it. */
  public synchronized void claim() {
    if (lock != null) {
      return;
    }
    Path file = directory(".").resolve("billhook.lock");
    try {
      lockChannel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      lock = lockChannel.tryLock();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot lock " + file, e);
    }
    if (lock == null) {
      throw new IllegalStateException(
          "Another Billhook is running with the data dir "
              + root
              + "; stop it, or give this one its own BILLHOOK_DATA_DIR");
    }
  }

  @Override
  public synchronized void close() throws IOException {
    if (lock != null) {
      lock.release();
      lockChannel.close();
      lock = null;
    }
  }
}
