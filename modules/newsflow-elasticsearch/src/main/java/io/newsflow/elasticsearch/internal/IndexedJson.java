package io.newsflow.elasticsearch.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds an extracted document's indexed JSON from its record as it travelled on Kafka, copying the record's members as
 * bytes instead of decoding them into a map and encoding that again (what {@link IndexPlanner.Write#document()} does):
 * the batch index stage's largest cost per document after the Kafka decode, and code the stage process's young JVM would
 * otherwise have to compile.
 *
 * <p>The result is {@link IndexPlanner.Write#document()} with the same members in the same order: the record's members
 * without {@code language} (the index calls the declared language {@code declared_language}, one of the added fields),
 * then the added fields. A record is copied only if re-encoding it would write the same bytes, as it does for every
 * record {@link Json#encode} wrote; for any other ({@code null} values, members the record does not have, a member
 * twice, one the record's constructor would fill in, not an object) {@link #document} returns {@code null} and the
 * caller encodes the map. Not covered: a value written in another spelling of the same JSON value (an instant with an
 * offset, a number in quotes), which Elasticsearch indexes alike and which stays in {@code _source} as it was sent.
 */
public final class IndexedJson {

  /** The record's members that are copied: all of the record's but {@code language}. */
  private static final Set<String> COPIED = Arrays.stream(ExtractedDocument.class.getRecordComponents())
      .map(c -> new PropertyNamingStrategies.SnakeCaseStrategy().translate(c.getName()))
      .filter(name -> !name.equals("language"))
      .collect(Collectors.toUnmodifiableSet());

  /** The members {@link Json#encode} always writes (primitives, and values the record's constructor fills in). */
  private static final Set<String> ALWAYS = Set.of("schema_version", "id", "revision", "source", "text", "text_truncated", "metadata");
  private static final Set<String> ALWAYS_IN_SOURCE = Set.of("uri", "size", "sha256");

  private static final JsonFactory FACTORY = Json.mapper().getFactory();
  /** Encodes the added fields (plain JSON values: strings, numbers, maps read from the index) as the Elasticsearch client's mapper does. */
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private IndexedJson() {}

  /**
   * Returns the indexed document: {@code json}'s members but {@code language}, then {@code added}'s fields; or {@code null}
   * if {@code json} is not a record this can copy (see the class comment).
   */
  public static byte[] document(byte[] json, Map<String, Object> added) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(json.length + 256);
      out.write('{');
      boolean first = true;
      Set<String> seen = new HashSet<>();
      try (JsonParser parser = FACTORY.createParser(json)) {
        if (parser.nextToken() != JsonToken.START_OBJECT) {
          return null;
        }
        JsonToken token = parser.nextToken();
        while (token == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          int start = (int) parser.currentTokenLocation().getByteOffset();
          JsonToken value = parser.nextToken();
          if (value == JsonToken.VALUE_NULL || !seen.add(name)
              || !name.equals("language") && (!COPIED.contains(name) || added.containsKey(name))) {
            return null;
          }
          boolean complete = switch (name) {
            case "source" -> has(parser, ALWAYS_IN_SOURCE);
            case "web" -> has(parser, Set.of("links"));
            default -> {
              parser.skipChildren();
              yield true;
            }
          };
          if (!complete) {
            return null;
          }
          token = parser.nextToken();
          if (name.equals("language")) {
            continue;
          }
          // The member runs from its name to the next token, less the comma and the white space between.
          int end = (int) parser.currentTokenLocation().getByteOffset();
          while (end > start && isSpace(json[end - 1])) {
            end--;
          }
          if (token == JsonToken.FIELD_NAME) {
            if (json[end - 1] != ',') {
              return null;
            }
            end--;
            while (end > start && isSpace(json[end - 1])) {
              end--;
            }
          }
          if (!first) {
            out.write(',');
          }
          out.write(json, start, end - start);
          first = false;
        }
        if (token != JsonToken.END_OBJECT || parser.nextToken() != null || !seen.containsAll(ALWAYS)) {
          return null;
        }
      }
      for (Map.Entry<String, Object> field : added.entrySet()) {
        if (!first) {
          out.write(',');
        }
        PLAIN.writeValue(out, field.getKey());
        out.write(':');
        PLAIN.writeValue(out, field.getValue());
        first = false;
      }
      out.write('}');
      return out.toByteArray();
    } catch (IOException e) {
      // Json.decode read these bytes already; a parse error here means they are not one JSON object after all.
      return null;
    }
  }

  /** Reads the object the parser is at to its end, telling whether it has all of {@code names} (at its own level). */
  private static boolean has(JsonParser parser, Set<String> names) throws IOException {
    if (parser.currentToken() != JsonToken.START_OBJECT) {
      parser.skipChildren();
      return false;
    }
    int found = 0;
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      if (names.contains(parser.currentName())) {
        found++;
      }
      if (parser.nextToken() == JsonToken.VALUE_NULL) {
        found = Integer.MIN_VALUE; // re-encoding would leave it out
      }
      parser.skipChildren();
    }
    return found == names.size();
  }

  private static boolean isSpace(byte b) {
    return b == ' ' || b == '\n' || b == '\r' || b == '\t';
  }
}
