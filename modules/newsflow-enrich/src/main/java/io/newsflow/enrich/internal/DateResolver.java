package io.newsflow.enrich.internal;

import io.newsflow.api.Entities.DateMention;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the publication date of a document and the date expressions of its text, resolved to
 * calendar dates. Pure and thread-safe.
 *
 * <p>The publication date comes from the metadata (a published or created date), else from a
 * dateline (a full date in the first {@value #DATELINE_CHARS} characters), else from the first full
 * date of the text. Relative expressions ("on Monday", "last Friday", "yesterday") and dates without
 * a year ("June 19") are resolved against it, and left out when it is unknown. A bare weekday is the
 * latest such day on or before the publication date (news reports what happened), unless "next" or a
 * future verb ("will", "is due") in the words just before it points forward.
 */
public final class DateResolver {

  /** Where a publication date was found. */
  public enum Source {
    METADATA("metadata"), DATELINE("dateline"), TEXT("text");

    public final String code;

    Source(String code) {
      this.code = code;
    }
  }

  /** Gives the publication date and where it came from. */
  public record Published(LocalDate date, Source source) {}

  /** Gives the result: publication date (or {@code null}) and the resolved expressions. */
  public record Result(Published published, List<DateMention> dates) {}

  static final int DATELINE_CHARS = 400;

  private static final String MONTH = "(Jan(?:uary|\\.)?|Feb(?:ruary|\\.)?|Mar(?:ch|\\.)?|Apr(?:il|\\.)?|May|June?|July?"
      + "|Aug(?:ust|\\.)?|Sep(?:t\\.|tember|\\.)?|Oct(?:ober|\\.)?|Nov(?:ember|\\.)?|Dec(?:ember|\\.)?)";
  private static final Pattern MONTH_DAY = Pattern.compile(
      "\\b" + MONTH + "\\s+(\\d{1,2})(?:st|nd|rd|th)?\\b(?:,?\\s+(\\d{4})\\b)?");
  private static final Pattern DAY_MONTH = Pattern.compile(
      "\\b(\\d{1,2})(?:st|nd|rd|th)?\\s+" + MONTH + "\\b(?:,?\\s+(\\d{4})\\b)?");
  private static final Pattern ISO = Pattern.compile("\\b(\\d{4})-(\\d{2})-(\\d{2})\\b");
  private static final Pattern ISO_PREFIX = Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})");
  private static final Pattern RELATIVE = Pattern.compile(
      "\\b(?:(?:on|last|next|this|from|until|by|since)\\s+)?(?:(last|next|this)\\s+)?"
          + "(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\\b|\\b(yesterday|today|tomorrow)\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern FUTURE_CUE = Pattern.compile(
      "\\b(will|would|shall|is due|are due|is expected|are expected|scheduled|plans? to|is to|are to|next)\\b[^.!?]{0,40}$",
      Pattern.CASE_INSENSITIVE);
  // The characters a match of each pattern can begin with (see Scan).
  private static final boolean[] DIGITS = Scan.initials("0123456789");
  private static final boolean[] MONTH_INITIALS = Scan.initials("JFMASOND");
  private static final boolean[] RELATIVE_INITIALS = Scan.initials("olntfubsmwyOLNTFUBSMWY");
  private static final List<String> METADATA_KEYS = List.of(
      "article:published_time", "dcterms:issued", "published", "pubdate", "date", "dcterms:created", "dc:date");

  private DateResolver() {}

  /**
   * Resolves the dates of a document.
   *
   * @param text the extracted text
   * @param created the created date from the file's metadata, or {@code null}
   * @param metadata the file's further metadata
   */
  public static Result resolve(String text, Instant created, Map<String, String> metadata) {
    Published published = fromMetadata(created, metadata);
    List<Absolute> absolutes = absolutes(text);
    if (published == null) {
      for (Absolute a : absolutes) {
        if (a.year != null && a.start < DATELINE_CHARS) {
          published = new Published(a.date(a.year), Source.DATELINE);
          break;
        }
      }
    }
    if (published == null) {
      for (Absolute a : absolutes) {
        if (a.year != null) {
          published = new Published(a.date(a.year), Source.TEXT);
          break;
        }
      }
    }
    List<DateMention> dates = new ArrayList<>();
    for (Absolute a : absolutes) {
      Integer year = a.year != null ? a.year : published == null ? null : published.date().getYear();
      LocalDate d = year == null ? null : a.date(year);
      if (d != null) {
        dates.add(new DateMention(text.substring(a.start, a.end), a.start, a.end, d.toString(), a.year == null));
      }
    }
    if (published != null) {
      for (MatchResult m : Scan.findAll(RELATIVE, text, RELATIVE_INITIALS)) {
        LocalDate d = relative(text, m, published.date());
        if (d != null) {
          dates.add(new DateMention(m.group(), m.start(), m.end(), d.toString(), true));
        }
      }
    }
    dates.sort(java.util.Comparator.comparingInt(DateMention::start));
    return new Result(published, dates);
  }

  private static Published fromMetadata(Instant created, Map<String, String> metadata) {
    for (String key : METADATA_KEYS) {
      for (Map.Entry<String, String> e : metadata.entrySet()) {
        if (e.getKey().equalsIgnoreCase(key) && e.getValue() != null) {
          LocalDate d = parseIsoPrefix(e.getValue());
          if (d != null) {
            return new Published(d, Source.METADATA);
          }
        }
      }
    }
    return created == null ? null : new Published(LocalDate.ofInstant(created, ZoneOffset.UTC), Source.METADATA);
  }

  private static LocalDate parseIsoPrefix(String value) {
    Matcher m = ISO_PREFIX.matcher(value.trim());
    if (m.lookingAt()) {
      try {
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
      } catch (DateTimeException e) {
        return null;
      }
    }
    return null;
  }

  private record Absolute(int start, int end, int month, int day, Integer year) {
    LocalDate date(int y) {
      try {
        return LocalDate.of(y, month, day);
      } catch (DateTimeException e) {
        return null;
      }
    }
  }

  private static List<Absolute> absolutes(String text) {
    List<Absolute> found = new ArrayList<>();
    for (MatchResult iso : Scan.findAll(ISO, text, DIGITS)) {
      int month = Integer.parseInt(iso.group(2));
      int day = Integer.parseInt(iso.group(3));
      if (month >= 1 && month <= 12 && day >= 1 && day <= 31) {
        found.add(new Absolute(iso.start(), iso.end(), month, day, Integer.parseInt(iso.group(1))));
      }
    }
    for (MatchResult md : Scan.findAll(MONTH_DAY, text, MONTH_INITIALS)) {
      add(found, md.start(), md.end(), md.group(1), md.group(2), md.group(3));
    }
    for (MatchResult dm : Scan.findAll(DAY_MONTH, text, DIGITS)) {
      add(found, dm.start(), dm.end(), dm.group(2), dm.group(1), dm.group(3));
    }
    found.sort(java.util.Comparator.comparingInt(Absolute::start));
    // Drop overlaps ("19 June 2023" matched both ways): the first, longest match wins.
    List<Absolute> kept = new ArrayList<>();
    for (Absolute a : found) {
      if (kept.isEmpty() || a.start >= kept.get(kept.size() - 1).end) {
        kept.add(a);
      } else if (a.start == kept.get(kept.size() - 1).start && a.end > kept.get(kept.size() - 1).end) {
        kept.set(kept.size() - 1, a);
      }
    }
    return kept;
  }

  private static void add(List<Absolute> found, int start, int end, String monthName, String day, String year) {
    int month = month(monthName);
    int d = Integer.parseInt(day);
    // "May 5" is a date; the modal verb "may" is lowercase and does not match.
    if (month > 0 && d >= 1 && d <= 31) {
      found.add(new Absolute(start, end, month, d, year == null ? null : Integer.parseInt(year)));
    }
  }

  private static int month(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    String[] prefixes = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
    for (int i = 0; i < prefixes.length; i++) {
      if (n.startsWith(prefixes[i])) {
        return i + 1;
      }
    }
    return 0;
  }

  private static LocalDate relative(String text, MatchResult m, LocalDate base) {
    if (m.group(3) != null) {
      return switch (m.group(3).toLowerCase(Locale.ROOT)) {
        case "yesterday" -> base.minusDays(1);
        case "tomorrow" -> base.plusDays(1);
        default -> base;
      };
    }
    // Weekday names are capitalised; "monday" in lowercase is rare enough in news to trust the case.
    if (!Character.isUpperCase(m.group(2).charAt(0))) {
      return null;
    }
    DayOfWeek day = DayOfWeek.valueOf(m.group(2).toUpperCase(Locale.ROOT));
    String modifier = m.group(1) == null ? "" : m.group(1).toLowerCase(Locale.ROOT);
    String whole = m.group().toLowerCase(Locale.ROOT);
    if (modifier.equals("next") || whole.startsWith("next ")) {
      return base.with(TemporalAdjusters.next(day));
    }
    if (modifier.equals("last") || whole.startsWith("last ")) {
      return base.with(TemporalAdjusters.previous(day));
    }
    int from = Math.max(0, m.start() - 60);
    if (FUTURE_CUE.matcher(text.substring(from, m.start())).find()) {
      return base.with(TemporalAdjusters.nextOrSame(day));
    }
    return base.with(TemporalAdjusters.previousOrSame(day));
  }
}
