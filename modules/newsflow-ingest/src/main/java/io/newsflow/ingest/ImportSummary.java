package io.newsflow.ingest;

import io.newsflow.api.DocumentId;
import io.newsflow.api.FailureReason;
import java.util.List;
import java.util.Map;

/**
 * Counts what an import did with the files it saw. {@code seen = published + unchanged + failed}.
 *
 * @param jobId the import's job id (carried by every record it produced)
 * @param seen files found
 * @param published files extracted and handed to Kafka
 * @param unchanged files skipped because the index already holds this version
 * @param failed files that could not be extracted (each has a dead-letter record)
 * @param failures failed files per reason
 * @param publishedDocuments id and revision of each published document, to wait for
 * @param bytes total size of the files seen
 * @param embedded documents found inside the published files (attachments, archive entries) and
 *     published as documents of their own; not counted in {@code published}
 * @param embeddedFailures embedded documents that failed, per reason (each has a dead-letter record)
 */
public record ImportSummary(
    String jobId,
    long seen,
    long published,
    long unchanged,
    long failed,
    Map<FailureReason, Long> failures,
    List<Published> publishedDocuments,
    long bytes,
    long embedded,
    Map<FailureReason, Long> embeddedFailures) {

  public ImportSummary {
    embeddedFailures = embeddedFailures == null ? Map.of() : Map.copyOf(embeddedFailures);
  }

  /**
   * One document handed to Kafka.
   *
   * @param embedded whether it was found inside a file rather than being one
   */
  public record Published(DocumentId id, long revision, String source, boolean embedded) {

    /** Describes a file's own document. */
    public Published(DocumentId id, long revision, String source) {
      this(id, revision, source, false);
    }
  }
}
