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
    long resumed) {

  /** One document handed to Kafka. */
  public record Published(DocumentId id, long revision, String source) {}
}
