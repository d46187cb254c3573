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
 */
public record ImportSummary(
    String jobId,
    long seen,
    long published,
    long unchanged,
    long failed,
    Map<FailureReason, Long> failures,
    List<Published> publishedDocuments,
    long bytes) {

  /** One document handed to Kafka. */
  public record Published(DocumentId id, long revision, String source) {}
}
