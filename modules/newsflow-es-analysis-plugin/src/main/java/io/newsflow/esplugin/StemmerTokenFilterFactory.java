package io.newsflow.esplugin;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.ar.ArabicStemFilter;
import org.apache.lucene.analysis.bg.BulgarianStemFilter;
import org.apache.lucene.analysis.bn.BengaliStemFilter;
import org.apache.lucene.analysis.br.BrazilianStemFilter;
import org.apache.lucene.analysis.ckb.SoraniStemFilter;
import org.apache.lucene.analysis.cz.CzechStemFilter;
import org.apache.lucene.analysis.de.GermanLightStemFilter;
import org.apache.lucene.analysis.de.GermanMinimalStemFilter;
import org.apache.lucene.analysis.el.GreekStemFilter;
import org.apache.lucene.analysis.en.EnglishMinimalStemFilter;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.es.SpanishLightStemFilter;
import org.apache.lucene.analysis.es.SpanishPluralStemFilter;
import org.apache.lucene.analysis.fa.PersianStemFilter;
import org.apache.lucene.analysis.fi.FinnishLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchLightStemFilter;
import org.apache.lucene.analysis.fr.FrenchMinimalStemFilter;
import org.apache.lucene.analysis.gl.GalicianMinimalStemFilter;
import org.apache.lucene.analysis.gl.GalicianStemFilter;
import org.apache.lucene.analysis.hi.HindiStemFilter;
import org.apache.lucene.analysis.hu.HungarianLightStemFilter;
import org.apache.lucene.analysis.id.IndonesianStemFilter;
import org.apache.lucene.analysis.it.ItalianLightStemFilter;
import org.apache.lucene.analysis.lv.LatvianStemFilter;
import org.apache.lucene.analysis.no.NorwegianLightStemFilter;
import org.apache.lucene.analysis.no.NorwegianLightStemmer;
import org.apache.lucene.analysis.no.NorwegianMinimalStemFilter;
import org.apache.lucene.analysis.pt.PortugueseLightStemFilter;
import org.apache.lucene.analysis.pt.PortugueseMinimalStemFilter;
import org.apache.lucene.analysis.pt.PortugueseStemFilter;
import org.apache.lucene.analysis.ru.RussianLightStemFilter;
import org.apache.lucene.analysis.snowball.SnowballFilter;
import org.apache.lucene.analysis.sv.SwedishLightStemFilter;
import org.elasticsearch.plugin.Inject;
import org.elasticsearch.plugin.NamedComponent;
import org.elasticsearch.plugin.analysis.TokenFilterFactory;
import org.elasticsearch.plugin.settings.AnalysisSettings;
import org.elasticsearch.plugin.settings.StringSetting;
import org.tartarus.snowball.SnowballStemmer;
import org.tartarus.snowball.ext.ArmenianStemmer;
import org.tartarus.snowball.ext.BasqueStemmer;
import org.tartarus.snowball.ext.CatalanStemmer;
import org.tartarus.snowball.ext.DanishStemmer;
import org.tartarus.snowball.ext.DutchStemmer;
import org.tartarus.snowball.ext.EnglishStemmer;
import org.tartarus.snowball.ext.EstonianStemmer;
import org.tartarus.snowball.ext.FinnishStemmer;
import org.tartarus.snowball.ext.FrenchStemmer;
import org.tartarus.snowball.ext.German2Stemmer;
import org.tartarus.snowball.ext.GermanStemmer;
import org.tartarus.snowball.ext.HungarianStemmer;
import org.tartarus.snowball.ext.IrishStemmer;
import org.tartarus.snowball.ext.ItalianStemmer;
import org.tartarus.snowball.ext.KpStemmer;
import org.tartarus.snowball.ext.LithuanianStemmer;
import org.tartarus.snowball.ext.LovinsStemmer;
import org.tartarus.snowball.ext.NorwegianStemmer;
import org.tartarus.snowball.ext.PortugueseStemmer;
import org.tartarus.snowball.ext.RomanianStemmer;
import org.tartarus.snowball.ext.RussianStemmer;
import org.tartarus.snowball.ext.SerbianStemmer;
import org.tartarus.snowball.ext.SpanishStemmer;
import org.tartarus.snowball.ext.SwedishStemmer;
import org.tartarus.snowball.ext.TurkishStemmer;

/**
 * Stems tokens with the algorithm named by {@code language} (or its older alias {@code name}),
 * accepting the same language names as the standard {@code stemmer} filter and defaulting, like
 * it, to {@code porter}.
 */
@NamedComponent("stemmer")
public class StemmerTokenFilterFactory implements TokenFilterFactory {

  /** Reads the standard {@code stemmer} settings. */
  @AnalysisSettings
  public interface Settings {
    /** Returns the stemmer's language, such as {@code english} or {@code possessive_english}. */
    @StringSetting(path = "language", defaultValue = "")
    String language();

    /** Returns the stemmer's language under the older key, used when {@code language} is absent. */
    @StringSetting(path = "name", defaultValue = "porter")
    String name();
  }

