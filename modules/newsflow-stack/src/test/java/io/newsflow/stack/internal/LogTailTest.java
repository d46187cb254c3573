package io.newsflow.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

  @TempDir
  Path temp;

  @Test
  void onlyLinesWrittenSinceTheOffsetAreQuoted() throws Exception {
    Path log = temp.resolve("kafka.log");
    Files.writeString(log, "from an earlier run\n");
    long offset = LogTail.sizeOf(log);
    Files.writeString(log, "Error occurred during initialization of VM\nToo small maximum heap\n",
        java.nio.file.StandardOpenOption.APPEND);
    assertThat(LogTail.read(log, offset, 15)).containsExactly("Error occurred during initialization of VM", "Too small maximum heap");
  }

  @Test
  void atMostTheLastLinesAreQuoted() throws Exception {
    Path log = temp.resolve("elasticsearch.log");
    Files.writeString(log, IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).collect(Collectors.joining("\n")));
    assertThat(LogTail.read(log, 0, 15)).hasSize(15).startsWith("line 86").endsWith("line 100");
  }

  @Test
  void theTailFollowsTheSummaryIndented() throws Exception {
    Path log = temp.resolve("kafka.log");
    Files.writeString(log, "boom\n");
    StringBuilder message = new StringBuilder("Kafka exited");
    LogTail.appendTail(message, log, 0);
    assertThat(message.toString()).isEqualTo("Kafka exited\n  last lines of " + log + ":\n    boom");
  }

  @Test
  void aMissingLogGivesNoLines() {
    assertThat(LogTail.read(temp.resolve("absent.log"), 0, 15)).isEmpty();
    assertThat(LogTail.sizeOf(temp.resolve("absent.log"))).isZero();
  }
}
