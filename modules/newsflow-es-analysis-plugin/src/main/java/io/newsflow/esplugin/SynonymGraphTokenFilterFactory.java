package io.newsflow.esplugin;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymGraphFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/**
 * Applies synonym rules as the standard {@code synonym_graph} filter does, emitting a token graph
 * so multi-word synonyms match correctly in search-time analysis.
 */
@NamedComponent("synonym_graph")
public class SynonymGraphTokenFilterFactory implements TokenFilterFactory {

  private final SynonymMap synonyms;
  private final AnalysisMode mode;

  /** Creates the factory, compiling the rules once for every stream it will filter. */
  @Inject
  public SynonymGraphTokenFilterFactory(SynonymSettings settings) {
    this.synonyms = SynonymRules.load(settings);
    this.mode = settings.updateable() ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
  }

  @Override
  public TokenStream create(TokenStream input) {
    return synonyms == null ? input : new SynonymGraphFilter(input, synonyms, false);
  }

  @Override
  public AnalysisMode getAnalysisMode() {
    return mode;
  }
}
