package io.newsflow.esplugin;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Stems English tokens with the Porter algorithm, as the standard {@code porter_stem} filter does. */
@NamedComponent("porter_stem")
public class PorterStemTokenFilterFactory implements TokenFilterFactory {

  @Override
  public TokenStream create(TokenStream input) {
    return new PorterStemFilter(input);
  }
}
