package io.newsflow.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.Entities.Entity;
import io.newsflow.api.Entities.Mention;
import io.newsflow.api.Entities.Type;
import io.newsflow.enrich.EntityRecognizer.Span;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EntityNormaliserTest {

  /** Labels the first occurrence at or after {@code from} of {@code words}, as a recogniser would. */
  private static Span span(String text, String words, Type type, int from) {
    int at = text.indexOf(words, from);
    assertThat(at).as("fixture contains '%s' after %d", words, from).isNotNegative();
    return new Span(type, at, at + words.length());
  }

  private static Entity only(List<Entity> entities, String name) {
    List<Entity> matching = entities.stream().filter(e -> e.name().equals(name)).toList();
    assertThat(matching).as("entities named %s in %s", name, entities).hasSize(1);
    return matching.get(0);
  }

  @Test
  void fullNameSurnameAndTitledSurnameAreOnePerson() {
    String text = "Mayor Tomas Reyvik opened the bridge. Reyvik thanked the crews, and Mr. Reyvik cut the ribbon.";
    List<Span> spans = List.of(
        span(text, "Tomas Reyvik", Type.PERSON, 0),
        span(text, "Reyvik", Type.PERSON, 20),
        span(text, "Mr. Reyvik", Type.PERSON, 0));

    List<Entity> entities = EntityNormaliser.normalise(text, spans);

    assertThat(entities).hasSize(1);
    Entity reyvik = entities.get(0);
    assertThat(reyvik.name()).isEqualTo("Tomas Reyvik");
    assertThat(reyvik.type()).isEqualTo(Type.PERSON);
    assertThat(reyvik.key()).isEqualTo("person:tomas-reyvik");
    assertThat(reyvik.mentionCount()).isEqualTo(3);
    assertThat(reyvik.firstOffset()).isEqualTo(text.indexOf("Tomas"));
    assertThat(reyvik.mentions()).extracting(Mention::text).containsExactly("Tomas Reyvik", "Reyvik", "Reyvik");
    for (Mention m : reyvik.mentions()) {
      assertThat(text.substring(m.start(), m.end())).isEqualTo(m.text());
    }
  }

  @Test
  void aLoneFamilyNameMislabelledAsAPlaceJoinsThePerson() {
    // Family name first, as in Chinese names: "Lin" of "Lin Haoran".
    String text = "President Lin Haoran met the envoy. Lin said talks went well. Later President Lin left.";
    List<Span> spans = List.of(
        span(text, "Lin Haoran", Type.PERSON, 0),
        span(text, "Lin", Type.LOCATION, 30),
        span(text, "President Lin", Type.ORGANIZATION, 60));

    List<Entity> entities = EntityNormaliser.normalise(text, spans);

    Entity lin = only(entities, "Lin Haoran");
    assertThat(lin.type()).isEqualTo(Type.PERSON);
    assertThat(lin.mentionCount()).isEqualTo(3);
    assertThat(entities).hasSize(1);
  }

  @Test
  void aFullNameLabelledMiscIsThePersonItsSurnameNames() {
    String text = "Envoy Dana Holt met Ghanaian leader Kofi Mensah in Accra. Holt and Mensah talked.";
    List<Span> spans = List.of(
        span(text, "Dana Holt", Type.PERSON, 0),
        span(text, "Kofi Mensah", Type.MISC, 0),
        span(text, "Accra", Type.LOCATION, 0),
        span(text, "Holt", Type.PERSON, 50),
        span(text, "Mensah", Type.PERSON, 50));

    List<Entity> entities = EntityNormaliser.normalise(text, spans);

    Entity mensah = only(entities, "Kofi Mensah");
    assertThat(mensah.type()).isEqualTo(Type.PERSON);
    assertThat(mensah.mentionCount()).isEqualTo(2);
    assertThat(entities).extracting(Entity::name).containsExactly("Dana Holt", "Kofi Mensah", "Accra");
  }

  @Test
  void unlabelledSurnamesOfAKnownPersonAreCounted() {
    String text = "Engineer Ilse Varga led the rebuild.\nVarga said the deck is storm-proof. The crew praised Varga.";
    List<Span> spans = List.of(span(text, "Ilse Varga", Type.PERSON, 0));

    Entity varga = only(EntityNormaliser.normalise(text, spans), "Ilse Varga");

    assertThat(varga.mentionCount()).isEqualTo(3);
  }

  @Test
  void aNameAfterATitleIsAPersonEvenIfTheRecogniserMissedIt() {
    String text = "Foreign Minister Orla Quenby arrived on Sunday.";

    List<Entity> entities = EntityNormaliser.normalise(text, List.of());

    assertThat(only(entities, "Orla Quenby").type()).isEqualTo(Type.PERSON);
  }

  @Test
  void twoPeopleSharingASurnameKeepTheirMentionsApart() {
    String text = "Anna Berg and Lukas Berg founded the firm. Anna Berg spoke first; then Berg added a word.";
    List<Span> spans = new ArrayList<>(List.of(
        span(text, "Anna Berg", Type.PERSON, 0),
        span(text, "Lukas Berg", Type.PERSON, 0),
        span(text, "Anna Berg", Type.PERSON, 10),
        span(text, "Berg", Type.PERSON, text.indexOf("then"))));

    List<Entity> entities = EntityNormaliser.normalise(text, spans);

    assertThat(entities).extracting(Entity::name).containsExactly("Anna Berg", "Lukas Berg");
    // The lone "Berg" goes to the Berg mentioned last before it.
    assertThat(only(entities, "Anna Berg").mentionCount()).isEqualTo(3);
    assertThat(only(entities, "Lukas Berg").mentionCount()).isEqualTo(1);
  }

  @Test
  void acronymsTheArticleAndTheLabelMajorityMergePlaces() {
    String text = "The United Nations met. The UN agreed, and the United Nations said so. U.S. and United States too.";
    List<Span> spans = List.of(
        span(text, "United Nations", Type.ORGANIZATION, 0),
        span(text, "UN", Type.ORGANIZATION, 20),
        span(text, "the United Nations", Type.LOCATION, 30),
        span(text, "U.S.", Type.LOCATION, 0),
        span(text, "United States", Type.LOCATION, 0));

    List<Entity> entities = EntityNormaliser.normalise(text, spans);

    Entity un = only(entities, "United Nations");
    assertThat(un.type()).isEqualTo(Type.ORGANIZATION);
    assertThat(un.mentionCount()).isEqualTo(3);
    Entity us = only(entities, "United States");
    assertThat(us.mentionCount()).isEqualTo(2);
    assertThat(us.key()).isEqualTo("location:united-states");
  }

  @Test
  void aPlaceNameTakenForAPersonIsRetypedByItsHeadWord() {
    String text = "Port Elwin cheered as the Elwin Harbour Bridge reopened. Elwin had waited two years.";
    List<Span> spans = List.of(
        span(text, "Elwin", Type.PERSON, 0),
        span(text, "Elwin Harbour Bridge", Type.PERSON, 0),
        span(text, "Elwin", Type.PERSON, 50));

    List<Entity> entities = EntityNormaliser.normalise(text, spans);

    assertThat(only(entities, "Port Elwin").type()).isEqualTo(Type.LOCATION);
    assertThat(only(entities, "Elwin Harbour Bridge").type()).isEqualTo(Type.LOCATION);
    assertThat(entities).noneMatch(e -> e.type() == Type.PERSON);
  }

  @Test
  void aOneWordPlaceStaysApartFromALongerNameThatContainsIt() {
    String text = "China and Vietnam sail the South China Sea. China said so.";
    List<Span> spans = List.of(
        span(text, "China", Type.LOCATION, 0),
        span(text, "South China Sea", Type.LOCATION, 0),
        span(text, "China", Type.LOCATION, 40));

    List<Entity> entities = EntityNormaliser.normalise(text, spans);

    assertThat(only(entities, "China").mentionCount()).isEqualTo(2);
    assertThat(only(entities, "South China Sea").mentionCount()).isEqualTo(1);
  }

  @Test
  void keysFoldAccentsCaseAndPunctuation() {
    assertThat(EntityNormaliser.key(Type.PERSON, "José Álvarez-Núñez")).isEqualTo("person:jose-alvarez-nunez");
    assertThat(EntityNormaliser.key(Type.LOCATION, "U.S.")).isEqualTo("location:us");
    assertThat(EntityNormaliser.key(Type.ORGANIZATION, "Coastal  Herald's")).isEqualTo("organization:coastal-heralds");
  }
}
