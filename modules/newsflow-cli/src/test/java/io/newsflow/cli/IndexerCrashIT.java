package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.api.Json;
import io.newsflow.kafka.DeadLetterReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills an index-stage process with SIGKILL in the middle of an import and starts another: every
 * document arrives, none twice. Uses its own topics and index so the shared pipeline stays out of it.
 */
class IndexerCrashIT {

  private static final int FILES = 2000;

  @Test
  void killingTheIndexerMidImportLosesNothingAndDuplicatesNothing(@TempDir Path dir) throws Exception {
    TestStack.config();
    // Topics and index of their own, new each run: the test data folder survives between runs.
    String run = "crash" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    String alias = run + "-articles";
    Path config = TestStack.writeConfig(dir.resolve("crash.properties"), Map.of(
        "kafka.topic-prefix", run + ".",
        "elasticsearch.index-alias", alias,
        // Small bulks so the indexer is still busy when it is killed.
        "elasticsearch.bulk.max-operations", "10",
        // The killed member is noticed after the session timeout: 10 s instead of the default 45 s.
        "kafka.client.session.timeout.ms", "10000"));
    Path files = Files.createDirectories(dir.resolve("files"));
    for (int i = 0; i < FILES; i++) {
      Files.writeString(files.resolve("doc-" + i + ".txt"), "Crash test document " + i + "\n\nBody of document number " + i + ".");
    }
    Settings settings = Settings.load(config, Map.of(), TestStack.dataDir());

    // Publish everything first, with no indexer running.
    TestStack.Run imported = TestStack.cliWith(config, "import", "--json", files.toString());
    assertThat(imported.exitCode())
        .as(() -> imported.err() + "\n--- last lines of the broker's log ---\n" + TestStack.kafkaLogTail(60)).isZero();
    assertThat(Json.mapper().readTree(imported.out()).get("published").asLong()).isEqualTo(FILES);

    try (Pipeline reader = new Pipeline(settings, new SimpleMeterRegistry()).prepare()) {
      ElasticsearchClient es = reader.esClient();
      Process first = startIndexer(config, TestStack.dataDir().resolve(run + "-indexer-1.log"));
      // Index statistics count writes as they happen; a search count would wait for the next refresh.
      await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(10)).until(() -> indexedSoFar(es, alias) > 0);
      first.destroyForcibly().waitFor();
      es.indices().refresh(r -> r.index(alias));
      long atKill = reader.search().count();
      assertThat(atKill).as("killed mid-import").isLessThan(FILES);

      Process second = startIndexer(config, TestStack.dataDir().resolve(run + "-indexer-2.log"));
      try {
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
            .until(() -> reader.search().count() == FILES);
      } finally {
        second.destroy();
        second.waitFor();
      }
      es.indices().refresh(r -> r.index(alias));
      // Total documents in the index, stubs included: no duplicates, no strays.
      assertThat(es.count(c -> c.index(alias)).count()).isEqualTo(FILES);
      try (DeadLetterReader deadLetters = new DeadLetterReader(reader.kafkaConfig())) {
        assertThat(deadLetters.readAll()).isEmpty();
      }
    }
  }

  private static long indexedSoFar(ElasticsearchClient es, String alias) throws java.io.IOException {
    return es.indices().stats(s -> s.index(alias).metric("indexing")).all().primaries().indexing().indexTotal();
  }

  private static Process startIndexer(Path config, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(List.of(java, "-Xmx512m",
        "-Dnewsflow.root=" + TestStack.root(), "-Dnewsflow.home=" + TestStack.distribution(),
        "-cp", TestStack.distribution().resolve("lib") + "/*", Main.class.getName(),
        "--config", config.toString(), "run", "--stages", "index,enrich"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

}
