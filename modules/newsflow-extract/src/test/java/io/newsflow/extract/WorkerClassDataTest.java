package io.newsflow.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.Extraction;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import io.newsflow.extract.testing.Fixtures;
import io.newsflow.extract.internal.TikaSetup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parse workers' class-data archive ({@value TikaSetup#WORKER_CDS_PROPERTY}): one the worker cannot use (not an
 * archive at all) costs nothing but the archive. (That a worker maps a good one is checked on the distribution: CDS
 * refuses the directories of a test class path.)
 */
class WorkerClassDataTest {

  private static final ExtractionConfig ONE_WORKER = ExtractionConfig.defaults().withWorkers(1, 256L * 1024 * 1024);

  @TempDir
  Path dir;

  @AfterEach
  void clearProperty() {
    System.clearProperty(TikaSetup.WORKER_CDS_PROPERTY);
  }

  @Test
  void anArchiveTheWorkerCannotUseIsIgnored() throws Exception {
    Path file = Files.writeString(dir.resolve("note.txt"), "Ferry timetables change on the first of May.");
    Path garbage = Files.writeString(dir.resolve("garbage.jsa"), "not a class-data archive");
    assertThat(extractOnce(file, garbage)).contains("Ferry timetables");
  }

  @Test
  void aMissingArchiveAddsNoArgument() throws IOException {
    System.setProperty(TikaSetup.WORKER_CDS_PROPERTY, dir.resolve("absent.jsa").toString());
    Path config = TikaSetup.write(ONE_WORKER);
    try {
      assertThat(Files.readString(config)).doesNotContain("SharedArchiveFile").contains("<arg>-Xlog:disable</arg>");
    } finally {
      Files.deleteIfExists(config);
    }
  }

  private static String extractOnce(Path file, Path archive) {
    if (archive != null) {
      System.setProperty(TikaSetup.WORKER_CDS_PROPERTY, archive.toString());
    }
    try (TikaExtractor extractor = new TikaExtractor(ONE_WORKER)) {
      return text(extractor.extractAll(source(file)));
    } finally {
      System.clearProperty(TikaSetup.WORKER_CDS_PROPERTY);
    }
  }

  @SuppressWarnings("unchecked")
  private static String text(Outcome<Extraction> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Success.class);
    return ((Outcome.Success<Extraction>) outcome).value().document().text();
  }

  private static SourceFile source(Path file) {
    return Fixtures.source(file, Instant.now(), null);
  }
}
