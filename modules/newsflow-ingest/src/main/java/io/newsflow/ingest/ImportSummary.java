package io.newsflow.ingest;

import io.newsflow.api.DocumentId;
import io.newsflow.api.FailureReason;
import java.util.List;
import java.util.Map;

/**
 * Counts what one run of an import did with the items it saw.
 * {@code seen = published + unchanged + duplicates + failed}.
 *
 * @param jobId the import's job id (carried by every record it produced)
 * @param seen items found in this run (not counting {@code resumed})
 * @param published items extracted and handed to Kafka
 * @param unchanged items skipped because the index already holds this version
 * @param duplicates items whose bytes repeat another document's; not published
 * @param failed items that could not be read or extracted (each has a dead-letter record)
 * @param failures failed items per reason
 * @param publishedDocuments id and revision of each published document, if the run kept them
 * @param bytes total size of the items seen
 * @param resumed items passed over because the job's journal already held their outcome
 * @param embedded documents found inside the published items (attachments, archive entries) and
 *     published as documents of their own; not counted in {@code published}
 * @param embeddedFailures embedded documents that failed, per reason (each has a dead-letter record)
 */
public record ImportSummary(
    String jobId,
    long seen,
    long published,
    long unchanged,
    long duplicates,
    long failed,
    Map<FailureReason, Long> failures,
    List<Published> publishedDocuments,
    long bytes,
    long resumed,
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
