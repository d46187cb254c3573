package io.newsflow.esplugin;

import static io.newsflow.esplugin.TestSupport.settings;
import static io.newsflow.esplugin.TestSupport.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EnglishAnalyzerFactoryTest {

  private static final String TEXT = "The Ministers were meeting in Beijing's Great Hall";

  @Test
  void stemsAndDropsEnglishStopWordsByDefault() {
    var factory = new EnglishAnalyzerFactory(settings(EnglishAnalyzerFactory.Settings.class, Map.of()));

    assertThat(tokens(factory.create(), TEXT))
        .containsExactly("minist", "were", "meet", "beij", "great", "hall");
  }

  @Test
  void honoursStopwordsAndStemExclusion() {
    var factory = new EnglishAnalyzerFactory(settings(EnglishAnalyzerFactory.Settings.class, Map.of(
        "stopwords", List.of("_none_"),
        "stem_exclusion", List.of("meeting"))));

    assertThat(tokens(factory.create(), TEXT))
        .containsExactly("the", "minist", "were", "meeting", "in", "beij", "great", "hall");
  }

  @Test
  void addsLiteralStopWordsToANamedList() {
    var factory = new EnglishAnalyzerFactory(settings(EnglishAnalyzerFactory.Settings.class, Map.of(
        "stopwords", List.of("_english_", "were", "great"))));

    assertThat(tokens(factory.create(), TEXT)).containsExactly("minist", "meet", "beij", "hall");
  }

  @Test
  void rejectsStopWordListsOfOtherLanguages() {
    var settings = settings(EnglishAnalyzerFactory.Settings.class, Map.of("stopwords", List.of("_french_")));

    assertThatThrownBy(() -> new EnglishAnalyzerFactory(settings))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("_french_");
  }

  @Test
  void takesItsNameFromTheAnnotation() {
    var factory = new EnglishAnalyzerFactory(settings(EnglishAnalyzerFactory.Settings.class, Map.of()));

    assertThat(factory.name()).isEqualTo("english");
  }
}
