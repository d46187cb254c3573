package io.newsflow.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.FailureReason;
import io.newsflow.extract.ExtractionConfig;
import io.newsflow.extract.testing.LeakingParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.tika.parser.ParseContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parse workers' temporary files: a killed worker's are deleted, and so is everything when the engine closes. */
class ForkedEngineTempFilesTest {

  @TempDir
  Path dir;

  @Test
  void aWorkerKilledInAParseLeavesNoTemporaryFileBehind() throws Exception {
    ExtractionConfig config = ExtractionConfig.defaults().withWorkers(1, 256L * 1024 * 1024).withTimeout(Duration.ofSeconds(4));
    Path tikaConfig = TikaSetup.write(config);
    Path tempParent = Files.createDirectories(dir.resolve("tmp"));
    Path witness = dir.resolve("witness.txt");
    // NUL bytes after the path: binary, so newsflow's text-first detector keeps the detected type.
    Path stuck = Files.writeString(dir.resolve("stuck.bin"), LeakingParser.MAGIC + "\n" + witness + "\n\0\0\0\0");
    Path fine = Files.writeString(dir.resolve("fine.txt"), "The harbour reopened on Monday after the storm.\n");
    Path root;
    try {
      ForkedEngine engine = new ForkedEngine(config, tikaConfig, tempParent);
      root = engine.tempRoot();
      try {
        RawParse timedOut = engine.parse(stuck, "stuck.bin", new ParseContext());

        assertThat(timedOut.failure()).isEqualTo(FailureReason.TIMEOUT);
        Path left = Path.of(Files.readString(witness).strip());
        assertThat(left).as("the worker's temporary file is in the engine's folder").startsWithRaw(root);
        assertThat(left).as("deleted when the worker was replaced").doesNotExist();
        assertThat(left.getParent()).isDirectory();
        // The replacement worker parses the next file, with its temporary folder still in place.
        RawParse next = engine.parse(fine, "fine.txt", new ParseContext());
        assertThat(next.failure()).isNull();
        assertThat(next.metadata().get(0).get("X-TIKA:content")).contains("harbour reopened");
      } finally {
        engine.close();
      }
    } finally {
      Files.deleteIfExists(tikaConfig);
    }
    assertThat(root).as("deleted when the engine closed").doesNotExist();
    assertThat(tempParent).isEmptyDirectory();
  }

  @Test
  void theFoldersOfAnEngineWhoseProcessDiedAreDeletedByTheNextOne() throws Exception {
    Path tempParent = Files.createDirectories(dir.resolve("tmp"));
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path orphan = Files.createDirectories(tempParent.resolve("newsflow-parse-" + gone.pid() + "-123/worker-0"));
    Files.writeString(orphan.resolve("apache-tika-1.tmp.txt"), "OCR output of a worker killed with its importer");
    Path alive = Files.createDirectories(tempParent.resolve("newsflow-parse-" + ProcessHandle.current().pid() + "-456/worker-0"));
    Path other = Files.createDirectories(tempParent.resolve("someone-else"));
    ExtractionConfig config = ExtractionConfig.defaults().withWorkers(1, 256L * 1024 * 1024);
    Path tikaConfig = TikaSetup.write(config);
    try {
      new ForkedEngine(config, tikaConfig, tempParent).close();
    } finally {
      Files.deleteIfExists(tikaConfig);
    }

    assertThat(orphan.getParent()).doesNotExist();
    assertThat(alive).isDirectory();
    assertThat(other).isDirectory();
  }
}
