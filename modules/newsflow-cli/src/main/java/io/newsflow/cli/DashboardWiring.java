package io.newsflow.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.api.DeadLetter;
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
  private DeadLetterReader deadLetters;

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
    ArticleSearch.Result result = pipeline.search().search(query, size);
    List<Map<String, Object>> hits = new ArrayList<>();
    for (ArticleSearch.Hit hit : result.hits()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("id", hit.id());
      h.put("title", hit.title());
      h.put("source", hit.source());
      h.put("score", hit.score());
      h.put("language", hit.language());
      h.put("highlights", hit.highlights());
      hits.add(h);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", result.total());
    out.put("hits", hits);
    return out;
  }

  @Override
  public Optional<Map<String, Object>> document(String id) {
    return pipeline.search().get(id);
  }

  @Override
  @SuppressWarnings("unchecked")
  public synchronized List<Map<String, Object>> deadLetters(int limit) {
    if (deadLetters == null) {
      deadLetters = new DeadLetterReader(pipeline.kafkaConfig());
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (DeadLetter letter : deadLetters.latest(limit)) {
      out.add(Json.mapper().convertValue(letter, Map.class));
    }
    return out;
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
  }
}
