package io.newsflow.esplugin;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Locale;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.Tokenizer;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.synonym.SolrSynonymParser;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.apache.lucene.analysis.synonym.WordnetSynonymParser;

/**
 * Compiles synonym rules from {@link SynonymSettings} into a {@link SynonymMap}.
 *
 * <p>Unlike the built-in filters, which run the rules through the tokenizer and filters that
 * precede them in the analyzer, a stable plugin cannot see its analyzer chain; rules are therefore
 * analysed with the standard tokenizer and lower-casing only. Place synonym filters before stemmers,
 * or write the rules in stemmed form.
 */
final class SynonymRules {

  private SynonymRules() {}

  /** Returns the compiled rules, or {@code null} when the settings define none. */
  static SynonymMap load(SynonymSettings settings) {
    if (!settings.synonymsSet().isEmpty()) {
      throw new IllegalArgumentException("synonyms_set [" + settings.synonymsSet()
          + "] is not supported by this plugin; use synonyms or synonyms_path");
    }
    List<String> rules = settings.synonymsPath().isEmpty()
        ? settings.synonyms()
        : readLines(configDir().resolve(settings.synonymsPath()));
    if (settings.lenient()) {
      rules = rules.stream().filter(rule -> parses(rule, settings)).toList();
    }
    if (rules.isEmpty()) {
      // The server instantiates every registered filter with empty settings for each index,
      // so "no rules" must be a harmless pass-through rather than an error.
      return null;
    }
    try {
      return parse(rules, settings);
    } catch (IOException | ParseException | IllegalArgumentException e) {
      throw new IllegalArgumentException("failed to build synonyms: " + e.getMessage(), e);
    }
  }

  private static boolean parses(String rule, SynonymSettings settings) {
    try {
      parse(List.of(rule), settings);
      return true;
    } catch (IOException | ParseException | IllegalArgumentException e) {
      return false;
    }
  }

  private static SynonymMap parse(List<String> rules, SynonymSettings settings)
      throws IOException, ParseException {
    try (Analyzer analyzer = ruleAnalyzer()) {
      boolean wordnet = settings.format().toLowerCase(Locale.ROOT).equals("wordnet");
      SynonymMap.Parser parser = wordnet
          ? new WordnetSynonymParser(true, settings.expand(), analyzer)
          : new SolrSynonymParser(true, settings.expand(), analyzer);
      parser.parse(new StringReader(String.join("\n", rules)));
      return parser.build();
    }
  }

  private static Analyzer ruleAnalyzer() {
    return new Analyzer() {
      @Override
      protected TokenStreamComponents createComponents(String fieldName) {
        Tokenizer tokenizer = new StandardTokenizer();
        return new TokenStreamComponents(tokenizer, new LowerCaseFilter(tokenizer));
      }
    };
  }

  private static List<String> readLines(Path path) {
    try {
      return Files.readAllLines(path, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read synonyms_path [" + path + "]", e);
    }
  }

  /**
   * Locates the node's config directory. The stable API does not expose it and the launcher hands
   * it to the server only internally, so this uses ES_PATH_CONF when the environment sets it (as
   * packaged installs do) and otherwise the default, config under es.path.home.
   */
  static Path configDir() {
    String conf = System.getenv("ES_PATH_CONF");
    if (conf != null && !conf.isBlank()) {
      return Path.of(conf);
    }
    return Path.of(System.getProperty("es.path.home", "."), "config");
  }
}
