package io.newsflow.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.Entities.Entity;
import io.newsflow.api.Entities.Quote;
import io.newsflow.api.Entities.Type;
import io.newsflow.enrich.EntityRecognizer.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuoteFinderTest {

  private static List<Entity> persons(String text, String... names) {
    List<Span> spans = new ArrayList<>();
    for (String name : names) {
      int at = text.indexOf(name);
      spans.add(new Span(Type.PERSON, at, at + name.length()));
    }
    return EntityNormaliser.normalise(text, spans);
  }

  @Test
  void speakersAfterBeforeAndByPronounAreResolvedToPersons() {
    String text = "\"This bridge carries the whole city,\" Mayor Tomas Reyvik said on Tuesday.\n"
        + "Engineer Ilse Varga said: “The deck will outlast the next storm.”\n"
        + "“We tested every pile twice,” she added.\n"
        + "Reyvik closed with “a city joined again” and left.";
    List<Entity> entities = persons(text, "Tomas Reyvik", "Ilse Varga");

    List<Quote> quotes = QuoteFinder.find(text, entities);

    assertThat(quotes).extracting(Quote::text).containsExactly(
        "This bridge carries the whole city,", "The deck will outlast the next storm.",
        "We tested every pile twice,", "a city joined again");
    assertThat(quotes).extracting(Quote::speaker).containsExactly("Tomas Reyvik", "Ilse Varga", "Ilse Varga", null);
    assertThat(quotes.get(0).speakerKey()).isEqualTo("person:tomas-reyvik");
    for (Quote q : quotes) {
      assertThat(text.substring(q.start(), q.end())).isEqualTo(q.text());
    }
  }

  @Test
  void scareQuotesAreNotQuotations() {
    assertThat(QuoteFinder.find("Both sides reported “progress” and a \"good\" mood.", List.of())).isEmpty();
  }
}
