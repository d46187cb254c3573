package io.newsflow.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Names a pipeline stage. Each value has a fixed wire code; never its ordinal. */
public enum Stage {
  INGEST("ingest"),
  ENRICH("enrich"),
  INDEX("index"),
  /** Assigns story ids: one consumer on a single-partition topic, the only writer of story ids. */
  STORY("story");

  private final String code;

  Stage(String code) {
    this.code = code;
  }

  @JsonValue
  public String code() {
    return code;
  }

  @JsonCreator
  public static Stage ofCode(String code) {
    for (Stage s : values()) {
      if (s.code.equals(code)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown stage code: " + code);
  }
}
