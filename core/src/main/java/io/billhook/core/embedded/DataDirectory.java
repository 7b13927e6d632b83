package io.billhook.core.embedded;

import io.billhook.core.config.BillhookProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.stereotype.Component;

/**
 * The data dir of the embedded default ({@code BILLHOOK_DATA_DIR}). Whoever runs an embedded server
 * from it first takes its lock, so that two Billhooks never share (and never stop each other's)
 * children; the OS releases the lock when this JVM dies, however it dies.
 */
@Component
public class DataDirectory implements AutoCloseable {
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
