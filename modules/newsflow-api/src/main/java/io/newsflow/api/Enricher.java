package io.newsflow.api;

/**
 * Computes the enrichment of one extracted document. Implementations are thread-safe.
 */
public interface Enricher extends AutoCloseable {

  /** Enriches {@code document}; a document it cannot handle is a {@link Outcome.Rejected}. */
  Outcome<Enrichment> enrich(ExtractedDocument document);

  @Override
  default void close() {}
}
