package io.newsflow.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Classifies why a document did not make it. Each value has a fixed wire code that dashboards,
 * metrics and import summaries count by; never its ordinal.
 */
public enum FailureReason {
  /** The file is damaged and nothing could be recovered from it. */
  CORRUPT("corrupt"),
  /** The file is encrypted and no configured password opens it. */
  ENCRYPTED("encrypted"),
  /** No parser reads this type of file. */
  UNSUPPORTED("unsupported"),
  /** The file is larger than the configured maximum input size. */
  TOO_LARGE("too-large"),
  /** Parsing took longer than the configured timeout. */
  TIMEOUT("timeout"),
  /** A safety limit was hit: zip-bomb ratio, nesting depth, output size. */
  LIMIT_EXCEEDED("limit-exceeded"),
  /** Parsing succeeded but produced no text. */
  EMPTY("empty"),
  /** The file could not be read from its source (vanished, permission denied). */
  UNREADABLE("unreadable"),
  /** A record on a topic could not be decoded (a poison message). */
  INVALID_RECORD("invalid-record"),
  /** Elasticsearch refused the document (mapping conflict, too large, ...). */
  REJECTED_BY_INDEX("rejected-by-index"),
  /** A bug or an unexpected error in newsflow itself. */
  INTERNAL("internal");

  private final String code;

  FailureReason(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  @JsonCreator
  public static FailureReason ofCode(String code) {
    for (FailureReason r : values()) {
      if (r.code.equals(code)) {
        return r;
      }
    }
    throw new IllegalArgumentException("unknown failure reason code: " + code);
  }
}
