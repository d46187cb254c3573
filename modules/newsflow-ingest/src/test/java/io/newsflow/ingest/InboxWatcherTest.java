package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InboxWatcherTest {

  @Test
  void filesAlreadyThereAreFoundOnStartAndNewOnesAfterTheySettle(@TempDir Path inbox) throws Exception {
    Files.writeString(inbox.resolve("before.txt"), "dropped while newsflow was down");
    List<Path> seen = new CopyOnWriteArrayList<>();
    try (InboxWatcher watcher = new InboxWatcher(inbox, Duration.ofMillis(200), seen::add)) {
      Thread thread = new Thread(watcher);
      thread.start();
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(inbox.resolve("before.txt")));

      Path sub = Files.createDirectories(inbox.resolve("desk"));
      Files.writeString(sub.resolve("new.txt"), "a new arrival in a new folder");
      Files.writeString(inbox.resolve(".hidden"), "never");
      Files.writeString(inbox.resolve("upload.part"), "never");
      await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains(sub.resolve("new.txt")));
      assertThat(seen).doesNotContain(inbox.resolve(".hidden"), inbox.resolve("upload.part"));
    }
  }

  @Test
  void aFileStillBeingWrittenIsNotHandedOverHalfWay(@TempDir Path inbox) throws Exception {
    List<Long> sizes = new CopyOnWriteArrayList<>();
    Path file = inbox.resolve("slow.txt");
    try (InboxWatcher watcher = new InboxWatcher(inbox, Duration.ofMillis(500), p -> {
      try {
        sizes.add(Files.size(p));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    })) {
      new Thread(watcher).start();
      try (OutputStream out = Files.newOutputStream(file)) {
        // Writes for about 1.5 s, a chunk every 100 ms: shorter pauses than the settle time.
        for (int i = 0; i < 15; i++) {
          out.write(new byte[1000]);
          out.flush();
          Thread.sleep(100);
        }
      }
      await().atMost(Duration.ofSeconds(10)).until(() -> !sizes.isEmpty());
      assertThat(sizes).containsExactly(15_000L);
    }
  }

  @Test
  void hiddenAndPartialFilesAreIgnoredWhenWalking() {
    assertThat(FileWalker.isIgnored(Path.of("a/.git/config"))).isTrue();
    assertThat(FileWalker.isIgnored(Path.of("report.pdf.part"))).isTrue();
    assertThat(FileWalker.isIgnored(Path.of("notes.txt~"))).isTrue();
    assertThat(FileWalker.isIgnored(Path.of("desk/story.html"))).isFalse();
  }
}
