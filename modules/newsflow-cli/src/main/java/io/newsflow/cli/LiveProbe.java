package io.newsflow.cli;

import io.newsflow.dashboard.DashboardConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures the live path while a backfill runs: uploads one small file a second through the
 * dashboard's {@code POST /api/documents} (the upload lane) and times each from the request to the
 * moment a search finds it. Needs the pipeline with its dashboard running ({@code newsflow up}).
 *
 * <p>Runs on its own thread; {@link #finish()} waits for it.
 */
final class LiveProbe {

  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{32})\"");

  private final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
  // Where each probe's time went, from the timestamps the pipeline writes into the document: upload -> seen (the
  // dashboard), seen -> extracted (parse), extracted -> indexed (Kafka and the index stage up to its write),
  // indexed -> searchable (the bulk write, the refresh and this probe's polling).
  private static final List<String> SEGMENTS = List.of("upload_to_seen", "seen_to_extracted", "extracted_to_indexed",
      "indexed_to_searchable");
  private final Map<String, List<Long>> segments = new java.util.concurrent.ConcurrentHashMap<>();
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private Thread thread;

  static LiveProbe start(Pipeline pipeline, DashboardConfig dashboard, int probes, AtomicBoolean importing) {
    LiveProbe probe = new LiveProbe();
    probe.thread = new Thread(() -> probe.run(pipeline, dashboard, probes, importing), "bench-live-probe");
    probe.thread.setDaemon(true);
    probe.thread.start();
    return probe;
  }

  private void run(Pipeline pipeline, DashboardConfig dashboard, int probes, AtomicBoolean importing) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    String host = dashboard.host().equals("0.0.0.0") ? "127.0.0.1" : dashboard.host();
    for (int i = 0; i < probes; i++) {
      long started = System.nanoTime();
      java.time.Instant startedAt = java.time.Instant.now();
      boolean during = importing.get();
      try {
        String word = "probe" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + dashboard.port()
                + "/api/documents?name=" + word + ".txt"))
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString("Live probe " + i + "\n\nA live upload named " + word + " during a backfill.\n"));
        if (dashboard.token() != null) {
          request.header("Authorization", "Bearer " + dashboard.token());
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        Matcher m = ID.matcher(response.body());
        if (response.statusCode() != 202 || !m.find()) {
          errors.add("upload " + i + ": HTTP " + response.statusCode() + " " + response.body());
        } else {
          String id = m.group(1);
          long deadline = started + Duration.ofSeconds(60).toNanos();
          while (pipeline.search().searchable(List.of(id)).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(50);
          }
          if (System.nanoTime() >= deadline) {
            errors.add("probe " + i + " not searchable after 60 s");
          } else if (during) {
            latencies.add((System.nanoTime() - started) / 1_000_000);
            segments(pipeline, id, startedAt, java.time.Instant.now());
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        errors.add("probe " + i + ": " + e);
      }
      long wait = Duration.ofSeconds(1).toNanos() - (System.nanoTime() - started);
      if (wait > 0) {
        try {
          Thread.sleep(wait / 1_000_000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void segments(Pipeline pipeline, String id, java.time.Instant uploaded, java.time.Instant searchable) {
    Map<String, Object> doc = pipeline.search().get(id).orElse(Map.of());
    List<java.time.Instant> marks = new ArrayList<>(List.of(uploaded));
    for (String field : List.of("seen_at", "extracted_at", "indexed_at")) {
      if (!(doc.get(field) instanceof String value)) {
        return;
      }
      marks.add(java.time.Instant.parse(value));
    }
    marks.add(searchable);
    for (int i = 0; i < SEGMENTS.size(); i++) {
      segments.computeIfAbsent(SEGMENTS.get(i), k -> Collections.synchronizedList(new ArrayList<>()))
          .add(Duration.between(marks.get(i), marks.get(i + 1)).toMillis());
    }
  }

  /** Waits for the probes and returns their latency percentiles (ms) for probes sent while the import ran. */
  Map<String, Object> finish() throws InterruptedException {
    thread.join();
    List<Long> sorted = new ArrayList<>(latencies);
    Collections.sort(sorted);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("probes_during_import", sorted.size());
    if (!sorted.isEmpty()) {
      out.put("p50_ms", sorted.get((int) Math.ceil(0.50 * sorted.size()) - 1));
      out.put("p95_ms", sorted.get((int) Math.ceil(0.95 * sorted.size()) - 1));
      out.put("p99_ms", sorted.get((int) Math.ceil(0.99 * sorted.size()) - 1));
      out.put("max_ms", sorted.get(sorted.size() - 1));
    }
    Map<String, Object> parts = new LinkedHashMap<>();
    for (String segment : SEGMENTS) {
      List<Long> values = new ArrayList<>(segments.getOrDefault(segment, List.of()));
      Collections.sort(values);
      if (!values.isEmpty()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("p50_ms", values.get((int) Math.ceil(0.50 * values.size()) - 1));
        p.put("p99_ms", values.get((int) Math.ceil(0.99 * values.size()) - 1));
        p.put("max_ms", values.get(values.size() - 1));
        parts.put(segment, p);
      }
    }
    out.put("segments", parts);
    // In the order sent: shows whether a slow one was the first (cold) upload or one in the middle of the import.
    out.put("latencies_ms", new ArrayList<>(latencies));
    out.put("errors", errors);
    return out;
  }
}
