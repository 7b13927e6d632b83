package io.billhook.core.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanedProcessTest {
  @TempDir Path dir;
  private Process sleeper;

  @AfterEach
  void killSleeper() {
    if (sleeper != null) {
      sleeper.destroyForcibly();
    }
  }

  @Test
  void stopsTheProcessItsPidFileNamesWhenItIsStillThatProgram() throws Exception {
    Path marker = dir.resolve("its-own-file");
    // The marker is the shell's $0: in its command line, as a data file would be.
    sleeper = new ProcessBuilder("sh", "-c", "sleep 300; :", marker.toString()).start();
    Path pidFile = writePid(sleeper.pid());

    boolean stopped =
        OrphanedProcess.stop(
            pidFile, "a test program", Duration.ofSeconds(5), "sh", marker.toString());

    assertThat(stopped).isTrue();
    assertThat(sleeper.waitFor(5, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void leavesAStrangerAloneWhoGotTheSamePid() throws Exception {
    sleeper =
        new ProcessBuilder("sh", "-c", "sleep 300; :", dir.resolve("its-file").toString()).start();
    Path pidFile = writePid(sleeper.pid());

    boolean stopped =
        OrphanedProcess.stop(
            pidFile,
            "a test program",
            Duration.ofSeconds(5),
            "sh",
            dir.resolve("another-file").toString());

    assertThat(stopped).isFalse();
    assertThat(sleeper.isAlive()).isTrue();
  }

  @Test
  void ignoresAMissingOrGarbledPidFile() throws Exception {
    assertThat(OrphanedProcess.stop(dir.resolve("none.pid"), "x", Duration.ofSeconds(1), "x"))
        .isFalse();
    Path garbled = dir.resolve("garbled.pid");
    Files.writeString(garbled, "not a pid\n");
    assertThat(OrphanedProcess.stop(garbled, "x", Duration.ofSeconds(1), "x")).isFalse();
  }

  private Path writePid(long pid) throws Exception {
    Path pidFile = dir.resolve("program.pid");
    Files.writeString(pidFile, pid + "\n");
    return pidFile;
  }
}
