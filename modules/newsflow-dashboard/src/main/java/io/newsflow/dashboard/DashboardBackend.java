package io.newsflow.dashboard;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Answers the dashboard's questions; implemented by the wiring that knows Kafka and Elasticsearch,
 * so this module needs neither. Every value is plain JSON-able data (maps, lists, strings, numbers).
 * Implementations are thread-safe: the server calls them from several request threads.
 */
public interface DashboardBackend {

  /** Returns the pipeline's health: stack, stages and lag, index. */
  Map<String, Object> status();

  /**
   * Returns {@code {"total": n, "hits": [...]}} for a full-text query, hits {@code from} to
   * {@code from + size}, among documents with the given facet values ({@link DashboardServer#FILTERS}).
   */
  Map<String, Object> search(String query, Map<String, String> filters, int from, int size);

  /**
   * Returns document counts for a query (all documents if blank) by site, language, content type,
   * people, organisations, places and day, among documents with the given facet values.
   */
  Map<String, Object> facets(String query, Map<String, String> filters);

  /**
   * Returns the story of a document: {@code articles}, {@code shared_entities},
   * {@code corroborated_quotes}; empty if there is no such document.
   */
  Optional<Map<String, Object>> story(String documentId);

  /**
   * Returns a document's path through the stages ({@code steps}, each with its stage, time and the
   * versions that produced it) and its failures; empty if nothing is known of the id.
   */
  Optional<Map<String, Object>> lineage(String documentId);

  /**
   * Returns the pipeline's throughput over the last {@code window}: documents per stage over time,
   * end-to-end latency percentiles, failures by reason and stage over time, lag over time.
   */
  Map<String, Object> activity(Duration window);

  /** Returns the entities most documents of the last {@code window} mention, with their counts over time. */
  Map<String, Object> topEntities(Duration window, String type, int size);

  /** Returns one indexed document, or empty. */
  Optional<Map<String, Object>> document(String id);

  /**
   * Returns the most recent dead letters, newest first, at most {@code limit}, only those with the
   * given {@code reason} and {@code stage} when these are not null.
   */
  List<Map<String, Object>> deadLetters(int limit, String reason, String stage);

  /**
   * Sends dead letters through the pipeline again: those named by {@code refs} (as listed by
   * {@link #deadLetters}), or all with {@code reason} when {@code refs} is empty.
   *
   * @return {@code {"replayed": n, "skipped": {ref: why}}}
   */
  Map<String, Object> replay(List<String> refs, String reason);

  /**
   * Ingests an uploaded file.
   *
   * @return {@code {"id": ..., "status_url": ...}}
   */
  Map<String, Object> upload(String fileName, byte[] content);

  /** Returns where a document is: {@code pending}, {@code searchable}, {@code enriched} or {@code failed} (with the reason). */
  Map<String, Object> documentStatus(String id);

  /** Returns the metrics in Prometheus text format. */
  String metrics();

  /** Lists import jobs, newest first (id, created, finished, paths). */
  default List<Map<String, Object>> jobs() {
    return List.of();
  }

  /** Reconciles one import job (see {@code newsflow import report}), or empty if there is no such job. */
  default java.util.Optional<Map<String, Object>> jobReport(String id) {
    return java.util.Optional.empty();
  }
}