  // Keyed by normalised name: the standard filter accepts both "light_english" and "lightEnglish".
  private static final Map<String, Function<TokenStream, TokenStream>> STEMMERS = Stream.of(
          entry("arabic", ArabicStemFilter::new),
          snowball("armenian", ArmenianStemmer::new),
          snowball("basque", BasqueStemmer::new),
          entry("bengali", BengaliStemFilter::new),
          entry("brazilian", BrazilianStemFilter::new),
          entry("bulgarian", BulgarianStemFilter::new),
          snowball("catalan", CatalanStemmer::new),
          entry("czech", CzechStemFilter::new),
          snowball("danish", DanishStemmer::new),
          snowball("dutch", DutchStemmer::new),
          snowball("dutch_kp", KpStemmer::new),
          snowball("kp", KpStemmer::new),
          entry("english", PorterStemFilter::new),
          entry("light_english", KStemFilter::new),
          entry("kstem", KStemFilter::new),
          snowball("lovins", LovinsStemmer::new),
          entry("porter", PorterStemFilter::new),
          snowball("porter2", EnglishStemmer::new),
          entry("minimal_english", EnglishMinimalStemFilter::new),
          entry("possessive_english", EnglishPossessiveFilter::new),
          snowball("estonian", EstonianStemmer::new),
          snowball("finnish", FinnishStemmer::new),
          entry("light_finish", FinnishLightStemFilter::new),
          entry("light_finnish", FinnishLightStemFilter::new),
          snowball("french", FrenchStemmer::new),
          entry("light_french", FrenchLightStemFilter::new),
          entry("minimal_french", FrenchMinimalStemFilter::new),
          entry("galician", GalicianStemFilter::new),
          entry("minimal_galician", GalicianMinimalStemFilter::new),
          snowball("german", GermanStemmer::new),
          snowball("german2", German2Stemmer::new),
          entry("light_german", GermanLightStemFilter::new),
          entry("minimal_german", GermanMinimalStemFilter::new),
          entry("greek", GreekStemFilter::new),
          entry("hindi", HindiStemFilter::new),
          snowball("hungarian", HungarianStemmer::new),
          entry("light_hungarian", HungarianLightStemFilter::new),
          entry("indonesian", IndonesianStemFilter::new),
          snowball("irish", IrishStemmer::new),
          snowball("italian", ItalianStemmer::new),
          entry("light_italian", ItalianLightStemFilter::new),
          entry("latvian", LatvianStemFilter::new),
          snowball("lithuanian", LithuanianStemmer::new),
          snowball("norwegian", NorwegianStemmer::new),
          entry("light_norwegian", NorwegianLightStemFilter::new),
          entry("minimal_norwegian", NorwegianMinimalStemFilter::new),
          entry("light_nynorsk", in -> new NorwegianLightStemFilter(in, NorwegianLightStemmer.NYNORSK)),
          // Lucene keeps the Bokmål/Nynorsk flags for both Norwegian stemmers on the light one.
          entry("minimal_nynorsk", in -> new NorwegianMinimalStemFilter(in, NorwegianLightStemmer.NYNORSK)),
          entry("persian", PersianStemFilter::new),
          snowball("portuguese", PortugueseStemmer::new),
          entry("light_portuguese", PortugueseLightStemFilter::new),
          entry("minimal_portuguese", PortugueseMinimalStemFilter::new),
          entry("portuguese_rslp", PortugueseStemFilter::new),
          snowball("romanian", RomanianStemmer::new),
          snowball("russian", RussianStemmer::new),
          entry("light_russian", RussianLightStemFilter::new),
          snowball("serbian", SerbianStemmer::new),
          snowball("spanish", SpanishStemmer::new),
          entry("light_spanish", SpanishLightStemFilter::new),
          entry("spanish_plural", SpanishPluralStemFilter::new),
          entry("sorani", SoraniStemFilter::new),
          snowball("swedish", SwedishStemmer::new),
          entry("light_swedish", SwedishLightStemFilter::new),
          snowball("turkish", TurkishStemmer::new))
      .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

  private final Function<TokenStream, TokenStream> stemmer;

  /** Creates the factory, failing index creation on a language the standard filter would reject. */
  @Inject
  public StemmerTokenFilterFactory(Settings settings) {
    String language = settings.language().isEmpty() ? settings.name() : settings.language();
    this.stemmer = STEMMERS.get(normalise(language));
    if (stemmer == null) {
      throw new IllegalArgumentException("unknown stemmer language [" + language + "]");
    }
  }

  @Override
  public TokenStream create(TokenStream input) {
    return stemmer.apply(input);
  }

  private static String normalise(String language) {
    return language.replace("_", "").toLowerCase(Locale.ROOT);
  }

  private static Map.Entry<String, Function<TokenStream, TokenStream>> entry(
      String language, Function<TokenStream, TokenStream> stemmer) {
    return Map.entry(normalise(language), stemmer);
  }

  private static Map.Entry<String, Function<TokenStream, TokenStream>> snowball(
      String language, Supplier<SnowballStemmer> stemmer) {
    // Snowball stemmers keep state, so every stream gets its own instance.
    return entry(language, in -> new SnowballFilter(in, stemmer.get()));
  }
}
