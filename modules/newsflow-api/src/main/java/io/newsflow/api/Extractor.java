package io.newsflow.api;

/**
 * Reads one file and extracts its text and metadata. Implementations are thread-safe: the ingest
 * stage calls one instance from several threads at once.
 */
public interface Extractor extends AutoCloseable {

  /**
   * Extracts {@code file} and the documents embedded in it; a file that cannot be read is a
   * {@link Outcome.Rejected}, not a throw.
   */
  Outcome<Extraction> extractAll(SourceFile file);

  /** Extracts {@code file}'s own document only, leaving out what is embedded in it. */
  default Outcome<ExtractedDocument> extract(SourceFile file) {
    Outcome<Extraction> all = extractAll(file);
    if (all instanceof Outcome.Success<Extraction> s) {
      return Outcome.success(s.value().document());
    }
    if (all instanceof Outcome.Rejected<Extraction> r) {
      return new Outcome.Rejected<>(r.reason(), r.message(), r.errorClass());
    }
    Outcome.Retryable<Extraction> r = (Outcome.Retryable<Extraction>) all;
    return new Outcome.Retryable<>(r.message(), r.cause());
  }

  @Override
  default void close() {}
}
