package io.newsflow.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Identifies one document for its whole life: the Kafka record key and the Elasticsearch {@code _id}
 * are this value, so a replay or a re-import overwrites instead of duplicating.
 *
 * <p>Derived from the source URI alone (not the content), so a changed file keeps its id and its new
 * version replaces the old one.
 */
public record DocumentId(String value) {

  private static final Pattern FORMAT = Pattern.compile("[0-9a-f]{32}");

  public DocumentId {
    if (value == null || !FORMAT.matcher(value).matches()) {
      throw new IllegalArgumentException("document id must be 32 lowercase hex characters, got: " + value);
    }
  }

  /** Returns the id of the document read from {@code source}: the first 128 bits of its SHA-256. */
  public static DocumentId ofSource(URI source) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(source.normalize().toString().getBytes(StandardCharsets.UTF_8));
      return new DocumentId(HexFormat.of().formatHex(digest, 0, 16));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }

  @JsonCreator
  public static DocumentId of(String value) {
    return new DocumentId(value);
  }

  @JsonValue
  @Override
  public String value() {
    return value;
  }

  @Override
  public String toString() {
    return value;
  }
}
