package io.newsflow.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.Entities.Claim;
import io.newsflow.api.Entities.Entity;
import io.newsflow.api.Entities.Mention;
import io.newsflow.api.Entities.Quote;
import io.newsflow.api.Entities.Type;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyClaimsTest {

  private static Entity entity(String text, String name, Type type, String key) {
    List<Mention> mentions = new ArrayList<>();
    for (int i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + 1)) {
      mentions.add(new Mention(name, i, i + name.length()));
    }
    return new Entity(key, name, type, mentions.size(), mentions.get(0).start(), mentions);
  }

  @Test
  void claimsNameAnEntityAndGiveANumberOrLeadTheStoryButAreNotQuotesOrHeadlines() {
    String text = "Varnholm approves flood barrier\n\nThe Varnholm Water Board approved the barrier on Monday after a long debate."
        + " It will cost 45 million and take 18 months to build in Varnholm."
        + " Residents were pleased with the decision taken today."
        + " \"We waited for this barrier for years and years,\" said Ruth Moreau.";
    List<Entity> entities = List.of(
        entity(text, "Varnholm Water Board", Type.ORGANIZATION, "organization:varnholm-water-board"),
        entity(text, "Ruth Moreau", Type.PERSON, "person:ruth-moreau"),
        new Entity("location:varnholm", "Varnholm", Type.LOCATION, 1, text.indexOf("in Varnholm") + 3,
            List.of(new Mention("Varnholm", text.indexOf("in Varnholm") + 3, text.indexOf("in Varnholm") + 11))));
    int q = text.indexOf("We waited");
    List<Quote> quotes = List.of(new Quote("We waited for this barrier for years and years,", q, q + 47, "Ruth Moreau", "person:ruth-moreau"));

    List<Claim> claims = KeyClaims.find(text, Sentences.sentences(text), entities, quotes);

    assertThat(claims).extracting(Claim::text).containsExactly(
        "The Varnholm Water Board approved the barrier on Monday after a long debate.",
        "It will cost 45 million and take 18 months to build in Varnholm.");
    assertThat(claims.get(1).facts()).containsExactly("location:varnholm", "number:45", "number:18");
    for (Claim c : claims) {
      assertThat(text.substring(c.start(), c.end())).isEqualTo(c.text());
    }
  }
}
