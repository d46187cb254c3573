package io.newsflow.esplugin;

import java.util.List;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalyzerFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.ListSetting;

/**
 * Provides the standard {@code english} analyzer: standard tokenizer, possessive removal,
 * lower-casing, English stop words and Porter stemming, with the {@code stopwords} and
 * {@code stem_exclusion} settings of the built-in one.
 */
@NamedComponent("english")
public class EnglishAnalyzerFactory implements AnalyzerFactory {

  /** Reads the standard {@code english} analyzer settings. */
  @AnalysisSettings
  public interface Settings {
    /** Returns the stop words, or {@code _english_} (the default) or {@code _none_}. */
    @ListSetting(path = "stopwords")
    List<String> stopwords();

    /** Returns words to keep unstemmed. */
    @ListSetting(path = "stem_exclusion")
    List<String> stemExclusion();
  }

  private final Analyzer analyzer;

  /** Creates the factory from the analyzer's index settings. */
  @Inject
  public EnglishAnalyzerFactory(Settings settings) {
    this.analyzer = new EnglishAnalyzer(
        StopWords.parse(settings.stopwords(), EnglishAnalyzer.ENGLISH_STOP_WORDS_SET),
        new CharArraySet(settings.stemExclusion(), false));
  }

  @Override
  public Analyzer create() {
    // The server calls this whenever it needs the analyzer; one shared, thread-safe instance
    // avoids building a fresh one (and its per-thread caches) each time.
    return analyzer;
  }
}
