package io.newsflow.esplugin;

import java.util.Locale;
import java.util.Set;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.el.GreekLowerCaseFilter;
import org.apache.lucene.analysis.ga.IrishLowerCaseFilter;
import org.apache.lucene.analysis.tr.TurkishLowerCaseFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;

/**
 * Lower-cases tokens as the standard {@code lowercase} token filter type does.
 *
 * <p>The server already has a pre-configured {@code lowercase} filter, which is what a bare
 * {@code "lowercase"} in a filter list resolves to; but a filter defined in index settings with
 * {@code "type": "lowercase"} (and its {@code language} option) needs this registration, exactly
 * as analysis-common provides it next to the pre-configured one.
 */
@NamedComponent("lowercase")
public class LowercaseTokenFilterFactory implements TokenFilterFactory {

  /** Reads the standard {@code lowercase} settings. */
  @AnalysisSettings
  public interface Settings {
    /** Returns {@code greek}, {@code irish} or {@code turkish}, or empty for plain lower-casing. */
    @StringSetting(path = "language", defaultValue = "")
    String language();
  }

  private final String language;

  /** Creates the factory, rejecting a language the standard filter does not know. */
  @Inject
  public LowercaseTokenFilterFactory(Settings settings) {
    this.language = settings.language().toLowerCase(Locale.ROOT);
    if (!Set.of("", "greek", "irish", "turkish").contains(language)) {
      throw new IllegalArgumentException("language [" + settings.language() + "] not support for lower case");
    }
  }

  @Override
  public TokenStream create(TokenStream input) {
    return switch (language) {
      case "greek" -> new GreekLowerCaseFilter(input);
      case "irish" -> new IrishLowerCaseFilter(input);
      case "turkish" -> new TurkishLowerCaseFilter(input);
      default -> new LowerCaseFilter(input);
    };
  }

  @Override
  public TokenStream normalize(TokenStream input) {
    // Keyword normalizers and multi-term queries must see the same case as the indexed text.
    return create(input);
  }
}
