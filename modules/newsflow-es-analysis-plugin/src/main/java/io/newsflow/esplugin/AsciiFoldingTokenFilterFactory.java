package io.newsflow.esplugin;

import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.BooleanSetting;

/** Folds accented and other non-ASCII letters to ASCII, as the standard {@code asciifolding} filter does. */
@NamedComponent("asciifolding")
public class AsciiFoldingTokenFilterFactory implements TokenFilterFactory {

  /** Reads the standard {@code asciifolding} settings. */
  @AnalysisSettings
  public interface Settings {
    /** Returns whether to emit the original token next to the folded one. */
    @BooleanSetting(path = "preserve_original", defaultValue = false)
    boolean preserveOriginal();
  }

  private final boolean preserveOriginal;

  /** Creates the factory from the filter's index settings. */
  @Inject
  public AsciiFoldingTokenFilterFactory(Settings settings) {
    this.preserveOriginal = settings.preserveOriginal();
  }

  @Override
  public TokenStream create(TokenStream input) {
    return new ASCIIFoldingFilter(input, preserveOriginal);
  }

  @Override
  public TokenStream normalize(TokenStream input) {
    // A normalizer must yield exactly one term per input, so the original is never kept here.
    return new ASCIIFoldingFilter(input, false);
  }
}
