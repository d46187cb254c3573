package io.newsflow.dashboard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Remembers each stage's consumer lag per partition as the status reports it, at most one sample every
 * {@link #SPACING} and for {@link #KEEP}, so the dashboard can chart lag over time without a time-series
 * database. Lives as long as the dashboard; a restart starts an empty history. Thread-safe.
 */
public final class LagHistory {

  /** Samples closer together than this are dropped (the page polls every few seconds). */
  static final Duration SPACING = Duration.ofSeconds(5);

  /** How long samples are kept: a day at one every 5 s is at most 17,280 small maps. */
  static final Duration KEEP = Duration.ofDays(1);

  private record Sample(Instant at, Map<String, Long> lagPerPartition) {}

  private final Deque<Sample> samples = new ArrayDeque<>();
  private final Clock clock;

  public LagHistory() {
    this(Clock.systemUTC());
  }

  LagHistory(Clock clock) {
    this.clock = clock;
  }

  /** Records the lag of a status answer ({@code kafka.stages[].lag_per_partition}); ignores one without. */
  public synchronized void record(Map<String, Object> status) {
    if (!(status.get("kafka") instanceof Map<?, ?> kafka) || !(kafka.get("stages") instanceof List<?> stages)) {
      return;
    }
    Instant now = clock.instant();
    if (!samples.isEmpty() && Duration.between(samples.peekLast().at(), now).compareTo(SPACING) < 0) {
      return;
    }
    Map<String, Long> lag = new LinkedHashMap<>();
    for (Object o : stages) {
      if (o instanceof Map<?, ?> stage && stage.get("lag_per_partition") instanceof Map<?, ?> partitions) {
        partitions.forEach((partition, value) ->
            lag.put(stage.get("stage") + " " + partition, ((Number) value).longValue()));
      }
    }
    samples.addLast(new Sample(now, lag));
    while (!samples.isEmpty() && samples.peekFirst().at().isBefore(now.minus(KEEP))) {
      samples.removeFirst();
    }
  }

  /**
   * Returns, for each stage-and-partition series seen since {@code from}, the highest lag per bucket
   * of {@code intervalMs} as {@code [bucket start epoch millis, lag]} (buckets without a sample left
   * out), plus {@code current}: the latest sample.
   */
  public synchronized Map<String, Object> since(Instant from, long intervalMs) {
    Map<String, Map<Long, Long>> series = new java.util.TreeMap<>();
    for (Sample s : samples) {
      if (s.at().isBefore(from)) {
        continue;
      }
      long bucket = from.toEpochMilli() + (s.at().toEpochMilli() - from.toEpochMilli()) / intervalMs * intervalMs;
      s.lagPerPartition().forEach((name, lag) ->
          series.computeIfAbsent(name, k -> new java.util.TreeMap<>()).merge(bucket, lag, Math::max));
    }
    Map<String, Object> points = new LinkedHashMap<>();
    series.forEach((name, buckets) -> {
      List<List<Object>> p = new ArrayList<>();
      buckets.forEach((t, v) -> p.add(List.of(t, v)));
      points.put(name, p);
    });
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("series", points);
    out.put("current", samples.isEmpty() ? Map.of() : samples.peekLast().lagPerPartition());
    return out;
  }
}
