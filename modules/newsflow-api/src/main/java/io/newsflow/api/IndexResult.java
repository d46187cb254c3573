package io.newsflow.api;

import com.fasterxml.jackson.annotation.JsonValue;

/** Tells what the index stage did with one operation. Fixed codes for metrics tags. */
public enum IndexResult {
  /** The document was created or replaced by a newer revision. */
  INDEXED("indexed"),
  /** The enrichment was added to its document. */
  ENRICHED("enriched"),
  /** The same revision with the same content was already indexed. */
  UNCHANGED("unchanged"),
  /** The operation belongs to an older revision than the one indexed; it was skipped. */
  STALE("stale");

  private final String code;

  IndexResult(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }
}
