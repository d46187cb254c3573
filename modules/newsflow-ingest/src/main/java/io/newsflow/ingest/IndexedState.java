package io.newsflow.ingest;

import io.newsflow.api.DocumentId;
import java.util.List;
import java.util.Map;


/**
 * Tells what the index already holds, so an import skips files that did not change. Implementations
 * are thread-safe.
 */
@FunctionalInterface
public interface IndexedState {

  /** What is known of one indexed document: its revision (source mtime in ms) and source size. */
  record Known(long revision, long size) {}

  /** Returns what is indexed for each of {@code ids}; ids that are not indexed are absent. */
  Map<DocumentId, Known> lookup(List<DocumentId> ids);

  /**
   * Returns, for each of {@code sha256s} that an indexed document's source has, the id of one such
   * document; the others are absent.
   */
  default Map<String, DocumentId> withContent(List<String> sha256s) {
    return Map.of();
  }

  /** Knows nothing: every file is processed. */
  IndexedState NONE = ids -> Map.of();
}
