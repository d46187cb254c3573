package io.newsflow.extract.html.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the date forms web pages use in metadata and datelines. Times without a zone are taken as
 * UTC; dates without a time as midnight UTC. Stateless and thread-safe.
 */
public final class Dates {

  // Earliest and latest plausible publication dates: anything outside is a parsing accident (a
  // copyright year, a product number), not a date.
  private static final Instant EARLIEST = Instant.parse("1990-01-01T00:00:00Z");
  private static final Instant LATEST = Instant.parse("2100-01-01T00:00:00Z");

  private static final Pattern ISO = Pattern.compile(
      "(\\d{4})-(\\d{2})-(\\d{2})(?:[T ](\\d{2}):(\\d{2})(?::(\\d{2})(?:[.,]\\d+)?)?\\s*(Z|[+-]\\d{2}:?\\d{2})?)?");
  private static final Pattern DOTTED = Pattern.compile("\\b(\\d{1,2})\\.\\s?(\\d{1,2})\\.\\s?(\\d{4})\\b");
  private static final Pattern SLASHED = Pattern.compile("\\b(\\d{4})/(\\d{1,2})/(\\d{1,2})\\b");
  private static final Pattern DAY_MONTH_YEAR = Pattern.compile(
      "\\b(\\d{1,2})\\.?\\s+([A-Za-zäÄéû]{3,10})\\.?,?\\s+(\\d{4})\\b");
  private static final Pattern MONTH_DAY_YEAR = Pattern.compile(
      "\\b([A-Za-z]{3,9})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})\\b");

  /** Month names and abbreviations in English, German and French, lowercase, to month numbers. */
  private static final Map<String, Integer> MONTHS = Map.ofEntries(
      Map.entry("jan", 1), Map.entry("january", 1), Map.entry("januar", 1), Map.entry("jänner", 1), Map.entry("janvier", 1),
      Map.entry("feb", 2), Map.entry("february", 2), Map.entry("februar", 2), Map.entry("février", 2),
      Map.entry("mar", 3), Map.entry("march", 3), Map.entry("märz", 3), Map.entry("mär", 3), Map.entry("mars", 3),
      Map.entry("apr", 4), Map.entry("april", 4), Map.entry("avril", 4),
      Map.entry("may", 5), Map.entry("mai", 5),
      Map.entry("jun", 6), Map.entry("june", 6), Map.entry("juni", 6), Map.entry("juin", 6),
      Map.entry("jul", 7), Map.entry("july", 7), Map.entry("juli", 7), Map.entry("juillet", 7),
      Map.entry("aug", 8), Map.entry("august", 8), Map.entry("août", 8),
      Map.entry("sep", 9), Map.entry("sept", 9), Map.entry("september", 9), Map.entry("septembre", 9),
      Map.entry("oct", 10), Map.entry("october", 10), Map.entry("okt", 10), Map.entry("oktober", 10), Map.entry("octobre", 10),
      Map.entry("nov", 11), Map.entry("november", 11), Map.entry("novembre", 11),
      Map.entry("dec", 12), Map.entry("december", 12), Map.entry("dez", 12), Map.entry("dezember", 12), Map.entry("décembre", 12));

  private Dates() {}

  /**
   * Parses a machine-readable date (ISO-8601 with or without zone, RFC 1123, epoch seconds) that
   * makes up the whole of {@code value}, or returns {@code null}.
   */
  public static Instant parseMachine(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    String v = value.strip();
    try {
      return plausible(OffsetDateTime.parse(v).toInstant());
    } catch (DateTimeParseException ignored) {
      // not a complete ISO offset date-time; try the looser forms below
    }
    try {
      return plausible(ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException ignored) {
      // not RFC 1123 either
    }
    Matcher m = ISO.matcher(v);
    if (m.lookingAt()) {
      return iso(m);
    }
    if (v.matches("\\d{10}")) {
      return plausible(Instant.ofEpochSecond(Long.parseLong(v)));
    }
    return findInText(v);
  }

  /** Finds the first date written in human form (ISO, 3.4.2024, 3 March 2024, March 3, 2024) in {@code text}. */
  public static Instant findInText(String text) {
    if (text == null) {
      return null;
    }
    Instant best = null;
    int bestAt = Integer.MAX_VALUE;
    Matcher m = ISO.matcher(text);
    if (m.find()) {
      Instant i = iso(m);
      if (i != null) {
        best = i;
        bestAt = m.start();
      }
    }
    m = DOTTED.matcher(text);
    if (m.find() && m.start() < bestAt) {
      Instant i = of(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(1)));
      if (i != null) {
        best = i;
        bestAt = m.start();
      }
    }
    m = SLASHED.matcher(text);
    if (m.find() && m.start() < bestAt) {
      Instant i = of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      if (i != null) {
        best = i;
        bestAt = m.start();
      }
    }
    m = DAY_MONTH_YEAR.matcher(text);
    while (m.find() && m.start() < bestAt) {
      Integer month = MONTHS.get(m.group(2).toLowerCase(Locale.ROOT));
      Instant i = month == null ? null : of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(1)));
      if (i != null) {
        best = i;
        bestAt = m.start();
        break;
      }
    }
    m = MONTH_DAY_YEAR.matcher(text);
    while (m.find() && m.start() < bestAt) {
      Integer month = MONTHS.get(m.group(1).toLowerCase(Locale.ROOT));
      Instant i = month == null ? null : of(Integer.parseInt(m.group(3)), month, Integer.parseInt(m.group(2)));
      if (i != null) {
        best = i;
        break;
      }
    }
    return best;
  }

  private static Instant iso(Matcher m) {
    try {
      LocalDate date = LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      if (m.group(4) == null) {
        return plausible(date.atStartOfDay().toInstant(ZoneOffset.UTC));
      }
      LocalDateTime time = date.atTime(Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)),
          m.group(6) == null ? 0 : Integer.parseInt(m.group(6)));
      ZoneOffset offset = ZoneOffset.UTC;
      if (m.group(7) != null && !m.group(7).equals("Z")) {
        String z = m.group(7).replace(":", "");
        offset = ZoneOffset.of(z.substring(0, 3) + ":" + z.substring(3));
      }
      return plausible(time.toInstant(offset));
    } catch (RuntimeException e) {
      return null; // 2024-13-45 and the like
    }
  }

  private static Instant of(int year, int month, int day) {
    try {
      return plausible(LocalDate.of(year, month, day).atStartOfDay().toInstant(ZoneOffset.UTC));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static Instant plausible(Instant i) {
    return i != null && i.isAfter(EARLIEST) && i.isBefore(LATEST) ? i : null;
  }
}
