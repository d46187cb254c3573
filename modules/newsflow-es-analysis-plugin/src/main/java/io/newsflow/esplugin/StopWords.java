package io.newsflow.esplugin;

import java.util.List;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;

/** Parses a {@code stopwords} setting the way Elasticsearch does, for the named lists this plugin knows. */
final class StopWords {

  private StopWords() {}

  /**
   * Builds a stop set from the setting: an empty setting means {@code defaults}; otherwise each
   * entry is a word, or {@code _english_} / {@code _none_} standing for a predefined list.
   */
  static CharArraySet parse(List<String> setting, CharArraySet defaults) {
    if (setting.isEmpty()) {
      return defaults;
    }
    CharArraySet words = new CharArraySet(setting.size(), false);
    for (String word : setting) {
      if (word.equals("_english_")) {
        words.addAll(EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      } else if (word.matches("_\\w+_") && !word.equals("_none_")) {
        // Other languages' lists live in analysis-common; failing beats silently indexing stop words.
        throw new IllegalArgumentException("unsupported stop word list [" + word + "]");
      } else if (!word.equals("_none_")) {
        words.add(word);
      }
    }
    return CharArraySet.unmodifiableSet(words);
  }
}
