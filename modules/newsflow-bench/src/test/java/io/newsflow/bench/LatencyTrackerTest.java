package io.newsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LatencyTrackerTest {

  @Test
  void percentilesAreNearestRank() {
    List<Long> values = IntStream.rangeClosed(1, 100).mapToObj(i -> (long) i).toList();
    LatencyTracker.Percentiles p = LatencyTracker.Percentiles.of(values);
    assertThat(p.p50()).isEqualTo(50);
    assertThat(p.p95()).isEqualTo(95);
    assertThat(p.p99()).isEqualTo(99);
    assertThat(p.max()).isEqualTo(100);
    assertThat(p.count()).isEqualTo(100);
  }

  @Test
  void aDocumentCountsAsEnrichedOnlyOnceItsEnrichmentIsVisible() {
    Map<String, LatencyTracker.Visible> index = new HashMap<>();
    LatencyTracker tracker = new LatencyTracker((ids, enrichedOnly) -> {
      Map<String, LatencyTracker.Visible> out = new HashMap<>();
      ids.forEach(id -> {
        if (index.containsKey(id) && (!enrichedOnly || index.get(id).enriched())) {
          out.put(id, index.get(id));
        }
      });
      return out;
    }, Set.of("a", "b"));
    Instant seen = Instant.now().minusMillis(500);

    index.put("a", new LatencyTracker.Visible(seen, false));
    assertThat(tracker.poll()).isFalse();
    assertThat(tracker.pendingSearchable()).isEqualTo(1);
    assertThat(tracker.pendingEnriched()).isEqualTo(2);

    index.put("a", new LatencyTracker.Visible(seen, true));
    index.put("b", new LatencyTracker.Visible(seen, true));
    assertThat(tracker.poll()).isTrue();
    assertThat(tracker.searchable().count()).isEqualTo(2);
    assertThat(tracker.searchable().p50()).isGreaterThanOrEqualTo(500);
  }

  @Test
  void pollingForSearchabilityOnlyAsksOneQueryAndNeverTheEnrichedOne() {
    List<Boolean> asked = new java.util.ArrayList<>();
    Map<String, LatencyTracker.Visible> index = new HashMap<>();
    LatencyTracker tracker = new LatencyTracker((ids, enrichedOnly) -> {
      asked.add(enrichedOnly);
      Map<String, LatencyTracker.Visible> out = new HashMap<>();
      ids.stream().filter(index::containsKey).forEach(id -> out.put(id, index.get(id)));
      return out;
    }, Set.of("a", "b"));
    Instant seen = Instant.now().minusMillis(300);

    index.put("a", new LatencyTracker.Visible(seen, false));
    assertThat(tracker.pollSearchable()).isFalse();
    index.put("b", new LatencyTracker.Visible(seen, true));
    assertThat(tracker.pollSearchable()).isTrue();

    assertThat(asked).containsExactly(false, false);
    assertThat(tracker.searchable().count()).isEqualTo(2);
    assertThat(tracker.pendingEnriched()).isEqualTo(1); // "b" was seen enriched on the way
  }

  @Test
  void withARecentProbeMostPollsReadOnlyWhatWasWrittenLately() {
    Instant seen = Instant.now().minusMillis(500);
    java.util.concurrent.atomic.AtomicInteger exactPolls = new java.util.concurrent.atomic.AtomicInteger();
    java.util.List<Instant> sinces = new java.util.ArrayList<>();
    Set<String> ids = new java.util.HashSet<>();
    for (int i = 0; i < 300; i++) {
      ids.add("d" + i);
    }
    LatencyTracker tracker = new LatencyTracker((batch, enrichedOnly) -> {
      if (!enrichedOnly) {
        exactPolls.incrementAndGet();
      }
      return Map.of();
    }, (since, enrichedOnly) -> {
      if (!enrichedOnly) {
        sinces.add(since);
      }
      Instant written = Instant.now();
      return enrichedOnly ? Map.of() : Map.of("d1", new LatencyTracker.Visible(seen, false, written, null));
    }, ids);
    for (int i = 0; i < 8; i++) {
      tracker.poll();
    }
    // One exact poll of the 8 for the 300 awaited documents, the other 7 by time (the one document waiting for
    // its enrichment is asked for by id: few remain).
    assertThat(exactPolls.get()).isEqualTo(1);
    assertThat(sinces).hasSize(7);
    assertThat(tracker.pendingSearchable()).isEqualTo(299);
    // The window follows the newest write seen, minus the margin.
    assertThat(sinces.get(sinces.size() - 1)).isAfter(sinces.get(0));
  }

  @Test
  void theGeneratedCorpusMixesFormatsReproducibly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    List<java.nio.file.Path> files = new CorpusGenerator(7).generate(dir, 40);
    assertThat(files).hasSize(40);
    assertThat(files).filteredOn(f -> f.toString().endsWith(".html")).hasSize(20);
    assertThat(files).filteredOn(f -> f.toString().endsWith(".txt")).hasSize(10);
    assertThat(files).filteredOn(f -> f.toString().endsWith(".pdf")).hasSize(6);
    assertThat(files).filteredOn(f -> f.toString().endsWith(".docx")).hasSize(4);
    assertThat(CorpusGenerator.wrap("aa bb cc dd", 5)).containsExactly("aa bb", "cc dd");
  }
}
