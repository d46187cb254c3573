package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.api.Json;
import io.newsflow.api.Stage;
import io.newsflow.kafka.DeadLetterReader;
import io.newsflow.kafka.Lane;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two enrich workers, each its own JVM ({@code newsflow run --stages enrich}), share a topic of four
 * partitions; one is killed with SIGKILL in the middle of the run. The survivor takes over its
 * partitions and redoes its uncommitted records: every document ends up enriched, once, with no
 * stray or double entry in the index and nothing dead-lettered. The index and story stages run in
 * this JVM. Topics and index of its own, new each run.
 */
class EnrichWorkersCrashIT {

  private static final int FILES = 400;
  private static final int PARTITIONS = 4;

  @Test
  void killingOneOfTwoEnrichWorkersLosesNothingAndDuplicatesNothing(@TempDir Path dir) throws Exception {
    TestStack.config();
    String run = "scale" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    String alias = run + "-articles";
    Path config = TestStack.writeConfig(dir.resolve("scale.properties"), Map.of(
        "kafka.topic-prefix", run + ".",
        "kafka.partitions", String.valueOf(PARTITIONS),
        "elasticsearch.index-alias", alias,
        // The killed member is noticed after the session timeout: 10 s instead of the default 45 s.
        "kafka.client.session.timeout.ms", "10000"));
    Path files = Files.createDirectories(dir.resolve("files"));
    String[] people = {"Tomas Reyvik", "Ilse Varga", "Jonah Pell", "Mara Okonkwo"};
    for (int i = 0; i < FILES; i++) {
      String person = people[i % people.length];
      Files.writeString(files.resolve("doc-" + i + ".txt"), "Harbour report " + i + "\n\n"
          + "Mayor " + person + " said on Monday that the ferry pier number " + i + " in Port Elwin would reopen. "
          + "\"We have waited long enough,\" " + person + " told the Coastal Herald. "
          + "Engineers from Northgate inspected the pier for " + (i % 7 + 2) + " days before the council voted.");
    }
    Settings settings = Settings.load(config, Map.of(), TestStack.dataDir());

    try (Pipeline reader = new Pipeline(settings, new SimpleMeterRegistry()).prepare()) {
      ElasticsearchClient es = reader.esClient();
      Process first = startEnrichWorker(config, TestStack.dataDir().resolve(run + "-enrich-1.log"));
      Process second = startEnrichWorker(config, TestStack.dataDir().resolve(run + "-enrich-2.log"));
      long atKill;
      try {
        // Both workers are in the group and share the partitions before any document arrives.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> {
          ConsumerGroupDescription group = reader.admin().describeConsumerGroups(List.of(settings.kafka().enrichGroup(Lane.BATCH)))
              .all().get(10, TimeUnit.SECONDS).get(settings.kafka().enrichGroup(Lane.BATCH));
          return group.members().size() == 2 && group.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty());
        });
        reader.startStages(EnumSet.of(Stage.INDEX, Stage.STORY));

        TestStack.Run imported = TestStack.cliWith(config, "import", "--json", files.toString());
        assertThat(imported.exitCode()).as(imported.err()).isZero();
        assertThat(Json.mapper().readTree(imported.out()).get("published").asLong()).isEqualTo(FILES);

        // A slow answer of the broker under load (the admin call's 10 s timeout) is a poll that did not count, not a failure.
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).ignoreExceptions()
            .until(() -> enrichmentsPublished(reader, settings) >= 20);
        first.destroyForcibly().waitFor();
        atKill = enrichmentsPublished(reader, settings);
        assertThat(atKill).as("killed mid-run").isLessThan(FILES);

        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).until(() -> enrichedCount(es, alias) == FILES);
        // Every document has been given a story id by the story stage too.
        await().atMost(Duration.ofSeconds(300)).pollInterval(Duration.ofSeconds(1)).until(() -> {
          es.indices().refresh(r -> r.index(alias));
          return es.count(c -> c.index(alias).query(q -> q.exists(e -> e.field("story.id")))).count() == FILES;
        });
      } finally {
        for (Process p : List.of(first, second)) {
          p.destroy();
          p.waitFor();
        }
      }
      es.indices().refresh(r -> r.index(alias));
      // Total documents in the index, stubs included: no duplicates, no strays; each enriched from its own revision.
      assertThat(es.count(c -> c.index(alias)).count()).isEqualTo(FILES);
      assertThat(enrichedCount(es, alias)).isEqualTo(FILES);
      assertThat(notEnrichedFromItsRevision(es, alias)).isZero();
      // The survivor redid what the killed worker had not committed; the index absorbed it.
      assertThat(enrichmentsPublished(reader, settings)).isGreaterThanOrEqualTo(FILES);
      System.out.printf("EnrichWorkersCrashIT: %d enrichments published at the kill, %d in all for %d documents%n",
          atKill, enrichmentsPublished(reader, settings), FILES);
      try (DeadLetterReader deadLetters = new DeadLetterReader(reader.kafkaConfig())) {
        assertThat(deadLetters.readAll()).isEmpty();
      }
    }
  }

  /** Counts indexed documents (stubs excluded) that carry an enrichment. */
  private static long enrichedCount(ElasticsearchClient es, String alias) throws java.io.IOException {
    es.indices().refresh(r -> r.index(alias));
    return es.count(c -> c.index(alias).query(q -> q.bool(b -> b
        .filter(f -> f.exists(e -> e.field("revision")))
        .filter(f -> f.exists(e -> e.field("enrichment.revision")))))).count();
  }

  @SuppressWarnings({"rawtypes"})
  private static long notEnrichedFromItsRevision(ElasticsearchClient es, String alias) throws java.io.IOException {
    SearchResponse<Map> all = es.search(s -> s.index(alias).size(FILES + 10)
        .source(src -> src.filter(f -> f.includes("revision", "enrichment.revision"))), Map.class);
    return all.hits().hits().stream().filter(h -> {
      Object revision = h.source().get("revision");
      Object enriched = h.source().get("enrichment") instanceof Map e ? e.get("revision") : null;
      return revision == null || !revision.equals(enriched);
    }).count();
  }

  /** Counts records on the enrichments topic (the end offsets of its partitions). */
  private static long enrichmentsPublished(Pipeline reader, Settings settings) throws Exception {
    String topic = settings.kafka().enrichmentsTopic(Lane.BATCH);
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (int p = 0; p < PARTITIONS; p++) {
      latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
    }
    return reader.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).values().stream()
        .mapToLong(i -> i.offset()).sum();
  }

  private static Process startEnrichWorker(Path config, Path log) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(List.of(java, "-Xmx512m",
        "-Dnewsflow.root=" + TestStack.root(), "-Dnewsflow.home=" + TestStack.distribution(),
        "-cp", TestStack.distribution().resolve("lib") + "/*", Main.class.getName(),
        "--config", config.toString(), "run", "--stages", "enrich"))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }
}
