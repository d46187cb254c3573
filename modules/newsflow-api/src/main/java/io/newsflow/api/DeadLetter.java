package io.newsflow.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Records that one document did not make it through a stage, and why. Travels on the dead-letter
 * topic; nothing is dropped without one.
 *
 * @param schemaVersion version of this record's shape
 * @param pipelineVersion newsflow build that produced it
 * @param id document id, or {@code null} when the failing record could not even be decoded
 * @param source the original path or URI, or {@code null} if unknown
 * @param stage the stage that gave up
 * @param reason the reason class
 * @param errorClass Java class of the underlying error, or {@code null}
 * @param message what went wrong, for a person
 * @param origin where the failing record was read from, or {@code null} for files
 * @param revision revision of the document that failed, or 0 if unknown
 * @param jobId import job, or {@code null}
 * @param failedAt when it failed
 */
public record DeadLetter(
    int schemaVersion,
    String pipelineVersion,
    DocumentId id,
    String source,
    Stage stage,
    FailureReason reason,
    String errorClass,
    String message,
    Origin origin,
    long revision,
    String jobId,
    Instant failedAt) {

  public static final int SCHEMA_VERSION = 1;

  public DeadLetter {
    Objects.requireNonNull(stage, "stage");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(failedAt, "failedAt");
  }

  /** Names the topic, partition and offset a failing record was read from. */
  public record Origin(String topic, int partition, long offset) {}
}
