package io.newsflow.kafka;

/**
 * Separates live traffic (inbox, uploads) from batch imports: each lane has its own topics and its
 * own consumer groups, so a backlog of a million imported files never sits in front of a file just
 * dropped into the inbox.
 */
public enum Lane {
  /** Documents without an import job: the inbox and uploads. */
  LIVE,
  /** Documents of an import job. */
  BATCH;

  /** Returns the lane of a document of import job {@code jobId} ({@code null} for live traffic). */
  public static Lane ofJob(String jobId) {
    return jobId == null ? LIVE : BATCH;
  }
}
