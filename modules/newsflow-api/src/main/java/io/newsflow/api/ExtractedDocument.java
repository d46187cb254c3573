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
 * @param embedded where this document sits inside the file it was found in (an e-mail attachment,
 *     a file in a zip), or {@code null} for a file of its own and for records before schema version 3
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
    Web web,
    Embedded embedded) {

  /**
   * Version 2 added the optional {@link #web()} field, version 3 the optional {@link #embedded()}
   * field; older records decode with them absent, and older readers ignore them, so both directions
   * stay compatible.
   */
  public static final int SCHEMA_VERSION = 3;

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
        modified, text, textTruncated, metadata, seenAt, extractedAt, jobId, null, null);
  }

  /** Creates a record without {@link #embedded()}, as schema version 2 wrote them. */
  public ExtractedDocument(int schemaVersion, String pipelineVersion, DocumentId id, long revision, Source source,
      String title, String author, String contentType, String language, Instant created, Instant modified,
      String text, boolean textTruncated, Map<String, String> metadata, Instant seenAt, Instant extractedAt,
      String jobId, Web web) {
    this(schemaVersion, pipelineVersion, id, revision, source, title, author, contentType, language, created,
        modified, text, textTruncated, metadata, seenAt, extractedAt, jobId, web, null);
  }

  /**
   * Places an embedded document inside the file it came from.
   *
   * @param parent the document it is embedded in directly (a zip inside a zip: the inner zip)
   * @param root the document of the file on disk that holds it, however deep
   * @param path its path inside the root file, names separated by {@code /}, as Tika gives it
   *     ({@code /mail.eml/report.pdf})
   * @param depth how deep it is nested: 1 for a file directly inside the root file
   */
  public record Embedded(DocumentId parent, DocumentId root, String path, int depth) {
    public Embedded {
      Objects.requireNonNull(parent, "parent");
      Objects.requireNonNull(root, "root");
      Objects.requireNonNull(path, "path");
      if (depth < 1) {
        throw new IllegalArgumentException("depth must be >= 1, got " + depth);
      }
    }
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
