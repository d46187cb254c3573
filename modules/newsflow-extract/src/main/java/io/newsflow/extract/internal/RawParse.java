package io.newsflow.extract.internal;

import io.newsflow.api.FailureReason;
import java.util.List;
import org.apache.tika.metadata.Metadata;

/**
 * Holds what one parse of a file produced before newsflow reads it: Tika's recursive metadata list
 * (the file first, then each embedded document, text under {@code X-TIKA:content}), or the reason
 * the parse produced nothing at all (the worker timed out, ran out of memory, crashed).
 *
 * @param metadata Tika's list; empty when {@code failure} is set
 * @param failure why nothing came back, or {@code null}
 * @param message what happened, for the dead letter
 * @param errorClass the exception or condition behind {@code failure}
 */
public record RawParse(List<Metadata> metadata, FailureReason failure, String message, String errorClass) {

  public static RawParse of(List<Metadata> metadata) {
    return new RawParse(metadata, null, null, null);
  }

  public static RawParse failed(FailureReason reason, String message, String errorClass) {
    return new RawParse(List.of(), reason, message, errorClass);
  }
}
