package io.newsflow.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EntityLinksTest {

  @Test
  void aLoneSurnameTakesTheKeyOfTheOneFullNameWithThatWord() {
    Map<String, String> aliases = EntityLinks.aliases(List.of("person:tomas-reyvik", "person:reyvik", "person:ilse-varga",
        "location:port-elwin", "person:varga", "person:elwin"));

    assertThat(aliases).containsEntry("person:reyvik", "person:tomas-reyvik").containsEntry("person:varga", "person:ilse-varga")
        .doesNotContainKey("person:elwin"); // a place's word is not a person's name
  }

  @Test
  void aFamilyNameWrittenFirstLinksToo() {
    assertThat(EntityLinks.aliases(List.of("person:lin-wen-hao", "person:lin"))).containsEntry("person:lin", "person:lin-wen-hao");
  }

  @Test
  void aSurnameTwoFullNamesShareStaysUnlinked() {
    Map<String, String> aliases = EntityLinks.aliases(List.of("person:anna-berg", "person:olaf-berg", "person:berg"));

    assertThat(aliases).isEmpty();
  }

  @Test
  void linkingRewritesEntityKeysSpeakersAndClaimFacts() {
    Map<String, Object> enrichment = Map.of(
        "entities", List.of(Map.of("key", "person:reyvik", "name", "Reyvik", "type", "PERSON")),
        "quotes", List.of(Map.of("text", "We will open on time", "speaker_key", "person:reyvik")),
        "claims", List.of(Map.of("text", "Reyvik said 40 crews", "facts", List.of("person:reyvik", "number:40"))));

    Map<String, Object> linked = EntityLinks.apply(enrichment, Map.of("person:reyvik", "person:tomas-reyvik"));

    assertThat(linked.get("entities")).asList().first().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("key", "person:tomas-reyvik").containsEntry("document_key", "person:reyvik").containsEntry("name", "Reyvik");
    assertThat(linked.get("quotes")).asList().first().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("speaker_key", "person:tomas-reyvik");
    assertThat(linked.get("claims")).asList().first().asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .containsEntry("facts", List.of("person:tomas-reyvik", "number:40"));
    assertThat(EntityLinks.apply(enrichment, Map.of())).isSameAs(enrichment);
  }
}
