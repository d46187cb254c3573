package io.newsflow.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Objects;

/**
 * Records what an import did with one source item: one line of a job's journal. The last entry for
 * an item wins (a retry appends a new one).
 *
 * @param item the item's URI
 * @param format the item's format (see {@link SourceItem#format()})
 * @param outcome what happened to it
 * @param id the document id it was published as (or that holds it, when unchanged), or {@code null}
 * @param revision the revision published, for {@code published} and {@code unchanged}
 * @param size the item's size in bytes, -1 if unknown
 * @param sha256 SHA-256 of its bytes, when it was read
 * @param reason failure reason code, for {@code failed}
 * @param message failure message, for {@code failed}
 * @param duplicateOf the id of the document whose bytes it repeats, for {@code duplicate}
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record JournalEntry(String item, String format, Outcome outcome, String id, long revision, long size,
    String sha256, String reason, String message, String duplicateOf) {

  public JournalEntry {
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(outcome, "outcome");
  }

  /** What an import did with an item; fixed wire codes. */
  public enum Outcome {
    /** Extracted and acknowledged by Kafka; the report checks that it became searchable. */
    PUBLISHED("published"),
    /** The index already holds this version (same modification time and size). */
    UNCHANGED("unchanged"),
    /** Its bytes are those of another document, which is indexed instead. */
    DUPLICATE("duplicate"),
    /** It could not be read or extracted; a dead letter holds the details. */
    FAILED("failed");

    private final String code;

    Outcome(String code) {
      this.code = code;
    }

    @JsonValue
    public String code() {
      return code;
    }

    @JsonCreator
    public static Outcome ofCode(String code) {
      for (Outcome o : values()) {
        if (o.code.equals(code)) {
          return o;
        }
      }
      throw new IllegalArgumentException("unknown journal outcome: " + code);
    }
  }
}
