package io.newsflow.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Watches a set of documents become searchable and enriched, by polling the index, and computes
 * latencies from each document's {@code seen_at}. The resolution is the poll interval. Not
 * thread-safe: one thread polls.
 */
public final class LatencyTracker {

  /**
   * What a poll of the index shows for one document: when it was first seen, whether its enrichment
   * is searchable, and when the document and its enrichment were written (null if unknown).
   */
  public record Visible(Instant seenAt, boolean enriched, Instant indexedAt, Instant enrichedAt) {
    public Visible(Instant seenAt, boolean enriched) {
      this(seenAt, enriched, null, null);
    }
  }

  /**
   * A cheaper probe for a tracker following one import job: the job's searchable documents written at
   * or after {@code since} (with {@code enrichedOnly}, whose enrichment was).
   */
  @FunctionalInterface
  public interface RecentProbe {
    Map<String, Visible> visibleSince(Instant since, boolean enrichedOnly);
  }

  // With a RecentProbe, most polls read only what was written lately: since the newest write seen so far
  // minus this margin (a document written earlier but made visible later than that is caught by the exact
  // poll, one in EXACT_EVERY).
  private static final Duration RECENT_MARGIN = Duration.ofSeconds(5);
  private static final int EXACT_EVERY = 8;

  /** Asks the index which of {@code ids} are searchable now (refresh-dependent, like a user's search). */
  @FunctionalInterface
  public interface Probe {
    /**
     * Returns the searchable documents among {@code ids}; with {@code enrichedOnly}, only those whose
     * enrichment is searchable too (so that a poll of documents waiting for enrichment returns only
     * the newly enriched ones, not the whole backlog every time).
     */
    Map<String, Visible> visible(List<String> ids, boolean enrichedOnly);
  }

  /** Latency percentiles in milliseconds, and how many documents they cover. */
  public record Percentiles(int count, long p50, long p95, long p99, long max) {
    static Percentiles of(List<Long> values) {
      if (values.isEmpty()) {
        return new Percentiles(0, 0, 0, 0, 0);
      }
      List<Long> sorted = new ArrayList<>(values);
      sorted.sort(null);
      return new Percentiles(sorted.size(), at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    private static long at(List<Long> sorted, double q) {
      return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
  }

  private final Probe probe;
  private final RecentProbe recent;
  private Instant newestIndexed;
  private Instant newestEnriched;
  private long polls;
  private final Set<String> notSearchable;
  private final Set<String> notEnriched;
  private final Map<String, Long> searchableMillis = new HashMap<>();
  private final Map<String, Long> enrichedMillis = new HashMap<>();
  private Instant lastSearchable;
  private Instant lastEnriched;

  public LatencyTracker(Probe probe, Set<String> ids) {
    this(probe, null, ids);
  }

  /**
   * Creates a tracker that polls mostly with {@code recent} (may be null) and, one poll in {@value #EXACT_EVERY}
   * and once few documents remain, asks for every id it still waits for.
   */
  public LatencyTracker(Probe probe, RecentProbe recent, Set<String> ids) {
    this.probe = probe;
    this.recent = recent;
    this.newestIndexed = Instant.now().minus(RECENT_MARGIN);
    this.newestEnriched = newestIndexed;
    this.notSearchable = new HashSet<>(ids);
    this.notEnriched = new HashSet<>(ids);
  }

  /** Polls once; returns true when every document is searchable and enriched. */
  /**
   * Stops waiting for every id not in {@code ids}: documents the import skipped (duplicates of
   * indexed ones, unchanged) never arrive. Call from the polling thread.
   *
   * @return how many ids were dropped
   */
  public int retainOnly(Set<String> ids) {
    int before = notSearchable.size();
    notSearchable.retainAll(ids);
    notEnriched.retainAll(ids);
    return before - notSearchable.size();
  }

  public boolean poll() {
    // Each query returns only news: documents not searchable yet, and searchable ones whose enrichment just
    // became visible. Re-reading every searchable document on each poll (4 a second, thousands of sources), or
    // even sending every id still awaited, cost the pipeline under test a good share of Elasticsearch's CPU.
    Set<String> waitingForEnrichment = new HashSet<>(notEnriched);
    waitingForEnrichment.removeAll(notSearchable);
    boolean exact = pollSearchable(recent == null || polls++ % EXACT_EVERY == 0);
    if (exact || waitingForEnrichment.size() <= 100) {
      record(new ArrayList<>(waitingForEnrichment), true);
    } else if (!waitingForEnrichment.isEmpty()) {
      apply(recent.visibleSince(newestEnriched.minus(RECENT_MARGIN), true));
    }
    return notSearchable.isEmpty() && notEnriched.isEmpty();
  }

  /**
   * Polls for searchability only, with one query: for a caller that stops once every document is searchable (the
   * enrichment query of {@link #poll()} would double the searches the pipeline under test has to answer, for nothing).
   * Documents seen enriched on the way still count as enriched.
   *
   * @return true when every document is searchable
   */
  public boolean pollSearchable() {
    pollSearchable(recent == null || polls++ % EXACT_EVERY == 0);
    return notSearchable.isEmpty();
  }

  /** Asks which of the documents not searchable yet are; returns {@code exact}. */
  private boolean pollSearchable(boolean exact) {
    if (exact || notSearchable.size() <= 100) {
      record(new ArrayList<>(notSearchable), false);
    } else {
      apply(recent.visibleSince(newestIndexed.minus(RECENT_MARGIN), false));
    }
    return exact;
  }

  private void record(List<String> ids, boolean enrichedOnly) {
    for (int from = 0; from < ids.size(); from += 1000) {
      apply(probe.visible(ids.subList(from, Math.min(ids.size(), from + 1000)), enrichedOnly));
    }
  }

  private void apply(Map<String, Visible> visible) {
    Instant now = Instant.now();
    for (Map.Entry<String, Visible> e : visible.entrySet()) {
      Visible v = e.getValue();
      if (v.indexedAt() != null && v.indexedAt().isAfter(newestIndexed)) {
        newestIndexed = v.indexedAt();
      }
      if (v.enriched() && v.enrichedAt() != null && v.enrichedAt().isAfter(newestEnriched)) {
        newestEnriched = v.enrichedAt();
      }
      long ms = Duration.between(v.seenAt(), now).toMillis();
      if (notSearchable.remove(e.getKey())) {
        searchableMillis.put(e.getKey(), ms);
        lastSearchable = now;
      }
      if (v.enriched() && notEnriched.remove(e.getKey())) {
        enrichedMillis.put(e.getKey(), ms);
        lastEnriched = now;
      }
    }
  }

  public int pendingSearchable() {
    return notSearchable.size();
  }

  public int pendingEnriched() {
    return notEnriched.size();
  }

  public Percentiles searchable() {
    return Percentiles.of(new ArrayList<>(searchableMillis.values()));
  }

  public Percentiles enriched() {
    return Percentiles.of(new ArrayList<>(enrichedMillis.values()));
  }

  /** When the last document became searchable, or null. */
  public Instant lastSearchable() {
    return lastSearchable;
  }

  public Instant lastEnriched() {
    return lastEnriched;
  }
}
