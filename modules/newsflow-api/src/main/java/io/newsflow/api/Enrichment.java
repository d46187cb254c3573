package io.newsflow.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Carries what the enrich stage added to one document. Travels on the enrichments topic keyed by
 * {@link #id()} and is applied to the indexed document as a partial update, only while the indexed
 * text is still the one it was computed from.
 *
 * @param schemaVersion version of this record's shape, {@link #SCHEMA_VERSION} when written
 * @param pipelineVersion newsflow build that produced it
 * @param id document id
 * @param revision the {@link ExtractedDocument#revision()} it was computed from
 * @param sha256 the source SHA-256 of the document it was computed from
 * @param language ISO 639-1 code of the detected language, or {@code null} if undetermined
 * @param languageConfidence the detector's confidence, 0 to 1
 * @param wordCount number of words in the text
 * @param enrichers which enrichers ran, with versions and timings
 * @param seenAt when newsflow first saw the file (for end-to-end latency)
 * @param enrichedAt when enrichment finished
 */
public record Enrichment(
    int schemaVersion,
    String pipelineVersion,
    DocumentId id,
    long revision,
    String sha256,
    String language,
    double languageConfidence,
    int wordCount,
    List<EnricherRun> enrichers,
    Instant seenAt,
    Instant enrichedAt) {

  public static final int SCHEMA_VERSION = 1;

  public Enrichment {
    Objects.requireNonNull(id, "id");
    enrichers = enrichers == null ? List.of() : List.copyOf(enrichers);
  }

  /** Records that one enricher ran: its name, version and how long it took. */
  public record EnricherRun(String name, String version, Duration took) {}
}
