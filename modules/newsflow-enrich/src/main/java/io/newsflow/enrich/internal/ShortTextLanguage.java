package io.newsflow.enrich.internal;

import com.github.pemistahl.lingua.api.Language;
import com.github.pemistahl.lingua.api.LanguageDetector;
import com.github.pemistahl.lingua.api.LanguageDetectorBuilder;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;

/**
 * Detects the language of short texts (titles, one-line bodies) with Lingua, whose n-gram models up
 * to five characters hold up on a handful of words where Optimaize's profiles, built for paragraphs,
 * guess. Restricted to {@link #LANGUAGES}: every language added costs heap for its models (loaded
 * once per JVM, at the first detection, and shared), and restricting also keeps a title from being
 * read as a rare language that happens to share its trigrams. Thread-safe.
 */
public final class ShortTextLanguage {

  /** The languages told apart: the most common of news on the web, across Latin, Cyrillic, Arabic and CJK scripts. */
  public static final Language[] LANGUAGES = {
      Language.ENGLISH, Language.FRENCH, Language.GERMAN, Language.SPANISH, Language.ITALIAN, Language.PORTUGUESE,
      Language.DUTCH, Language.RUSSIAN, Language.POLISH, Language.TURKISH, Language.ARABIC, Language.CHINESE,
      Language.JAPANESE, Language.KOREAN};

  /** Version recorded in {@code enrichers}. */
  public static final String VERSION = "lingua/1.2.2 low-accuracy " + LANGUAGES.length + " languages";

  // Below this confidence (the top language's share of the probability) the answer is "unknown".
  private static final double MIN_CONFIDENCE = 0.5;

  // Low-accuracy mode (trigrams only): heap after GC of a worker went from 459 to 222 MB with it
  // (bench enrich, 60 documents), and it still tells the titles of BasicEnricherTest apart.
  private static final LanguageDetector DETECTOR = LanguageDetectorBuilder.fromLanguages(LANGUAGES).withLowAccuracyMode().build();

  /** A detected language: ISO 639-1 code and confidence (0 to 1); code {@code null} when undetermined. */
  public record Result(String language, double confidence) {
    public static final Result UNKNOWN = new Result(null, 0);
  }

  private ShortTextLanguage() {}

  /** Returns the language of {@code text}, or {@link Result#UNKNOWN} if it has no letters or no clear winner. */
  public static Result detect(String text) {
    if (text == null || text.codePoints().noneMatch(Character::isLetter)) {
      return Result.UNKNOWN;
    }
    SortedMap<Language, Double> values = DETECTOR.computeLanguageConfidenceValues(text);
    Map.Entry<Language, Double> best = null;
    for (Map.Entry<Language, Double> e : values.entrySet()) {
      if (best == null || e.getValue() > best.getValue()) {
        best = e;
      }
    }
    if (best == null || best.getKey() == Language.UNKNOWN || best.getValue() < MIN_CONFIDENCE) {
      return Result.UNKNOWN;
    }
    return new Result(best.getKey().getIsoCode639_1().toString().toLowerCase(Locale.ROOT), best.getValue());
  }
}
