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
import io.newsflow.elasticsearch.ArticleSearch;
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

  DashboardWiring(Environment env, Settings settings, Pipeline pipeline, PrometheusMeterRegistry meters) {
    this.env = env;
    this.settings = settings;
    this.pipeline = pipeline;
    this.meters = meters;
  }

  @Override
  public Map<String, Object> status() {
    return StatusReport.collect(env, settings, pipeline).values();
  }

  @Override
  public Map<String, Object> search(String query, int size) {
    return SearchCommand.toJson(pipeline.search().search(query, size));
  }

  @Override
  public Map<String, Object> facets(String query) {
    return new LinkedHashMap<>(new io.newsflow.elasticsearch.ArticleFacets(pipeline.esClient(), pipeline.elasticsearchConfig()).facets(query));
  }

  @Override
  public Optional<Map<String, Object>> document(String id) {
    return pipeline.search().get(id);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized List<Map<String, Object>> deadLetters(int limit) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DeadLetterReader.Located located : reader().latest(limit)) {
      Map<String, Object> letter = new LinkedHashMap<>(Json.mapper().convertValue(located.letter(), Map.class));
      letter.put("ref", located.ref());
      out.add(letter);
    }
    return out;
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
    if (deadLetters != null) {
      deadLetters.close();
    }
    if (replays != null) {
      replays.close();
    }
  }
}
