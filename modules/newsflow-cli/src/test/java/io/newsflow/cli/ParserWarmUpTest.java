package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code up} starts its parse workers before it says it is ready; it needs no Kafka and no Elasticsearch. */
class ParserWarmUpTest {

  @TempDir
  Path dir;

  @Test
  void everyParseWorkerIsRunningOnceTheWarmUpReturnsAndItsPageIsGone() {
    Settings settings = Settings.load(null, Map.of("NEWSFLOW_EXTRACT_WORKERS", "2"), dir);
    try (Pipeline pipeline = new Pipeline(settings, new SimpleMeterRegistry())) {
      await().atMost(Duration.ofSeconds(20)).until(() -> workers().isEmpty()); // none left by other tests

      assertThat(pipeline.warmUpParsers()).isEqualTo(2);

      // Both worker JVMs are up (the test JVM's only java children), ready for the first real file.
      assertThat(workers()).hasSize(2).allMatch(ProcessHandle::isAlive);
      assertThat(Path.of(System.getProperty("java.io.tmpdir")).toFile().list((d, name) -> name.startsWith("newsflow-warm-up-")))
          .as("the warm-up pages are deleted").isEmpty();
    }
    // Closing the pipeline stops them (a kill: gone a moment later).
    await().atMost(Duration.ofSeconds(20)).until(() -> workers().isEmpty());
  }

  private static List<ProcessHandle> workers() {
    return ProcessHandle.current().children().filter(ProcessHandle::isAlive)
        .filter(c -> c.info().command().orElse("").endsWith("java")).toList();
  }
}
