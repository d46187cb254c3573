package io.newsflow.elasticsearch.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides whether two indexed documents report the same event, from their entities and dates. Pure
 * and thread-safe, so the rule is tested without a cluster; {@code ArticleSearch} finds the
 * candidates.
 *
 * <p>Two documents are about the same event when their dates (both publication dates if both have
 * one, else the days newsflow first saw them) lie within {@link #WINDOW} of each other, they share at least one person or
 * organisation, and the weighted overlap of their person, organisation and location keys is at least
 * {@link #MIN_OVERLAP}: the weight of the shared keys over the smaller of the two documents' weights,
 * a person counting 3, an organisation 2, a place 1 (places are shared by unrelated stories far more
 * often than people are). Shingles cannot do this: the same story in other words shares almost no
 * 5-word shingle.
 */
public final class StoryMatcher {

  public static final Duration WINDOW = Duration.ofDays(3);
  public static final double MIN_OVERLAP = 0.35;

  private StoryMatcher() {}

  /** Returns the entity keys of an indexed document's enrichment with their weights. */
  @SuppressWarnings("unchecked")
  public static Map<String, Integer> weightedKeys(Map<String, Object> doc) {
    Map<String, Integer> keys = new HashMap<>();
    if (doc.get("enrichment") instanceof Map<?, ?> e && e.get("entities") instanceof List<?> entities) {
      for (Object o : entities) {
        if (o instanceof Map<?, ?> entity && entity.get("key") instanceof String key) {
          int w = switch (String.valueOf(entity.get("type"))) {
            case "PERSON" -> 3;
            case "ORGANIZATION" -> 2;
            case "LOCATION" -> 1;
            default -> 0;
          };
          if (w > 0) {
            keys.put(key, w);
          }
        }
      }
    }
    return keys;
  }

  /** Returns the day of the event a document reports: its publication date, else when it was first seen. */
  public static LocalDate eventDate(Map<String, Object> doc) {
    if (doc.get("enrichment") instanceof Map<?, ?> e && e.get("published_date") instanceof String published) {
      return LocalDate.parse(published);
    }
    Object seen = doc.get("seen_at");
    return seen == null ? null : LocalDate.ofInstant(Instant.parse(seen.toString()), ZoneOffset.UTC);
  }

  /**
   * Tells whether {@code a} and {@code b} report the same event. Their publication dates are compared
   * when both have one, else the days they were first seen: a text's date and an import date are not
   * on the same clock (an archive imported today would otherwise be far from its own coverage).
   */
  public static boolean sameEvent(Map<String, Object> a, Map<String, Object> b) {
    boolean bothPublished = published(a) != null && published(b) != null;
    LocalDate da = bothPublished ? LocalDate.parse(published(a)) : seenDate(a);
    LocalDate db = bothPublished ? LocalDate.parse(published(b)) : seenDate(b);
    if (da == null || db == null || Math.abs(da.toEpochDay() - db.toEpochDay()) > WINDOW.toDays()) {
      return false;
    }
    return overlap(weightedKeys(a), weightedKeys(b)) >= MIN_OVERLAP;
  }

  private static String published(Map<String, Object> doc) {
    return doc.get("enrichment") instanceof Map<?, ?> e && e.get("published_date") instanceof String p ? p : null;
  }

  private static LocalDate seenDate(Map<String, Object> doc) {
    Object seen = doc.get("seen_at");
    return seen == null ? null : LocalDate.ofInstant(Instant.parse(seen.toString()), ZoneOffset.UTC);
  }

  /** Returns the weighted overlap of two key sets, 0 unless they share a person or organisation. */
  public static double overlap(Map<String, Integer> a, Map<String, Integer> b) {
    int shared = 0;
    boolean actor = false;
    for (Map.Entry<String, Integer> e : a.entrySet()) {
      if (b.containsKey(e.getKey())) {
        shared += e.getValue();
        actor |= e.getValue() >= 2;
      }
    }
    int smaller = Math.min(a.values().stream().mapToInt(Integer::intValue).sum(), b.values().stream().mapToInt(Integer::intValue).sum());
    return !actor || smaller == 0 ? 0 : (double) shared / smaller;
  }
}
