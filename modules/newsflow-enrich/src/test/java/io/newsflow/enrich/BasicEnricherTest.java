package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.DocumentId;
import io.newsflow.api.Enrichment;
import io.newsflow.api.Enrichment.EnricherRun;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Outcome;
import io.newsflow.api.PipelineVersion;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BasicEnricherTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Instant SEEN = Instant.parse("2024-05-01T11:59:00Z");
  private static final BasicEnricher ENRICHER = new BasicEnricher(Clock.fixed(NOW, ZoneOffset.UTC));

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "en | The government announced on Monday that it would invest in new railway lines across the north.",
      "fr | Le gouvernement a annoncé lundi qu'il investirait dans de nouvelles lignes de chemin de fer.",
      "de | Die Regierung kündigte am Montag an, dass sie in neue Bahnstrecken im Norden investieren werde.",
      "zh | 美国国务卿布林肯周一在北京会见了中国国家主席习近平，双方同意稳定两国关系。"})
  void languageOfAShortParagraphIsDetected(String language, String text) {
    Enrichment enrichment = enrich(document(null, text));

    assertThat(enrichment.language()).isEqualTo(language);
    assertThat(enrichment.languageConfidence()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
  }

  @Test
  void titleCountsTowardsTheLanguage() {
    Enrichment enrichment = enrich(document("Die Katze sitzt auf der Matte und schläft", ""));

    assertThat(enrichment.language()).isEqualTo("de");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "en | Mayor reopens the harbour bridge",
      "fr | Le maire rouvre le pont du port",
      "de | Bürgermeister eröffnet die Hafenbrücke wieder",
      "es | El alcalde reabre el puente del puerto",
      "it | Il sindaco riapre il ponte del porto"})
  void theTitleGetsItsOwnLanguageEvenWhenItIsAFewWords(String language, String title) {
    Enrichment enrichment = enrich(document(title, "The government announced on Monday that it would invest in new railway"
        + " lines across the north of the country, with the first trains due to run within three years of the vote."));

    assertThat(enrichment.titleLanguage()).isEqualTo(language);
    assertThat(enrichment.titleLanguageConfidence()).isGreaterThan(0.5).isLessThanOrEqualTo(1.0);
    assertThat(enrichment.language()).isEqualTo("en");
    assertThat(enrichment.enrichers()).extracting(EnricherRun::name).contains(BasicEnricher.TITLE_LANGUAGE);
  }

  @Test
  void wordsAreUnicodeWordSegmentsWithALetterOrDigit() {
    assertThat(enrich(document(null, "The quick brown fox jumps over the lazy dog.")).wordCount()).isEqualTo(9);
    assertThat(BasicEnricher.countWords("Don't count U.S. twice: 3 apples, 2 pears -- ok?")).isEqualTo(9);
    assertThat(BasicEnricher.countWords("naïve café, Größe; Ελλάδα — Москва")).isEqualTo(5);
  }

  @Test
  void emptyTextHasNoLanguageAndNoWords() {
    Enrichment enrichment = enrich(document(null, ""));

    assertThat(enrichment.language()).isNull();
    assertThat(enrichment.languageConfidence()).isZero();
    assertThat(enrichment.wordCount()).isZero();
  }

  @Test
  void aWordOrTwoGoToTheShortTextDetector() {
    // Optimaize guessed Breton for "Bonjour"; Lingua, over the languages newsflow tells apart, does not.
    assertThat(enrich(document(null, "Bonjour")).language()).isEqualTo("fr");
    assertThat(enrich(document(null, "Guten Morgen")).language()).isEqualTo("de");
  }

  @Test
  void textWithoutLettersHasNoLanguage() {
    assertThat(enrich(document(null, "12 345 6789")).language()).isNull();
    assertThat(enrich(document(null, "12 345 6789")).languageConfidence()).isZero();
  }

  @Test
  void enrichmentIsTiedToTheExactDocumentItWasComputedFrom() {
    ExtractedDocument document = document("Title", "Some words here.");

    Enrichment enrichment = enrich(document);

    assertThat(enrichment.id()).isEqualTo(document.id());
    assertThat(enrichment.revision()).isEqualTo(document.revision());
    assertThat(enrichment.sha256()).isEqualTo(document.source().sha256());
    assertThat(enrichment.seenAt()).isEqualTo(SEEN);
    assertThat(enrichment.enrichedAt()).isEqualTo(NOW);
    assertThat(enrichment.schemaVersion()).isEqualTo(Enrichment.SCHEMA_VERSION);
    assertThat(enrichment.pipelineVersion()).isEqualTo(PipelineVersion.CURRENT);
    assertThat(enrichment.enrichers()).extracting(EnricherRun::name).containsExactly("language", "title-language", "word-count");
    assertThat(enrichment.enrichers().get(1).version()).startsWith("lingua/");
    assertThat(enrichment.enrichers().get(2).version()).isEqualTo(PipelineVersion.CURRENT);
    assertThat(enrichment.enrichers()).allSatisfy(run -> assertThat(run.took().isNegative()).isFalse());
  }

  @Test
  void oneInstanceServesSeveralThreadsAtOnce() {
    List<ExtractedDocument> documents = List.of(
        document(null, "The government announced new railway lines across the north of the country."),
        document(null, "Le gouvernement a annoncé de nouvelles lignes de chemin de fer dans le nord du pays."),
        document(null, "Die Regierung kündigte neue Bahnstrecken im Norden des Landes an."));
    List<String> expected = List.of("en", "fr", "de");

    List<List<String>> results = IntStream.range(0, 200).parallel()
        .mapToObj(i -> documents.stream().map(d -> enrich(d).language()).toList())
        .toList();

    assertThat(results).allSatisfy(languages -> assertThat(languages).isEqualTo(expected));
  }

  private static Enrichment enrich(ExtractedDocument document) {
    Outcome<Enrichment> outcome = ENRICHER.enrich(document);
    assertThat(outcome).isInstanceOf(Outcome.Success.class);
    return ((Outcome.Success<Enrichment>) outcome).value();
  }

  private static ExtractedDocument document(String title, String text) {
    URI uri = URI.create("file:///news/article.txt");
    return new ExtractedDocument(ExtractedDocument.SCHEMA_VERSION, PipelineVersion.CURRENT,
        DocumentId.ofSource(uri), 1_714_564_000_000L,
        new ExtractedDocument.Source(uri.toString(), text.length(), "ab".repeat(32), Instant.ofEpochMilli(1_714_564_000_000L)),
        title, null, "text/plain", null, null, null, text, false, Map.of(), SEEN, NOW, null);
  }
}
