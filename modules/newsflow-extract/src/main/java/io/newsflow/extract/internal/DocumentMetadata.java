package io.newsflow.extract.internal;

import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.tika.metadata.HttpHeaders;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;

/**
 * Reads the fields newsflow keeps from Tika's metadata of one parsed file. Stateless and
 * thread-safe; blank values read as {@code null}.
 */
public final class DocumentMetadata {

  /** Key of the Tika parser class that read the file. */
  public static final String PARSER = "newsflow:parser";

  /** Key of the path or name an embedded object had where it was made, as its container recorded it. */
  public static final String ORIGINAL_NAME = "original-name";

  // A first line longer than this is a paragraph, not a headline. Not 200: a seed article opens
  // with a 217-character dateline line that is its only title. 256 is Elasticsearch's default
  // ignore_above for keyword sub-fields, so a longer title could not be sorted on anyway.
  static final int MAX_FIRST_LINE_TITLE_CHARS = 256;

  /** Output key, then the Tika keys to read it from, the first non-blank value winning. */
  private static final List<List<String>> EXTRAS = List.of(
      List.of("page-count", PagedText.N_PAGES.getName()),
      List.of("description", TikaCoreProperties.DESCRIPTION.getName(), "description"),
      List.of("publisher", TikaCoreProperties.PUBLISHER.getName()),
      List.of("og:title", "og:title"),
      List.of("og:description", "og:description"),
      List.of("og:site_name", "og:site_name"),
      List.of("og:url", "og:url"),
      List.of("og:type", "og:type"),
      List.of("article:published_time", "article:published_time"),
      List.of("article:section", "article:section"));

  // A bound on what one document's metadata adds to its Kafka record: 100 keys of up to 1,000
  // characters is 100 KB at worst; Tika gives an office file 30 to 60 keys, few longer than a line.
  static final int MAX_KEYS = 100;
  static final int MAX_VALUE_CHARS = 1_000;

  private DocumentMetadata() {}

  /**
   * Tells whether a document without text still says what it is: a photo with a caption, title or
   * keywords (IPTC, XMP, EXIF) is worth finding in a news archive, so it is not rejected as empty.
   */
  public static boolean describesItself(Metadata metadata) {
    return first(metadata, TikaCoreProperties.TITLE.getName(), TikaCoreProperties.DESCRIPTION.getName(),
        TikaCoreProperties.SUBJECT.getName()) != null;
  }

  /** Returns the media type without parameters, e.g. {@code text/html}. */
  public static String contentType(Metadata metadata) {
    MediaType type = MediaType.parse(metadata.get(Metadata.CONTENT_TYPE));
    return type == null ? MediaType.OCTET_STREAM.toString() : type.getBaseType().toString();
  }

  /**
   * Returns {@code dc:title}; failing that, for plain text, the first non-blank line of {@code text}
   * when it is short enough to be a headline.
   */
  public static String title(Metadata metadata, String contentType, String text) {
    String title = first(metadata, TikaCoreProperties.TITLE.getName());
    if (title != null || !MediaType.TEXT_PLAIN.toString().equals(contentType)) {
      return title;
    }
    return text.lines()
        .map(String::strip)
        .filter(line -> !line.isEmpty())
        .findFirst()
        .filter(line -> line.length() <= MAX_FIRST_LINE_TITLE_CHARS)
        .orElse(null);
  }

  /** Returns the authors ({@code dc:creator}, several joined by "; "), else the HTML meta author. */
  public static String author(Metadata metadata) {
    String creators = Arrays.stream(metadata.getValues(TikaCoreProperties.CREATOR))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .distinct()
        .collect(Collectors.joining("; "));
    return creators.isEmpty() ? first(metadata, "author") : creators;
  }

  /** Returns the language the file declares ({@code dc:language}, else Content-Language), or null. */
  public static String language(Metadata metadata) {
    // Tika's HTML parser stores <html lang> as "Content-Language" but a <meta http-equiv> under the
    // name as written, usually lowercase.
    return first(metadata, TikaCoreProperties.LANGUAGE.getName(), HttpHeaders.CONTENT_LANGUAGE,
        HttpHeaders.CONTENT_LANGUAGE.toLowerCase(Locale.ROOT));
  }

  /** Returns a date property as an instant, or {@code null} if absent or unparseable. */
  public static Instant instant(Metadata metadata, Property property) {
    Date date = metadata.getDate(property);
    return date == null ? null : date.toInstant();
  }

