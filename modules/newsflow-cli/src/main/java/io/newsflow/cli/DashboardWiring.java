package io.newsflow.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.api.DocumentId;
import io.newsflow.api.SourceFile;
import io.newsflow.ingest.DeadLetterReplayer;
import io.newsflow.kafka.Replays;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import io.newsflow.api.Json;
import io.newsflow.dashboard.DashboardBackend;
import io.newsflow.dashboard.LagHistory;
import io.newsflow.dashboard.Lineage;
import io.newsflow.elasticsearch.ArticleInsights;
import io.newsflow.elasticsearch.ArticleSearch;
import io.newsflow.elasticsearch.SearchFilters;
import java.time.Duration;
import io.newsflow.kafka.DeadLetterReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the dashboard from a running pipeline: its clients, its Prometheus registry, one shared
 * dead-letter reader. Thread-safe.
 */
final class DashboardWiring implements DashboardBackend, AutoCloseable {

  private final Environment env;
  private final Settings settings;
  private final Pipeline pipeline;
  private final PrometheusMeterRegistry meters;
  /** How far back (records per dead-letter partition) replays and status look. */
  private static final int REPLAY_WINDOW = 10_000;

  private DeadLetterReader deadLetters;
  private Replays replays;
  private ArticleInsights insights;
  private final LagHistory lag = new LagHistory();
  private java.util.concurrent.ScheduledExecutorService sampler;

  DashboardWiring(Environment env, Settings settings, Pipeline pipeline, PrometheusMeterRegistry meters) {
    this.env = env;
    this.settings = settings;
    this.pipeline = pipeline;
    this.meters = meters;
  }

  @Override
  @SuppressWarnings("unchecked")
  public Map<String, Object> status() {
    Map<String, Object> status = new LinkedHashMap<>(StatusReport.collect(env, settings, pipeline).values());
    if (status.get("elasticsearch") instanceof Map<?, ?> es && !es.containsKey("error")) {
      try {
        Map<String, Object> withSize = new LinkedHashMap<>((Map<String, Object>) es);
        withSize.putAll(insights().indexStats());
        status.put("elasticsearch", withSize);
      } catch (RuntimeException e) {
        // the size is a detail; the health answered
      }
    }
    lag.record(status);
    return status;
  }

  @Override
  public Map<String, Object> search(String query, Map<String, String> filters, int from, int size) {
    return SearchCommand.toJson(pipeline.search().search(query, new SearchFilters(filters), from, size));
  }

  @Override
  public Map<String, Object> facets(String query, Map<String, String> filters) {
    return insights().facets(query, new SearchFilters(filters), 10);
  }

  @Override
  public Optional<Map<String, Object>> story(String documentId) {
    return Optional.ofNullable(insights().story(documentId));
  }

  @Override
  public Optional<Map<String, Object>> lineage(String documentId) {
    List<Map<String, Object>> failures = new ArrayList<>();
    synchronized (this) {
      for (DeadLetterReader.Located located : reader().latest(REPLAY_WINDOW)) {
        if (located.letter().id() != null && documentId.equals(located.letter().id().value())) {
          failures.add(letter(located));
        }
      }
    }
    return Optional.ofNullable(Lineage.of(documentId, pipeline.search().get(documentId).orElse(null), failures));
  }

  @Override
  public Map<String, Object> activity(Duration window) {
    Map<String, Object> out = new LinkedHashMap<>(insights().activity(window));
    long intervalMs = Math.round(((Number) out.get("interval_seconds")).doubleValue() * 1000);
    Instant from = Instant.parse((String) out.get("from"));
    List<DeadLetterReader.Located> letters;
    synchronized (this) {
      letters = reader().latest(REPLAY_WINDOW);
    }
    out.put("failures", Lineage.failures(letters.stream().map(DeadLetterReader.Located::letter).toList(), from, intervalMs));
    out.put("lag", lag.since(from, intervalMs));
    return out;
  }

  @Override
  public Map<String, Object> topEntities(Duration window, String type, int size) {
    return insights().topEntities(window, type, size);
  }

