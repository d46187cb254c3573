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
 * @param entities named entities, merged within the document; empty when not computed
 * @param publishedDate publication date, ISO-8601, or {@code null} if unknown
 * @param publishedDateSource where the publication date came from: {@code metadata},
 *     {@code dateline} or {@code text}; {@code null} if unknown
 * @param dates date expressions of the text, resolved
 * @param quotes direct quotations with their speakers
 * @param keyPhrases the document's top phrases, best first
 * @param minhash MinHash signature of the text's word shingles, for near-duplicate detection
 * @param minhashBands locality-sensitive-hashing band keys of {@code minhash}: documents sharing
 *     one are near-duplicate candidates
 * @param sentenceCount sentences of the text (OpenNLP), or {@code null} if not computed (not English)
 * @param tokenCount tokens of the text (OpenNLP), or {@code null} if not computed
 * @param titleLanguage ISO 639-1 code of the title's language, or {@code null} if undetermined or no title
 * @param titleLanguageConfidence the title detector's confidence, 0 to 1
 * @param claims the document's key claims, in text order; empty when not computed
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
    Instant enrichedAt,
    List<Entities.Entity> entities,
    String publishedDate,
    String publishedDateSource,
    List<Entities.DateMention> dates,
    List<Entities.Quote> quotes,
    List<String> keyPhrases,
    List<Long> minhash,
    List<String> minhashBands,
    Integer sentenceCount,
    Integer tokenCount,
    String titleLanguage,
    double titleLanguageConfidence,
    List<Entities.Claim> claims) {

  // Version 2 added the optional NLP fields (entities to MinHash), version 3 sentence and token
  // counts, the title's language and key claims. Older readers ignore them (Json ignores unknown fields) and
  // older records read as having none.
  public static final int SCHEMA_VERSION = 3;

  public Enrichment {
    Objects.requireNonNull(id, "id");
    enrichers = enrichers == null ? List.of() : List.copyOf(enrichers);
    entities = entities == null ? List.of() : List.copyOf(entities);
    dates = dates == null ? List.of() : List.copyOf(dates);
    quotes = quotes == null ? List.of() : List.copyOf(quotes);
    keyPhrases = keyPhrases == null ? List.of() : List.copyOf(keyPhrases);
    minhash = minhash == null ? List.of() : List.copyOf(minhash);
    minhashBands = minhashBands == null ? List.of() : List.copyOf(minhashBands);
    claims = claims == null ? List.of() : List.copyOf(claims);
  }

  /** Creates an enrichment without the NLP fields (what the basic enricher computes). */
  public Enrichment(int schemaVersion, String pipelineVersion, DocumentId id, long revision, String sha256,
      String language, double languageConfidence, int wordCount, List<EnricherRun> enrichers, Instant seenAt,
      Instant enrichedAt) {
    this(schemaVersion, pipelineVersion, id, revision, sha256, language, languageConfidence, wordCount, enrichers,
        seenAt, enrichedAt, null, null, null, null, null, null, null, null);
  }

  /** Creates an enrichment of schema version 2: no sentence counts, no title language. */
  public Enrichment(int schemaVersion, String pipelineVersion, DocumentId id, long revision, String sha256,
      String language, double languageConfidence, int wordCount, List<EnricherRun> enrichers, Instant seenAt,
      Instant enrichedAt, List<Entities.Entity> entities, String publishedDate, String publishedDateSource,
      List<Entities.DateMention> dates, List<Entities.Quote> quotes, List<String> keyPhrases, List<Long> minhash,
      List<String> minhashBands) {
    this(schemaVersion, pipelineVersion, id, revision, sha256, language, languageConfidence, wordCount, enrichers,
        seenAt, enrichedAt, entities, publishedDate, publishedDateSource, dates, quotes, keyPhrases, minhash,
        minhashBands, null, null, null, 0, null);
  }

  /**
   * Estimates the Jaccard similarity of two texts from their {@link #minhash()} signatures: the share
   * of positions holding equal values. Signatures of different lengths (another MinHash
   * configuration) or missing ones compare as 0.
   */
  public static double minhashSimilarity(List<?> a, List<?> b) {
    if (a == null || b == null || a.isEmpty() || a.size() != b.size()) {
      return 0;
    }
    int equal = 0;
    for (int i = 0; i < a.size(); i++) {
      if (((Number) a.get(i)).longValue() == ((Number) b.get(i)).longValue()) {
        equal++;
      }
    }
    return (double) equal / a.size();
  }

  /**
   * Records that one enricher ran, or was skipped: its name, version and how long it took.
   *
   * @param skipped why it did not apply (e.g. {@code language fr}), or {@code null} if it ran
   */
  public record EnricherRun(String name, String version, Duration took, String skipped) {
    /** Records an enricher that ran. */
    public EnricherRun(String name, String version, Duration took) {
      this(name, version, took, null);
    }
  }
}