  /**
   * Returns the further metadata worth keeping: page count, charset, description, keywords (all),
   * an embedded object's original name, publisher, Open Graph and article fields and the parser that read the file under newsflow's
   * names, then every other value Tika gave (at most {@value #MAX_KEYS} keys of
   * {@value #MAX_VALUE_CHARS} characters) under Tika's names.
   */
  public static Map<String, String> extras(Metadata metadata) {
    Map<String, String> extras = new LinkedHashMap<>();
    for (List<String> row : EXTRAS) {
      String value = first(metadata, row.subList(1, row.size()).toArray(String[]::new));
      if (value != null) {
        extras.put(row.get(0), value);
      }
    }
    // Every keyword, not the first: a photo's IPTC keywords are one value each.
    String keywords = joined(metadata, TikaCoreProperties.SUBJECT.getName());
    keywords = keywords != null ? keywords : joined(metadata, "keywords");
    if (keywords != null) {
      extras.put("keywords", keywords);
    }
    // Where an embedded object came from (C:\Users\...\report.docx; a Mac path too): provenance a
    // reader of a leaked or forwarded document asks for, and Tika keeps it under a bookkeeping name.
    String original = joined(metadata, TikaCoreProperties.ORIGINAL_RESOURCE_NAME.getName());
    if (original != null) {
      extras.put(ORIGINAL_NAME, original);
    }
    String charset = charset(metadata);
    if (charset != null) {
      extras.put("charset", charset);
    }
    String[] parsers = metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY);
    if (parsers.length > 0) {
      extras.put(PARSER, parsers[parsers.length - 1]);
    }
    // Then everything else the parser said, under Tika's own names, as tika-app prints it: a user
    // checking a file, or a later re-processing, may need a field no one thought of keeping.
    String[] names = metadata.names();
    Arrays.sort(names);
    for (String name : names) {
      if (extras.size() >= MAX_KEYS) {
        break;
      }
      if (isInternal(name) || extras.containsKey(name)) {
        continue;
      }
      String value = Arrays.stream(metadata.getValues(name)).map(String::strip).filter(v -> !v.isEmpty()).distinct()
          .collect(Collectors.joining("; "));
      if (!value.isEmpty()) {
        extras.put(name, value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value);
      }
    }
    return extras;
  }

  /** Tells whether a Tika key is bookkeeping newsflow keeps elsewhere or not at all (text, stack traces). */
  private static boolean isInternal(String name) {
    return name.startsWith(TikaCoreProperties.TIKA_META_PREFIX)
        || name.equals(TikaCoreProperties.RESOURCE_NAME_KEY)
        || name.equals("Content-Length")
        || ArticleParser.isArticleKey(name);
  }

  private static String charset(Metadata metadata) {
    MediaType type = MediaType.parse(metadata.get(Metadata.CONTENT_TYPE));
    String charset = type == null ? null : type.getParameters().get("charset");
    return charset != null ? charset : first(metadata, Metadata.CONTENT_ENCODING);
  }

  /**
   * Returns the first line of each problem Tika met and worked around while reading the document:
   * its warnings (a damaged embedded object skipped) and the embedded streams it could not read (an
   * encrypted zip entry), which otherwise leave no trace.
   */
  public static List<String> warnings(Metadata metadata) {
    List<String> warnings = new java.util.ArrayList<>();
    for (Property p : List.of(TikaCoreProperties.TIKA_META_EXCEPTION_WARNING,
        TikaCoreProperties.TIKA_META_EXCEPTION_EMBEDDED_STREAM)) {
      for (String value : metadata.getValues(p)) {
        String line = value.strip().lines().findFirst().orElse("").strip();
        if (!line.isEmpty() && !warnings.contains(line)) {
          warnings.add(line.length() > MAX_VALUE_CHARS ? line.substring(0, MAX_VALUE_CHARS) : line);
        }
      }
    }
    return warnings;
  }

  private static String joined(Metadata metadata, String key) {
    String value = Arrays.stream(metadata.getValues(key)).map(String::strip).filter(v -> !v.isEmpty()).distinct()
        .collect(Collectors.joining("; "));
    return value.isEmpty() ? null : value.length() > MAX_VALUE_CHARS ? value.substring(0, MAX_VALUE_CHARS) : value;
  }

  private static String first(Metadata metadata, String... keys) {
    for (String key : keys) {
      String value = metadata.get(key);
      if (value != null && !value.isBlank()) {
        return value.strip();
      }
    }
    return null;
  }
}
