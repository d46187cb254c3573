package io.newsflow.esplugin;

import static io.newsflow.esplugin.TestSupport.settings;
import static io.newsflow.esplugin.TestSupport.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.junit.jupiter.api.Test;

/** Covers the small filters: lowercase, asciifolding, porter_stem and kstem. */
class SimpleTokenFilterFactoriesTest {

  @Test
  void lowercasesPlainTextByDefault() {
    var factory = new LowercaseTokenFilterFactory(settings(LowercaseTokenFilterFactory.Settings.class, Map.of()));

    assertThat(tokens("Quick BROWN Fox", factory::create)).containsExactly("quick", "brown", "fox");
    assertThat(tokens("ISTANBUL", factory::normalize)).containsExactly("istanbul");
  }

  @Test
  void lowercasesWithLanguageRules() {
    var factory = new LowercaseTokenFilterFactory(
        settings(LowercaseTokenFilterFactory.Settings.class, Map.of("language", "turkish")));

    // Turkish maps dotless capital I to dotless small ı.
    assertThat(tokens("ISTANBUL", factory::create)).containsExactly("ıstanbul");
  }

  @Test
  void rejectsAnUnknownLowercaseLanguage() {
    var settings = settings(LowercaseTokenFilterFactory.Settings.class, Map.of("language", "german"));

    assertThatThrownBy(() -> new LowercaseTokenFilterFactory(settings))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void foldsToAscii() {
    var factory = new AsciiFoldingTokenFilterFactory(
        settings(AsciiFoldingTokenFilterFactory.Settings.class, Map.of()));

    assertThat(tokens("Café Über naïve", factory::create)).containsExactly("Cafe", "Uber", "naive");
  }

  @Test
  void keepsTheOriginalOnlyWhenAskedAndNeverWhenNormalising() {
    var factory = new AsciiFoldingTokenFilterFactory(
        settings(AsciiFoldingTokenFilterFactory.Settings.class, Map.of("preserve_original", true)));

    assertThat(tokens("Café", factory::create)).containsExactly("Cafe", "Café");
    assertThat(tokens("Café", factory::normalize)).containsExactly("Cafe");
  }

  @Test
  void stemsWithPorterAndKStem() {
    var porter = new PorterStemTokenFilterFactory();
    var kstem = new KStemTokenFilterFactory();

    assertThat(tokens("meetings happening", porter::create)).containsExactly("meet", "happen");
    assertThat(tokens("meetings happening", in -> kstem.create(new LowerCaseFilter(in))))
        .containsExactly("meeting", "happening");
  }
}
