package io.newsflow.cli;

import static io.newsflow.cli.TestStack.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.api.DocumentId;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Batch enrichment yields to a running import ({@code enrich.batch-yield}, on by default in {@link TestStack}): its
 * consumer pauses while the batch lane's topic grows and resumes after, on the real Kafka and Elasticsearch. Pausing
 * must only delay enrichment, never lose a document.
 */
class BatchYieldIT {

  @Test
  void everyImportedDocumentIsSearchableAndThenEnrichedAfterTheImport(@TempDir Path dir) throws Exception {
    String word = uniqueWord();
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      Path file = Files.writeString(dir.resolve("yield-" + i + ".txt"),
          "Yield test " + i + "\n\nDocument " + i + " of a small backfill about " + word + ", imported in the batch lane.\n");
      ids.add(DocumentId.ofSource(file.toAbsolutePath().normalize().toUri()).value());
    }

    TestStack.Run run = TestStack.cli("import", "--wait", "--json", dir.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    var search = TestStack.pipeline().search();
    await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
      var states = search.searchable(ids);
      assertThat(states).hasSize(ids.size());
      assertThat(states.values()).allSatisfy(s -> assertThat(s.enriched()).isTrue());
    });
  }
}
