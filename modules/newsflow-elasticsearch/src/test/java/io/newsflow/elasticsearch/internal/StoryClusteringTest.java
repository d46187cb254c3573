package io.newsflow.elasticsearch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.elasticsearch.internal.StoryClustering.Candidate;
import io.newsflow.elasticsearch.internal.StoryClustering.Decision;
import io.newsflow.elasticsearch.internal.StoryClustering.Head;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StoryClusteringTest {

  /** One invented document: id, first seen, publication date and "type:key" entities. */
  private record Doc(String id, Instant seenAt, String published, String... keys) {
    Map<String, Object> view() {
      List<Map<String, Object>> entities = new ArrayList<>();
      for (String typed : keys) {
        entities.add(Map.of("key", typed, "type", typed.substring(0, typed.indexOf(':')).toUpperCase(java.util.Locale.ROOT)));
      }
      return StoryClustering.view(id, seenAt, published, entities);
    }
  }

  private static Instant at(int minute) {
    return Instant.parse("2026-03-04T08:00:00Z").plusSeconds(60L * minute);
  }

  // A and B share nobody; C links them (the seed articles: one names Wang Yi, one Qin Gang, both name
  // Blinken and Xi). D is an unrelated story on the same day and place; E is the same people weeks later.
  private static final Doc A = new Doc("a", at(1), "2026-03-03", "person:tomas-reyvik", "person:ilse-varga", "location:port-elwin");
  private static final Doc B = new Doc("b", at(2), "2026-03-03", "person:jonah-pell", "person:mara-okonkwo", "location:port-elwin");
  private static final Doc C = new Doc("c", at(3), "2026-03-04", "person:tomas-reyvik", "person:ilse-varga", "person:jonah-pell",
      "person:mara-okonkwo");
  private static final Doc D = new Doc("d", at(4), "2026-03-03", "organization:northgate-philharmonic", "person:anneli-strand",
      "location:port-elwin");
  private static final Doc E = new Doc("e", at(5), "2026-04-20", "person:tomas-reyvik", "person:ilse-varga");

  /**
   * Plays the story stage over an in-memory index: each document decided against every assigned one,
   * absorbed stories renamed, exactly as {@code StoryAssigner} does against Elasticsearch.
   */
  private static Map<String, String> assignInOrder(List<Doc> order) {
    Map<String, Head> stories = new LinkedHashMap<>();
    Map<String, Doc> docs = new HashMap<>();
    for (Doc d : order) {
      List<Candidate> candidates = new ArrayList<>();
      stories.forEach((id, head) -> candidates.add(new Candidate(id, head, docs.get(id).view())));
      Decision decision = StoryClustering.decide(d.id(), d.seenAt(), d.view(), Optional.ofNullable(stories.get(d.id())), candidates);
      stories.replaceAll((id, head) -> decision.absorbed().contains(head.id()) ? decision.story() : head);
      stories.put(d.id(), decision.story());
      docs.put(d.id(), d);
    }
    Map<String, String> ids = new HashMap<>();
    stories.forEach((id, head) -> ids.put(id, head.id()));
    return ids;
  }

  @Test
  void aDocumentLinkingTwoStoriesMergesThemUnderTheEarliestDocument() {
    Map<String, String> story = assignInOrder(List.of(A, B, C));

    assertThat(story).containsEntry("a", "a").containsEntry("b", "a").containsEntry("c", "a");
  }

  @Test
  void unrelatedDocumentsAndTheSamePeopleWeeksLaterStayOut() {
    Map<String, String> story = assignInOrder(List.of(A, B, C, D, E));

    assertThat(story).containsEntry("d", "d").containsEntry("e", "e");
  }

  @Test
  void theStoriesDoNotDependOnTheOrderTheDocumentsArrive() {
    Map<String, String> expected = assignInOrder(List.of(A, B, C, D, E));
    Random random = new Random(42);
    for (int i = 0; i < 50; i++) {
      List<Doc> order = new ArrayList<>(List.of(A, B, C, D, E));
      Collections.shuffle(order, random);
      assertThat(assignInOrder(order)).as(order.toString()).isEqualTo(expected);
    }
  }

  @Test
  void decidingARedeliveredDocumentAgainChangesNothing() {
    List<Doc> order = new ArrayList<>(List.of(C, A, B, D, E));
    Map<String, String> once = assignInOrder(order);
    order.addAll(List.of(A, C, B, E));

    assertThat(assignInOrder(order)).isEqualTo(once);
  }
}
