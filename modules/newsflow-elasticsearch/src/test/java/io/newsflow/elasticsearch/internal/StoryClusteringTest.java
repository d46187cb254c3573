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

  /**
   * Plays the story stage as it runs, batch by batch: each batch decided by a {@link StoryBatch}
   * against an in-memory "index" holding the earlier batches' written stories, then written to it
   * (each decided document with its final story, the index's members of merged stories renamed).
   */
  private static Map<String, String> assignInBatches(List<Doc> order, int batchSize) {
    Map<String, Head> index = new LinkedHashMap<>();
    Map<String, Doc> docs = new HashMap<>();
    for (int from = 0; from < order.size(); from += batchSize) {
      StoryBatch batch = new StoryBatch();
      for (Doc d : order.subList(from, Math.min(order.size(), from + batchSize))) {
        List<Candidate> fromIndex = new ArrayList<>();
        index.forEach((id, head) -> fromIndex.add(new Candidate(id, head, docs.get(id).view())));
        batch.decide(d.id(), d.seenAt(), d.view(), Optional.ofNullable(index.get(d.id())), fromIndex);
        docs.put(d.id(), d);
      }
      index.replaceAll((id, head) -> batch.decidedIds().contains(id) ? head
          : batch.mergedStoryIds().contains(head.id()) ? batch.resolve(head) : head);
      for (String id : batch.decidedIds()) {
        index.put(id, batch.storyOf(id));
      }
    }
    Map<String, String> ids = new HashMap<>();
    index.forEach((id, head) -> ids.put(id, head.id()));
    return ids;
  }

  @Test
  void decidingInBatchesGivesTheStoriesOfDecidingOneAtATime() {
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      List<Doc> order = new ArrayList<>(List.of(A, B, C, D, E));
      Collections.shuffle(order, random);
      order.addAll(order.subList(0, random.nextInt(3))); // redeliveries, sometimes in the same batch
      int batchSize = 1 + random.nextInt(order.size());

      assertThat(assignInBatches(order, batchSize)).as(order + " in batches of " + batchSize).isEqualTo(assignInOrder(order));
    }
  }

  @Test
  void aStoryMergedEarlierInTheBatchIsReadUnderItsNewNameFromTheIndex() {
    StoryBatch batch = new StoryBatch();
    // The index holds A in story "a" and B in story "b"; C, decided first, links them under "a".
    Map<String, Head> index = Map.of("a", new Head("a", A.seenAt()), "b", new Head("b", B.seenAt()));
    List<Candidate> fromIndex = List.of(new Candidate("a", index.get("a"), A.view()), new Candidate("b", index.get("b"), B.view()));
    batch.decide("c", C.seenAt(), C.view(), Optional.empty(), fromIndex);

    // A redelivered B, decided later in the same batch, still reads "b" from the index, which is not written yet.
    Decision again = batch.decide("b", B.seenAt(), B.view(), Optional.of(index.get("b")), fromIndex);

    assertThat(batch.mergedStoryIds()).containsExactly("b");
    assertThat(again.story().id()).isEqualTo("a");
    assertThat(batch.storyOf("b").id()).isEqualTo("a");
    assertThat(batch.storyOf("c").id()).isEqualTo("a");
    assertThat(batch.storyOf("a")).as("not decided in this batch").isNull();
  }
}
