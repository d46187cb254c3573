package io.newsflow.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Objects;

/** Holds the value types of the enrichment's NLP fields. No NLP library types appear here. */
public final class Entities {

  private Entities() {}

  /** Names the kind of a named entity; each value travels as its fixed code, not its ordinal. */
  public enum Type {
    PERSON("PERSON"),
    ORGANIZATION("ORGANIZATION"),
    LOCATION("LOCATION"),
    MISC("MISC");

    private final String code;

    Type(String code) {
      this.code = code;
    }

    @JsonValue
    public String code() {
      return code;
    }

    /** Returns the type with this code; an unknown code (from a newer writer) is MISC. */
    @JsonCreator
    public static Type ofCode(String code) {
      for (Type t : values()) {
        if (t.code.equals(code)) {
          return t;
        }
      }
      return MISC;
    }
  }

  /**
   * Locates one span of the extracted text.
   *
   * @param text the span's text, equal to {@code text.substring(start, end)} of the extracted text
   * @param start offset of its first char in the extracted text (UTF-16 units)
   * @param end offset just past its last char
   */
  public record Mention(String text, int start, int end) {
    public Mention {
      Objects.requireNonNull(text, "text");
    }
  }

  /**
   * Describes one entity of a document, after its mentions were merged ("Mr. Blinken" and
   * "Antony Blinken" are one).
   *
   * @param key stable key linking the same entity across documents: type code and normalised
   *     canonical name, e.g. {@code person:antony-blinken}
   * @param name canonical name (the fullest form the document gives)
   * @param type its type
   * @param mentionCount number of mentions
   * @param firstOffset offset of its first mention
   * @param mentions the mentions, in text order
   */
  public record Entity(String key, String name, Type type, int mentionCount, int firstOffset, List<Mention> mentions) {
    public Entity {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(type, "type");
      mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }
  }

  /**
   * Gives one date expression of the text, resolved to a calendar date.
   *
   * @param text the expression as written ("on Monday", "June 19")
   * @param start offset in the extracted text
   * @param end offset just past it
   * @param value the resolved date, ISO-8601 ({@code 2023-06-19})
   * @param relative whether it was resolved against the publication date
   */
  public record DateMention(String text, int start, int end, String value, boolean relative) {}

  /**
   * Gives one direct quotation.
   *
   * @param text the quoted words, without the quotation marks
   * @param start offset of the quoted words in the extracted text
   * @param end offset just past them
   * @param speaker canonical name of the speaker, or {@code null} if not found
   * @param speakerKey the speaker's {@link Entity#key()}, or {@code null} if not a known person
   */
  public record Quote(String text, int start, int end, String speaker, String speakerKey) {}

  /**
   * Gives one key claim: a sentence stating a fact others can report too (it names an entity and
   * gives a number, or it is the lead).
   *
   * @param text the sentence
   * @param start offset of the sentence in the extracted text
   * @param end offset just past it
   * @param facts what another report must share to corroborate it: the keys of the entities it names
   *     and the numbers it gives ({@code number:45})
   */
  public record Claim(String text, int start, int end, List<String> facts) {
    public Claim {
      Objects.requireNonNull(text, "text");
      facts = facts == null ? List.of() : List.copyOf(facts);
    }
  }
}
