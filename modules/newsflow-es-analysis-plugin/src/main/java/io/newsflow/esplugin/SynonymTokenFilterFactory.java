package io.newsflow.esplugin;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.synonym.SynonymFilter;
import org.apache.lucene.analysis.synonym.SynonymMap;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.AnalysisMode;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Applies synonym rules as the standard {@code synonym} filter does, emitting a flat token stream. */
@NamedComponent("synonym")
public class SynonymTokenFilterFactory implements TokenFilterFactory {

  private final SynonymMap synonyms;
  private final AnalysisMode mode;

  /** Creates the factory, compiling the rules once for every stream it will filter. */
  @Inject
  public SynonymTokenFilterFactory(SynonymSettings settings) {
    this.synonyms = SynonymRules.load(settings);
    this.mode = settings.updateable() ? AnalysisMode.SEARCH_TIME : AnalysisMode.ALL;
  }

  // Lucene deprecates SynonymFilter for SynonymGraphFilter, but the standard "synonym" type still
  // uses it, and index-time analysis needs its flat output.
  @SuppressWarnings("deprecation")
  @Override
  public TokenStream create(TokenStream input) {
    return synonyms == null ? input : new SynonymFilter(input, synonyms, false);
  }

  @Override
  public AnalysisMode getAnalysisMode() {
    return mode;
  }
}
