package io.newsflow.esplugin;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.KStemFilter;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;

/** Stems English tokens with the lighter KStem algorithm, as the standard {@code kstem} filter does. */
@NamedComponent("kstem")
public class KStemTokenFilterFactory implements TokenFilterFactory {

  @Override
  public TokenStream create(TokenStream input) {
    return new KStemFilter(input);
  }
}
