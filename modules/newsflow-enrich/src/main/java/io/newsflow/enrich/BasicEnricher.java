package io.newsflow.enrich;

import io.newsflow.api.Enricher;
import io.newsflow.api.Enrichment;
import io.newsflow.api.Enrichment.EnricherRun;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.api.PipelineVersion;
import io.newsflow.enrich.internal.ShortTextLanguage;
import java.text.BreakIterator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.tika.langdetect.optimaize.OptimaizeLangDetector;
import org.apache.tika.language.detect.LanguageDetector;
import org.apache.tika.language.detect.LanguageResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Adds the language and the word count to an extracted document. Thread-safe: one instance serves
 * all enrich threads.
 *
 * <p>The language is detected from the title and the start of the text with Tika's Optimaize
 * detector and given as an ISO 639-1 code (the primary subtag: {@code zh-CN} becomes {@code zh}).
 * It is {@code null}, with confidence 0, when the detector is not reasonably certain, which is
 * what numeric or mixed-language text gives. The title's own language, and that of a text shorter
 * than {@value #SHORT_TEXT_CHARS} characters, come from Lingua ({@link ShortTextLanguage}), which
 * copes with a few words.
 *
 * <p>Words are the Unicode word segments (UAX #29, via {@link BreakIterator}) that contain a letter
 * or a digit: "don't" and "U.S." count once each. The JDK has no dictionary for scripts written
 * without spaces, so a run of Chinese or Japanese counts as one word.
 */
public final class BasicEnricher implements Enricher {

  /** Name of the language step in {@link Enrichment#enrichers()}. */
  public static final String LANGUAGE = "language";
  /** Name of the word-count step in {@link Enrichment#enrichers()}. */
  public static final String WORD_COUNT = "word-count";
  /** Name of the title-language step in {@link Enrichment#enrichers()}. */
  public static final String TITLE_LANGUAGE = "title-language";

  /**
   * Texts shorter than this (a caption, a one-line notice) go to the short-text detector, like
   * titles: Optimaize's profiles are built for paragraphs and guess on a few words.
   */
  static final int SHORT_TEXT_CHARS = 200;

  private static final Logger LOG = LoggerFactory.getLogger(BasicEnricher.class);

  // The detector reads the title and this much of the start of the text (Tika's own cap is 20,000).
  // Optimaize weighs every n-gram it is given, so its time grows with the text; the language of a
  // news article is settled well within its first 160 words. Cutting the text at 1,000 instead of
  // 20,000 characters left every detected language of bench enrich's corpus, the seed articles and
  // eval-stories' corpus (561 documents) as it was; the confidences moved by less than 0.00001.
  static final int MAX_DETECTION_CHARS = 1_000;

  // The models pin the results, and tika-langdetect-optimaize pins the models (Optimaize 0.6).
  private static final String LANGUAGE_VERSION = "tika-langdetect-optimaize/"
      + Objects.requireNonNullElse(OptimaizeLangDetector.class.getPackage().getImplementationVersion(), "unknown");

  private final Clock clock;

  /** Creates an enricher stamping {@code enrichedAt} from the UTC system clock. */
  public BasicEnricher() {
    this(Clock.systemUTC());
  }

  /**
   * Creates an enricher stamping {@code enrichedAt} from {@code clock}. Loads the language models
   * now (about 70 profiles, once per JVM) rather than on the first document.
   */
  public BasicEnricher(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    newDetector();
  }

  @Override
  public Outcome<Enrichment> enrich(ExtractedDocument document) {
    try {
      long start = System.nanoTime();
      String code;
      double confidence;
      String languageVersion = LANGUAGE_VERSION;
      if (document.text().strip().length() < SHORT_TEXT_CHARS) {
        // The title counts towards the language, as below.
        String title = document.title() == null ? "" : document.title();
        ShortTextLanguage.Result shortText = ShortTextLanguage.detect(title + "\n" + document.text());
        code = shortText.language();
        confidence = shortText.confidence();
        languageVersion = ShortTextLanguage.VERSION;
      } else {
        LanguageResult language = detectLanguage(document);
        boolean known = !language.isUnknown() && language.isReasonablyCertain();
        code = known ? iso639_1(language.getLanguage()) : null;
        confidence = known ? language.getRawScore() : 0;
      }
      long detected = System.nanoTime();
      ShortTextLanguage.Result title = document.title() == null || document.title().isBlank()
          ? ShortTextLanguage.Result.UNKNOWN : ShortTextLanguage.detect(document.title());
      long titleDetected = System.nanoTime();
      int words = countWords(document.text());
      long counted = System.nanoTime();

      return Outcome.success(new Enrichment(
          Enrichment.SCHEMA_VERSION,
          PipelineVersion.CURRENT,
          document.id(),
          document.revision(),
          document.source().sha256(),
          code,
          confidence,
          words,
          List.of(
              new EnricherRun(LANGUAGE, languageVersion, Duration.ofNanos(detected - start)),
              document.title() == null || document.title().isBlank()
                  ? new EnricherRun(TITLE_LANGUAGE, ShortTextLanguage.VERSION, Duration.ZERO, "no title")
                  : new EnricherRun(TITLE_LANGUAGE, ShortTextLanguage.VERSION, Duration.ofNanos(titleDetected - detected)),
              new EnricherRun(WORD_COUNT, PipelineVersion.CURRENT, Duration.ofNanos(counted - titleDetected))),
          document.seenAt(),
          clock.instant(),
          null, null, null, null, null, null, null, null, null, null,
          title.language(), title.confidence(), null));
    } catch (RuntimeException e) {
      LOG.warn("Unexpected error enriching document {} ({}); it is rejected as internal, report this as"
          + " a newsflow bug", document.id(), document.source().uri(), e);
      return new Outcome.Rejected<>(FailureReason.INTERNAL, "unexpected " + e, e.getClass().getName());
    }
  }

  /**
   * Counts the words in {@code text}: Unicode word segments containing at least one letter or digit.
   */
  static int countWords(String text) {
    BreakIterator words = BreakIterator.getWordInstance(Locale.ROOT);
    words.setText(text);
    int count = 0;
    for (int start = words.first(), end = words.next(); end != BreakIterator.DONE; start = end, end = words.next()) {
      for (int i = start; i < end; ) {
        int c = text.codePointAt(i);
        if (Character.isLetterOrDigit(c)) {
          count++;
          break;
        }
        i += Character.charCount(c);
      }
    }
    return count;
  }

  private static LanguageResult detectLanguage(ExtractedDocument document) {
    String title = document.title() == null ? "" : document.title();
    String body = document.text();
    String text = title + "\n" + (body.length() > MAX_DETECTION_CHARS ? body.substring(0, MAX_DETECTION_CHARS) : body);
    LanguageDetector detector = newDetector();
    detector.addText(text);
    return detector.detect();
  }

  /**
   * Returns a detector for one document. Tika's OptimaizeLangDetector buffers the text it is given,
   * so an instance cannot be shared between threads; but its models are a static, immutable
   * Optimaize LanguageDetectorImpl that loadModels() merely points to, so a fresh instance per
   * document costs one small buffer.
   */
  private static LanguageDetector newDetector() {
    return new OptimaizeLangDetector().loadModels();
  }

  private static String iso639_1(String tag) {
    int dash = tag.indexOf('-');
    return dash < 0 ? tag : tag.substring(0, dash);
  }
}
