package io.newsflow.api;

/**
 * Reads one file and extracts its text and metadata. Implementations are thread-safe: the ingest
 * stage calls one instance from several threads at once.
 */
public interface Extractor extends AutoCloseable {

  /** Extracts {@code file}; a file that cannot be read is a {@link Outcome.Rejected}, not a throw. */
  Outcome<ExtractedDocument> extract(SourceFile file);

  @Override
  default void close() {}
}
