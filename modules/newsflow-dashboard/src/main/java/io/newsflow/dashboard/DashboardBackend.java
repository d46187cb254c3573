package io.newsflow.dashboard;

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

  /** Returns {@code {"total": n, "hits": [...]}} for a full-text query. */
  Map<String, Object> search(String query, int size);

  /** Returns document counts by language, content type and day for a query (all documents if blank). */
  Map<String, Object> facets(String query);

  /** Returns one indexed document, or empty. */
  Optional<Map<String, Object>> document(String id);

  /** Returns the most recent dead letters, newest first, at most {@code limit}. */
  List<Map<String, Object>> deadLetters(int limit);

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
