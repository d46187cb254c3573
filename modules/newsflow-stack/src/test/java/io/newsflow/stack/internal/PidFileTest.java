package io.newsflow.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {

  @TempDir
  Path temp;

  @Test
  void aLiveProcessIsFoundAgain() {
    Path file = temp.resolve("kafka.pid");
    PidFile.write(file, ProcessHandle.current(), 9092);
    assertThat(PidFile.readAlive(file)).hasValueSatisfying(found -> {
      assertThat(found.process().pid()).isEqualTo(ProcessHandle.current().pid());
      assertThat(found.port()).isEqualTo(9092);
    });
  }

  @Test
  void aReusedPidIsNotMistakenForOurProcess() throws Exception {
    Path file = temp.resolve("kafka.pid");
    Files.writeString(file, "pid=" + ProcessHandle.current().pid() + "\nstarted=2001-01-01T00:00:00Z\n");
    assertThat(PidFile.readAlive(file)).isEmpty();
  }

  @Test
  void aMissingOrGarbledFileMeansNothingRuns() throws Exception {
    assertThat(PidFile.readAlive(temp.resolve("absent.pid"))).isEmpty();
    Path file = temp.resolve("garbled.pid");
    Files.writeString(file, "pid=twelve\n");
    assertThat(PidFile.readAlive(file)).isEmpty();
  }

  @Test
  void deletingAMissingFileIsFine() {
    PidFile.delete(temp.resolve("absent.pid"));
    assertThat(temp.resolve("absent.pid")).doesNotExist();
  }
}
