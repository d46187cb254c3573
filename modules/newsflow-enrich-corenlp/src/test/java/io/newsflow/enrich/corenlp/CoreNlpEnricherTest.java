package io.newsflow.enrich.corenlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.DocumentId;
import io.newsflow.api.Enrichment;
import io.newsflow.api.Enrichment.EnricherRun;
import io.newsflow.api.Entities.Entity;
import io.newsflow.api.Entities.Mention;
import io.newsflow.api.Entities.Quote;
import io.newsflow.api.Entities.Type;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Json;
import io.newsflow.api.Outcome;
import io.newsflow.enrich.BasicEnricher;
import io.newsflow.enrich.EntityRecognizer.Span;
import io.newsflow.enrich.NlpEnricher;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Runs the NLP enricher with the real CoreNLP model on the project's invented demo articles (the
 * Elwin Harbour Bridge reopening, covered by three outlets) and on invented sentences.
 */
class CoreNlpEnricherTest {

  private static final Path DEMO = Path.of("../../deploy/demo/articles");
  // One enricher for the class: the model loads once per JVM.
  private static final NlpEnricher ENRICHER = new NlpEnricher(new BasicEnricher(), CoreNlpRecognizer.shared(), 100_000);

  private static ExtractedDocument document(String name, String text) {
    return new ExtractedDocument(ExtractedDocument.SCHEMA_VERSION, "test", DocumentId.ofSource(URI.create("file:///" + name)),
        1L, new ExtractedDocument.Source("file:///" + name, text.length(), "0".repeat(64), Instant.EPOCH), null, null,
        "text/plain", null, null, null, text, false, Map.of(), Instant.EPOCH, Instant.EPOCH, null);
  }

  private static Enrichment enrich(String name, String text) {
    Outcome<Enrichment> outcome = ENRICHER.enrich(document(name, text));
    assertThat(outcome).isInstanceOf(Outcome.Success.class);
    return ((Outcome.Success<Enrichment>) outcome).value();
  }

  private static Enrichment enrichDemo(String file) throws IOException {
    return enrich(file, Files.readString(DEMO.resolve(file)));
  }

  private static Entity entity(Enrichment e, String name) {
    List<Entity> matching = e.entities().stream().filter(x -> x.name().equals(name)).toList();
    assertThat(matching).as("one entity named %s among %s", name, e.entities().stream().map(Entity::name).toList()).hasSize(1);
    return matching.get(0);
  }

  @Test
  void recogniserFindsTheFourTypesWithOffsetsIntoTheText() {
    String text = "Mayor Tomas Reyvik flew in from Copenhagen to thank Harbour Works Ltd and the Danish crews.";

    List<Span> spans = CoreNlpRecognizer.shared().recognize(text);

    assertThat(spans).extracting(s -> text.substring(s.start(), s.end()) + "/" + s.type())
        .contains("Tomas Reyvik/PERSON", "Copenhagen/LOCATION", "Danish/MISC");
    assertThat(spans).extracting(Span::type).contains(Type.ORGANIZATION, Type.LOCATION);
  }

  @Test
  void aSpanNeverRunsAcrossALine() {
    String text = "The Coastal Herald\nPort Elwin gets its bridge back.";

    assertThat(CoreNlpRecognizer.shared().recognize(text))
        .allSatisfy(s -> assertThat(text.substring(s.start(), s.end())).doesNotContain("\n"));
  }

  @Test
  void demoArticlesHaveThePeoplePlacesDatesAndQuotesOfTheBridgeStory() throws IOException {
    for (String file : List.of("elwin-bridge-reopens-coastal-herald.txt", "elwin-bridge-morning-wire.txt")) {
      Enrichment e = enrichDemo(file);
      String text = Files.readString(DEMO.resolve(file));

      Entity mayor = entity(e, "Tomas Reyvik");
      assertThat(mayor.type()).isEqualTo(Type.PERSON);
      assertThat(mayor.key()).isEqualTo("person:tomas-reyvik");
      assertThat(entity(e, "Ilse Varga").type()).isEqualTo(Type.PERSON);
      assertThat(entity(e, "Port Elwin").type()).isEqualTo(Type.LOCATION);
      assertThat(entity(e, "Elwin Harbour Bridge").type()).isEqualTo(Type.LOCATION);
      assertThat(e.entities()).filteredOn(x -> x.type() == Type.PERSON).extracting(Entity::name)
          .doesNotContain("Elwin", "Port Elwin", "Reyvik");
      for (Entity entity : e.entities()) {
        assertThat(entity.mentionCount()).isEqualTo(entity.mentions().size());
        assertThat(entity.firstOffset()).isEqualTo(entity.mentions().get(0).start());
        for (Mention m : entity.mentions()) {
          assertThat(text.substring(m.start(), m.end())).isEqualTo(m.text());
        }
      }
      assertThat(e.quotes()).extracting(Quote::speaker).contains("Tomas Reyvik");
      assertThat(e.keyPhrases()).isNotEmpty();
      assertThat(e.enrichers()).extracting(EnricherRun::name)
          .containsExactly("language", "title-language", "word-count", "dates", "sentences", "entities", "quotes", "key-phrases", "claims",
              "minhash");
      assertThat(e.sentenceCount()).isGreaterThan(3);
      assertThat(e.tokenCount()).isGreaterThan(e.wordCount() / 2);
    }
    Enrichment herald = enrichDemo("elwin-bridge-reopens-coastal-herald.txt");
    assertThat(herald.publishedDate()).isEqualTo("2026-03-03");
    assertThat(herald.publishedDateSource()).isEqualTo("dateline");
    assertThat(herald.dates()).anySatisfy(d -> {
      assertThat(d.text()).isEqualTo("on Tuesday");
      assertThat(d.value()).isEqualTo("2026-03-03");
      assertThat(d.relative()).isTrue();
    });
    // "Reyvik" alone is the mayor, not a second person.
    assertThat(entity(herald, "Tomas Reyvik").mentionCount()).isGreaterThanOrEqualTo(2);
  }

  @Test
  void theSameMayorHasTheSameKeyInEveryOutlet() throws IOException {
    for (String file : List.of("elwin-bridge-reopens-coastal-herald.txt", "elwin-bridge-morning-wire.txt",
        "elwin-bridge-valley-times.html")) {
      // The HTML file's markup does not hide the names from the recogniser; the CLI test covers Tika's text.
      Enrichment e = enrichDemo(file);
      assertThat(e.entities()).extracting(Entity::key).contains("person:tomas-reyvik", "person:ilse-varga");
    }
  }

  @Test
  void aFrenchArticleSkipsTheEnglishStepsAndSaysSo() throws IOException {
    Enrichment e = enrichDemo("marche-de-noel-lyon-fr.txt");

    assertThat(e.language()).isEqualTo("fr");
    assertThat(e.entities()).isEmpty();
    assertThat(e.enrichers()).filteredOn(r -> r.name().equals("entities")).singleElement()
        .satisfies(r -> assertThat(r.skipped()).isEqualTo("language fr"));
  }

  @Test
  void theEnrichmentSurvivesTheWireFormat() throws IOException {
    Enrichment e = enrichDemo("elwin-bridge-morning-wire.txt");

    Enrichment decoded = Json.decode(Json.encode(e), Enrichment.class);

    assertThat(decoded).isEqualTo(e);
    assertThat(Json.encodeToString(e)).contains("\"type\":\"PERSON\"", "\"mention_count\"", "\"key_phrases\"");
  }
}
