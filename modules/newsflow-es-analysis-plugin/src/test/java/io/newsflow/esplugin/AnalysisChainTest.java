package io.newsflow.esplugin;

import static io.newsflow.esplugin.TestSupport.settings;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.Reader;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.StopFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.junit.jupiter.api.Test;

/** Runs the factories together as newsflow's index template chains them in a custom analyzer. */
class AnalysisChainTest {

  private final HtmlStripCharFilterFactory htmlStrip =
      new HtmlStripCharFilterFactory(settings(HtmlStripCharFilterFactory.Settings.class, Map.of()));
  private final StemmerTokenFilterFactory possessive = new StemmerTokenFilterFactory(
      settings(StemmerTokenFilterFactory.Settings.class, Map.of("language", "possessive_english")));
  private final LowercaseTokenFilterFactory lowercase =
      new LowercaseTokenFilterFactory(settings(LowercaseTokenFilterFactory.Settings.class, Map.of()));
  private final AsciiFoldingTokenFilterFactory asciifolding =
      new AsciiFoldingTokenFilterFactory(settings(AsciiFoldingTokenFilterFactory.Settings.class, Map.of()));
  private final StemmerTokenFilterFactory english = new StemmerTokenFilterFactory(
      settings(StemmerTokenFilterFactory.Settings.class, Map.of("language", "english")));
  private final SynonymGraphTokenFilterFactory synonyms = new SynonymGraphTokenFilterFactory(
      settings(SynonymSettings.class, Map.of("synonyms", List.of("cafe, coffeehouse"))));

  private final Analyzer analyzer = new Analyzer() {
    @Override
    protected Reader initReader(String fieldName, Reader reader) {
      return htmlStrip.create(reader);
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
      Tokenizer tokenizer = new StandardTokenizer();
      TokenStream stream = possessive.create(tokenizer);
      stream = lowercase.create(stream);
      stream = asciifolding.create(stream);
      // The server's own "stop" filter stands in for "english_stop" here.
      stream = new StopFilter(stream, EnglishAnalyzer.ENGLISH_STOP_WORDS_SET);
      stream = english.create(stream);
      return new TokenStreamComponents(tokenizer, synonyms.create(stream));
    }
  };

  @Test
  void analysesHtmlNewsTextLikeTheTemplate() {
    assertThat(TestSupport.tokens(analyzer, "<p>The Café's meetings</p>"))
        .containsExactlyInAnyOrder("cafe", "coffeehouse", "meet");
  }
}