  /**
   * Records the consumer lag every {@code period} on a daemon thread until {@link #close}, so the lag
   * chart has a history even while nobody has the page open.
   */
  synchronized void sampleLagEvery(Duration period) {
    if (sampler != null) {
      return;
    }
    sampler = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "newsflow-lag-sampler");
      t.setDaemon(true);
      return t;
    });
    sampler.scheduleWithFixedDelay(() -> {
      try {
        lag.record(StatusReport.collect(env, settings, pipeline).values());
      } catch (RuntimeException e) {
        // Kafka down: the status page says so; the chart just has a gap.
      }
    }, 0, period.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
  }

  private synchronized ArticleInsights insights() {
    if (insights == null) {
      insights = new ArticleInsights(pipeline.esClient(), pipeline.elasticsearchConfig());
    }
    return insights;
  }

  @Override
  public Optional<Map<String, Object>> document(String id) {
    return pipeline.search().get(id);
  }

  @Override
  public synchronized List<Map<String, Object>> deadLetters(int limit, String reason, String stage) {
    List<DeadLetterReader.Located> chosen = new ArrayList<>();
    boolean filtered = reason != null || stage != null;
    for (DeadLetterReader.Located located : reader().latest(filtered ? REPLAY_WINDOW : limit)) {
      if ((reason == null || located.letter().reason().code().equals(reason))
          && (stage == null || located.letter().stage().code().equals(stage))) {
        chosen.add(located);
        if (chosen.size() == limit) {
          break;
        }
      }
    }
    // A dead letter is resolved once a revision at least as new as the one that failed is indexed
    // (enriched too, if enrichment is what failed): replayed after a fix, or imported again.
    List<DocumentId> ids = chosen.stream().map(l -> l.letter().id()).filter(java.util.Objects::nonNull).distinct().toList();
    Map<DocumentId, ArticleSearch.State> states;
    try {
      states = ids.isEmpty() ? Map.of() : pipeline.search().states(ids);
    } catch (RuntimeException e) {
      states = null; // Elasticsearch down: the list still comes from Kafka, without "resolved"
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (DeadLetterReader.Located located : chosen) {
      Map<String, Object> letter = letter(located);
      out.add(letter);
      if (states == null) {
        continue;
      }
      ArticleSearch.State state = located.letter().id() == null ? null : states.get(located.letter().id());
      long failed = located.letter().revision();
      boolean resolved = state != null && state.revision() >= failed
          && (located.letter().stage() != io.newsflow.api.Stage.ENRICH
              || state.enrichedRevision() != null && state.enrichedRevision() >= failed);
      letter.put("resolved", resolved);
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> letter(DeadLetterReader.Located located) {
    Map<String, Object> letter = new LinkedHashMap<>(Json.mapper().convertValue(located.letter(), Map.class));
    letter.put("ref", located.ref());
    return letter;
  }

  @Override
  public synchronized Map<String, Object> replay(List<String> refs, String reason) {
    List<DeadLetterReader.Located> chosen = new ArrayList<>();
    for (DeadLetterReader.Located located : reader().latest(REPLAY_WINDOW)) {
      boolean named = refs.isEmpty() ? located.letter().reason().code().equals(reason) : refs.contains(located.ref());
      if (named) {
        chosen.add(located);
      }
    }
    if (replays == null) {
      replays = new Replays(pipeline.kafkaConfig(), pipeline.producer());
    }
    DeadLetterReplayer.Result result = new DeadLetterReplayer(pipeline.importer(), replays).replay(chosen);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("replayed", result.replayed());
    out.put("skipped", result.skipped());
    return out;
  }

  @Override
  public List<Map<String, Object>> jobs() {
    return ImportCommand.jobRows(ImportCommand.jobs(env));
  }

  @Override
  @SuppressWarnings("unchecked")
  public java.util.Optional<Map<String, Object>> jobReport(String id) {
    io.newsflow.ingest.JobStore store = ImportCommand.jobs(env);
    if (store.find(id).isEmpty()) {
      return java.util.Optional.empty();
    }
    io.newsflow.ingest.ImportReport report = ImportCommand.reconcile(pipeline, store, id, ImportCommand.laterFailures(pipeline, id), null);
    return java.util.Optional.of(io.newsflow.api.Json.mapper().convertValue(report, Map.class));
  }

  @Override
  public Map<String, Object> upload(String fileName, byte[] content) {
    try {
      Path dir = Files.createDirectories(env.dataDir.resolve("uploads").resolve(UUID.randomUUID().toString()));
      Path file = dir.resolve(fileName);
      Files.write(file, content);
      var attrs = Files.readAttributes(file, java.nio.file.attribute.BasicFileAttributes.class);
      SourceFile source = new SourceFile(file.toUri(), file, attrs.size(), attrs.lastModifiedTime().toInstant(), Instant.now(), null);
      pipeline.importer().ingest(source).get(1, TimeUnit.MINUTES);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", source.id().value());
      out.put("status_url", "/api/documents/" + source.id().value() + "/status");
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot store the upload: " + e.getMessage(), e);
    } catch (Exception e) {
      throw new IllegalStateException("Kafka did not take the upload: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized Map<String, Object> documentStatus(String id) {
    DocumentId docId = new DocumentId(id);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    ArticleSearch.State state = pipeline.search().states(List.of(docId)).get(docId);
    if (state != null) {
      out.put("state", state.enrichedRevision() != null && state.enrichedRevision() >= state.revision() ? "enriched" : "searchable");
      out.put("document_url", "/api/documents/" + id);
      return out;
    }
    for (DeadLetterReader.Located located : reader().latest(REPLAY_WINDOW)) {
      if (docId.equals(located.letter().id())) {
        out.put("state", "failed");
        out.put("stage", located.letter().stage().code());
        out.put("reason", located.letter().reason().code());
        out.put("message", located.letter().message());
        return out;
      }
    }
    out.put("state", "pending");
    return out;
  }

  private DeadLetterReader reader() {
    if (deadLetters == null) {
      deadLetters = new DeadLetterReader(pipeline.kafkaConfig());
    }
    return deadLetters;
  }

  @Override
  public String metrics() {
    return meters.scrape();
  }

  @Override
  public synchronized void close() {
    if (sampler != null) {
      sampler.shutdownNow();
    }
    if (deadLetters != null) {
      deadLetters.close();
    }
    if (replays != null) {
      replays.close();
    }
  }
}
