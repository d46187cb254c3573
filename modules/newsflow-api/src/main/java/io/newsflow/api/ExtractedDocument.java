package io.newsflow.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Carries what the ingest stage extracted from one file: text and metadata. Travels on the
 * extracted-documents topic keyed by {@link #id()}.
 *
 * @param schemaVersion version of this record's shape, {@link #SCHEMA_VERSION} when written
 * @param pipelineVersion newsflow build that produced it
 * @param id stable document id (Kafka key, Elasticsearch {@code _id})
 * @param revision orders versions of the same document: larger is newer (the source's
 *     last-modified time in epoch milliseconds)
 * @param source where the document came from
 * @param title title from the file's metadata, or {@code null}
 * @param author author from the file's metadata, or {@code null}
 * @param contentType detected media type, e.g. {@code text/html}
 * @param language language declared in the file's metadata, or {@code null}
 * @param created creation date from metadata, or {@code null}
 * @param modified modification date from metadata, or {@code null}
 * @param text extracted plain text
 * @param textTruncated whether {@code text} was cut at the configured maximum
 * @param metadata further metadata worth keeping, flat string values
 * @param seenAt when newsflow first saw the file
 * @param extractedAt when extraction finished
 * @param jobId import job, or {@code null} for live traffic
 * @param web what a web page says about itself (publication date, canonical URL, site, ...), or
 *     {@code null} for other documents and for records written before schema version 2
 */
public record ExtractedDocument(
    int schemaVersion,
    String pipelineVersion,
    DocumentId id,
    long revision,
    Source source,
    String title,
    String author,
    String contentType,
    String language,
    Instant created,
    Instant modified,
    String text,
    boolean textTruncated,
    Map<String, String> metadata,
    Instant seenAt,
    Instant extractedAt,
    String jobId,
    Web web) {

  /**
   * Version 2 added the optional {@link #web()} field; version 1 records decode with it absent,
   * and version 1 readers ignore it, so both directions stay compatible.
   */
  public static final int SCHEMA_VERSION = 2;

  public ExtractedDocument {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(text, "text");
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
  }

  /** Creates a record without {@link #web()}, as schema version 1 wrote them. */
  public ExtractedDocument(int schemaVersion, String pipelineVersion, DocumentId id, long revision, Source source,
      String title, String author, String contentType, String language, Instant created, Instant modified,
      String text, boolean textTruncated, Map<String, String> metadata, Instant seenAt, Instant extractedAt,
      String jobId) {
    this(schemaVersion, pipelineVersion, id, revision, source, title, author, contentType, language, created,
        modified, text, textTruncated, metadata, seenAt, extractedAt, jobId, null);
  }

  /**
   * Describes a web page as it describes itself; every field may be {@code null}.
   *
   * @param published publication time (JSON-LD, Open Graph, meta tags or visible dateline)
   * @param canonicalUrl the page's canonical URL
   * @param siteName the site or publisher
   * @param section the site's section the article is filed under
   * @param topImage URL of the lead image
   * @param links absolute URLs linked from the article text, in order, without duplicates
   */
  public record Web(Instant published, String canonicalUrl, String siteName, String section, String topImage,
      List<String> links) {
    public Web {
      links = links == null ? List.of() : List.copyOf(links);
    }
  }

  /**
   * Describes the original of a document.
   *
   * @param uri the original path or URI
   * @param size size in bytes
   * @param sha256 SHA-256 of the bytes, lowercase hex
   * @param modified last-modified time of the source
   */
  public record Source(String uri, long size, String sha256, Instant modified) {
    public Source {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(sha256, "sha256");
    }
  }
}
