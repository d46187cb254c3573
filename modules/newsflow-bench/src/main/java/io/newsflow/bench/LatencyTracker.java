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

  /** What a poll of the index shows for one document. */
  public record Visible(Instant seenAt, boolean enriched) {}

  /** Asks the index which of {@code ids} are searchable now (refresh-dependent, like a user's search). */
  @FunctionalInterface
  public interface Probe {
    Map<String, Visible> visible(List<String> ids);
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
  private final Set<String> notSearchable;
  private final Set<String> notEnriched;
  private final Map<String, Long> searchableMillis = new HashMap<>();
  private final Map<String, Long> enrichedMillis = new HashMap<>();
  private Instant lastSearchable;
  private Instant lastEnriched;

  public LatencyTracker(Probe probe, Set<String> ids) {
    this.probe = probe;
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
    Set<String> pending = new HashSet<>(notSearchable);
    pending.addAll(notEnriched);
    List<String> ids = new ArrayList<>(pending);
    for (int from = 0; from < ids.size(); from += 1000) {
      Map<String, Visible> visible = probe.visible(ids.subList(from, Math.min(ids.size(), from + 1000)));
      Instant now = Instant.now();
      for (Map.Entry<String, Visible> e : visible.entrySet()) {
        long ms = Duration.between(e.getValue().seenAt(), now).toMillis();
        if (notSearchable.remove(e.getKey())) {
          searchableMillis.put(e.getKey(), ms);
          lastSearchable = now;
        }
        if (e.getValue().enriched() && notEnriched.remove(e.getKey())) {
          enrichedMillis.put(e.getKey(), ms);
          lastEnriched = now;
        }
      }
    }
    return notSearchable.isEmpty() && notEnriched.isEmpty();
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
