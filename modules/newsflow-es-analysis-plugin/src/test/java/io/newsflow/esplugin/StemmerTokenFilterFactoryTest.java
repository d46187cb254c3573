package io.newsflow.esplugin;

import static io.newsflow.esplugin.TestSupport.settings;
import static io.newsflow.esplugin.TestSupport.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class StemmerTokenFilterFactoryTest {

  private static final String TEXT = "Ministers meetings happening";

  private static List<String> stem(Map<String, Object> values) {
    var factory = new StemmerTokenFilterFactory(settings(StemmerTokenFilterFactory.Settings.class, values));
    return tokens(TEXT, in -> factory.create(new LowerCaseFilter(in)));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', textBlock = """
      english            | minist meet happen
      porter             | minist meet happen
      porter2            | minist meet happen
      light_english      | minister meeting happening
      lightEnglish       | minister meeting happening
      kstem              | minister meeting happening
      minimal_english    | minister meeting happening
      possessive_english | ministers meetings happening
      """)
  void stemsWithTheNamedLanguage(String language, String expected) {
    assertThat(stem(Map.of("language", language))).containsExactly(expected.split(" "));
  }

  @Test
  void removesPossessivesSoTheEnglishStemmerSeesTheBareWord() {
    var possessive = new StemmerTokenFilterFactory(
        settings(StemmerTokenFilterFactory.Settings.class, Map.of("language", "possessive_english")));
    var english = new StemmerTokenFilterFactory(
        settings(StemmerTokenFilterFactory.Settings.class, Map.of("language", "english")));

    assertThat(tokens("Beijing's minister's", possessive::create)).containsExactly("Beijing", "minister");
    assertThat(tokens("minister's", in -> english.create(possessive.create(in)))).containsExactly("minist");
  }

  @Test
  void acceptsTheOlderNameKey() {
    assertThat(stem(Map.of("name", "light_english"))).containsExactly("minister", "meeting", "happening");
  }

  @Test
  void prefersLanguageOverName() {
    assertThat(stem(Map.of("language", "english", "name", "light_english"))).containsExactly("minist", "meet", "happen");
  }

  @Test
  void defaultsToPorter() {
    assertThat(stem(Map.of())).containsExactly("minist", "meet", "happen");
  }

  @Test
  void rejectsAnUnknownLanguage() {
    var settings = settings(StemmerTokenFilterFactory.Settings.class, Map.of("language", "klingon"));

    assertThatThrownBy(() -> new StemmerTokenFilterFactory(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("klingon");
  }

  @Test
  void stemsOtherLanguagesToo() {
    var factory = new StemmerTokenFilterFactory(
        settings(StemmerTokenFilterFactory.Settings.class, Map.of("language", "german")));

    assertThat(tokens("häuser", factory::create)).containsExactly("haus");
  }
}
