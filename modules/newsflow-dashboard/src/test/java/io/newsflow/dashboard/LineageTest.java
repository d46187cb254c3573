package io.newsflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.DeadLetter;
import io.newsflow.api.DocumentId;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Stage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineageTest {

  private static final Map<String, Object> DOC = Map.of(
      "id", "d1", "title", "Bridge", "seen_at", "2026-01-01T10:00:00Z", "extracted_at", "2026-01-01T10:00:01Z",
      "indexed_at", "2026-01-01T10:00:03Z", "pipeline_version", "0.1.0", "source", Map.of("uri", "file:///a.txt", "size", 12),
      "metadata", Map.of("newsflow:parser", "org.apache.tika.parser.csv.TextAndCSVParser"),
      "enrichment", Map.of("enriched_at", "2026-01-01T10:00:02Z", "indexed_at", "2026-01-01T10:00:04Z", "pipeline_version", "0.1.0",
          "enrichers", List.of(Map.of("name", "entities", "version", "corenlp-crf/4.5.10", "took", "PT0.04S"))));

  @Test
  void stepsFollowTheTimesTheRecordsCarryWithVersions() {
    Map<String, Object> lineage = Lineage.of("d1", DOC, List.of());
    List<Map<String, Object>> steps = (List<Map<String, Object>>) lineage.get("steps");
    assertThat(steps).extracting(s -> s.get("stage"))
        .containsExactly("seen", "extracted", "enriched", "indexed", "enrichment indexed");
    assertThat(steps.get(1)).containsEntry("parser", "org.apache.tika.parser.csv.TextAndCSVParser").containsEntry("pipeline_version", "0.1.0");
    assertThat(steps.get(2).get("enrichers").toString()).contains("corenlp-crf/4.5.10");
    assertThat(lineage).containsEntry("state", "enriched").containsEntry("source", "file:///a.txt");
  }

  @Test
  void aFailureAfterTheLastIndexingMakesItFailedAndOneBeforeIsHistory() {
    Map<String, Object> late = Map.of("stage", "ingest", "reason", "corrupt", "failed_at", "2026-01-01T11:00:00Z", "message", "bad");
    Map<String, Object> early = Map.of("stage", "ingest", "reason", "empty", "failed_at", "2026-01-01T09:00:00Z", "source", "file:///a.txt");
    assertThat(Lineage.of("d1", DOC, List.of(late))).containsEntry("state", "failed");
    Map<String, Object> replayed = Lineage.of("d1", DOC, List.of(early));
    assertThat(replayed).containsEntry("state", "enriched");
    assertThat(((List<Map<String, Object>>) replayed.get("steps")).get(0)).containsEntry("stage", "failed in ingest");
    Map<String, Object> neverIndexed = Lineage.of("d2", null, List.of(early));
    assertThat(neverIndexed).containsEntry("state", "failed").containsEntry("source", "file:///a.txt");
    assertThat(Lineage.of("d3", null, List.of())).isNull();
    assertThat(Lineage.of("d4", null, List.of(Map.of("stage", "index", "reason", "rejected")))).containsEntry("state", "failed");
  }

  @Test
  void failuresAreCountedByReasonStageAndBucket() {
    Instant now = Instant.now();
    List<DeadLetter> letters = List.of(
        letter(now.minusSeconds(30), FailureReason.CORRUPT, Stage.INGEST),
        letter(now.minusSeconds(25), FailureReason.CORRUPT, Stage.INGEST),
        letter(now.minusSeconds(5), FailureReason.EMPTY, Stage.INDEX),
        letter(now.minus(Duration.ofHours(2)), FailureReason.EMPTY, Stage.INDEX));
    Map<String, Object> f = Lineage.failures(letters, now.minusSeconds(60), 10_000);
    assertThat(f.get("total")).isEqualTo(3L);
    assertThat((Map<String, Long>) f.get("by_reason")).containsEntry("corrupt", 2L).containsEntry("empty", 1L);
    assertThat((Map<String, Long>) f.get("by_stage")).containsEntry("ingest", 2L).containsEntry("index", 1L);
    List<List<Object>> points = (List<List<Object>>) f.get("points");
    assertThat(points.stream().mapToLong(p -> (Long) p.get(1)).sum()).isEqualTo(3);
    assertThat(points).hasSizeBetween(6, 8);
  }

  private static DeadLetter letter(Instant at, FailureReason reason, Stage stage) {
    return new DeadLetter(1, "0.1.0", DocumentId.ofSource(java.net.URI.create("file:///x")), "file:///x", stage, reason,
        null, "m", null, 0, null, at);
  }

  @Test
  void lagHistoryKeepsOneSampleEveryFewSecondsAndTheMaximumPerBucket() {
    Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
    Instant[] now = {t0};
    LagHistory history = new LagHistory(new Clock() {
      @Override public ZoneOffset getZone() { return ZoneOffset.UTC; }
      @Override public Clock withZone(java.time.ZoneId zone) { return this; }
      @Override public Instant instant() { return now[0]; }
    });
    history.record(status(7));
    now[0] = t0.plusSeconds(1);
    history.record(status(100)); // too soon: dropped
    now[0] = t0.plusSeconds(6);
    history.record(status(3));
    now[0] = t0.plusSeconds(70);
    history.record(status(0));
    Map<String, Object> since = history.since(t0, 60_000);
    List<List<Object>> series = (List<List<Object>>) ((Map<String, Object>) since.get("series")).get("index newsflow.extracted-0");
    assertThat(series).containsExactly(List.of(t0.toEpochMilli(), 7L), List.of(t0.toEpochMilli() + 60_000, 0L));
    assertThat((Map<String, Long>) since.get("current")).containsEntry("index newsflow.extracted-0", 0L);
  }

  private static Map<String, Object> status(long lag) {
    return Map.of("kafka", Map.of("stages", List.of(Map.of("stage", "index", "lag_per_partition", Map.of("newsflow.extracted-0", lag)))));
  }
}
