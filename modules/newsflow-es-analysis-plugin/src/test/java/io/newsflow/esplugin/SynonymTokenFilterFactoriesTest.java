package io.newsflow.esplugin;

import static io.newsflow.esplugin.TestSupport.settings;
import static io.newsflow.esplugin.TestSupport.tokens;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynonymTokenFilterFactoriesTest {

  private static SynonymSettings synonyms(Map<String, Object> values) {
    return settings(SynonymSettings.class, values);
  }

  private static List<String> graph(Map<String, Object> values, String text) {
    var factory = new SynonymGraphTokenFilterFactory(synonyms(values));
    return tokens(text, in -> factory.create(new LowerCaseFilter(in)));
  }

  @Test
  void expandsEquivalentSynonyms() {
    var factory = new SynonymTokenFilterFactory(synonyms(Map.of("synonyms", List.of("cafe, coffeehouse"))));

    assertThat(tokens("cafe open", in -> factory.create(new LowerCaseFilter(in))))
        .containsExactly("cafe", "coffeehouse", "open");
  }

  @Test
  void mapsExplicitRulesAndMultiWordSynonymsInTheGraphFilter() {
    var rules = Map.<String, Object>of("synonyms", List.of("PRC => china", "united nations, un"));

    assertThat(graph(rules, "PRC joins United Nations"))
        .containsExactly("china", "joins", "un", "united", "nations");
  }

  @Test
  void keepsOnlyTheFirstTermWhenNotExpanding() {
    var rules = Map.<String, Object>of("synonyms", List.of("cafe, coffeehouse"), "expand", false);

    assertThat(graph(rules, "coffeehouse")).containsExactly("cafe");
  }

  @Test
  void readsWordnetRules() {
    var rules = Map.<String, Object>of("format", "wordnet", "synonyms", List.of(
        "s(100000001,1,'meeting',n,1,0).", "s(100000001,2,'gathering',n,1,0)."));

    assertThat(graph(rules, "gathering")).containsExactlyInAnyOrder("gathering", "meeting");
  }

  @Test
  void readsRulesFromAFile(@TempDir Path dir) throws IOException {
    Path file = Files.writeString(dir.resolve("synonyms.txt"), "# news\nbeijing, peking\n");

    assertThat(graph(Map.of("synonyms_path", file.toString()), "peking"))
        .containsExactlyInAnyOrder("peking", "beijing");
  }

  @Test
  void passesTokensThroughWithoutRules() {
    // The server builds every registered filter with empty settings for each index.
    assertThat(graph(Map.of(), "unchanged text")).containsExactly("unchanged", "text");
  }

  @Test
  void rejectsBadRulesUnlessLenient() {
    List<String> rules = List.of("cafe, coffeehouse", "broken => ");

    assertThatThrownBy(() -> new SynonymGraphTokenFilterFactory(synonyms(Map.of("synonyms", rules))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(graph(Map.of("synonyms", rules, "lenient", true), "cafe"))
        .containsExactlyInAnyOrder("cafe", "coffeehouse");
  }

  @Test
  void rejectsSynonymSets() {
    assertThatThrownBy(() -> new SynonymTokenFilterFactory(synonyms(Map.of("synonyms_set", "news"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("synonyms_set");
  }

  @Test
  void confinesUpdateableFiltersToSearchTime() {
    var updateable = new SynonymGraphTokenFilterFactory(
        synonyms(Map.of("synonyms", List.of("a, b"), "updateable", true)));
    var plain = new SynonymTokenFilterFactory(synonyms(Map.of("synonyms", List.of("a, b"))));

    assertThat(updateable.getAnalysisMode()).isEqualTo(AnalysisMode.SEARCH_TIME);
    assertThat(plain.getAnalysisMode()).isEqualTo(AnalysisMode.ALL);
  }
}
