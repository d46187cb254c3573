package io.newsflow.elasticsearch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.DocumentId;
import io.newsflow.api.Enrichment;
import io.newsflow.api.Entities;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.IndexOperation;
import io.newsflow.api.IndexResult;
import io.newsflow.elasticsearch.internal.IndexPlanner.Current;
import io.newsflow.elasticsearch.internal.IndexPlanner.Skip;
import io.newsflow.elasticsearch.internal.IndexPlanner.Update;
import io.newsflow.elasticsearch.internal.IndexPlanner.Write;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexPlannerTest {

  private static final DocumentId ID = DocumentId.ofSource(URI.create("file:///news/a.txt"));
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  private static IndexOperation extracted(long revision, String sha) {
    return new IndexOperation.Extracted(new ExtractedDocument(1, "test", ID, revision,
        new ExtractedDocument.Source("file:///news/a.txt", 10, sha, Instant.ofEpochMilli(revision)),
        "Title", null, "text/plain", null, null, null, "body", false, Map.of(), NOW, NOW, null));
  }

  private static IndexOperation enriched(long revision, String sha) {
    return new IndexOperation.Enriched(new Enrichment(1, "test", ID, revision, sha, "en", 0.99, 1, List.of(), NOW, NOW));
  }

  private static Current indexed(long revision, String sha, Long enrichedRevision) {
    Map<String, Object> enrichment = enrichedRevision == null ? null : Map.of("revision", enrichedRevision, "sha256", sha, "language", "en");
    return new Current(true, revision, sha, enrichment, 7, 1);
  }

  @Test
  void aNewDocumentIsCreated() {
    var action = IndexPlanner.plan(Current.ABSENT, extracted(5, "aa"), NOW);
    assertThat(action).isInstanceOfSatisfying(Write.class, w -> {
      assertThat(w.create()).isTrue();
      assertThat(w.document()).containsEntry("revision", 5L).containsEntry("title", "Title").doesNotContainKey("enrichment");
    });
  }

  @Test
  void replacingADocumentOrFillingInAStubKeepsItsStoryId() {
    Map<String, Object> story = Map.of("id", "0123456789abcdef0123456789abcdef");
    Current stub = new Current(true, null, null, null, 3, 1, story);
    Current older = new Current(true, 5L, "aa", null, 3, 1, story);

    for (Current current : List.of(stub, older)) {
      assertThat(IndexPlanner.plan(current, extracted(6, "bb"), NOW))
          .isInstanceOfSatisfying(Write.class, w -> assertThat(w.document()).containsEntry("story", story));
    }
  }

  @Test
  void anOlderExtractedRevisionIsStale() {
    assertThat(IndexPlanner.plan(indexed(6, "bb", null), extracted(5, "aa"), NOW)).isEqualTo(new Skip(IndexResult.STALE));
  }

  @Test
  void theSameRevisionAndContentIsUnchangedAndKeepsItsEnrichment() {
    assertThat(IndexPlanner.plan(indexed(5, "aa", 5L), extracted(5, "aa"), NOW)).isEqualTo(new Skip(IndexResult.UNCHANGED));
  }

  @Test
  void aNewerRevisionReplacesTheDocumentAndDropsTheOldEnrichment() {
    var action = IndexPlanner.plan(indexed(5, "aa", 5L), extracted(6, "bb"), NOW);
    assertThat(action).isInstanceOfSatisfying(Write.class, w -> {
      assertThat(w.create()).isFalse();
      assertThat(w.seqNo()).isEqualTo(7);
      assertThat(w.document()).containsEntry("revision", 6L).doesNotContainKey("enrichment");
    });
  }

  @Test
  void anEnrichmentThatArrivedFirstIsKeptWhenItsDocumentArrives() {
    // The enrichment of revision 6 won the race and sits in a stub (no revision yet).
    Current stub = new Current(true, null, null, Map.of("revision", 6L, "sha256", "bb", "language", "fr"), 3, 1);
    var action = IndexPlanner.plan(stub, extracted(6, "bb"), NOW);
    assertThat(action).isInstanceOfSatisfying(Write.class, w -> {
      assertThat(w.document()).containsKey("enrichment").containsEntry("language", "fr");
    });
  }

  @Test
  void anEnrichmentOfAnOlderRevisionNeverOverwritesANewerDocument() {
    assertThat(IndexPlanner.plan(indexed(6, "bb", null), enriched(5, "aa"), NOW)).isEqualTo(new Skip(IndexResult.STALE));
    assertThat(IndexPlanner.plan(indexed(6, "bb", 6L), enriched(5, "aa"), NOW)).isEqualTo(new Skip(IndexResult.STALE));
  }

  @Test
  void anEnrichmentOfTheIndexedRevisionIsAPartialUpdate() {
    var action = IndexPlanner.plan(indexed(5, "aa", null), enriched(5, "aa"), NOW);
    assertThat(action).isInstanceOfSatisfying(Update.class, u -> {
      assertThat(u.partial()).containsKey("enrichment").containsEntry("language", "en").doesNotContainKey("text");
      assertThat(u.seqNo()).isEqualTo(7);
    });
  }

  @Test
  @SuppressWarnings("unchecked")
  void entitiesDatesAndQuotesTravelInThePartialUpdateAsTheMappingNamesThem() {
    var mention = new Entities.Mention("Ilse Varga", 10, 20);
    var entity = new Entities.Entity("person:ilse-varga", "Ilse Varga", Entities.Type.PERSON, 1, 10, List.of(mention));
    var enrichment = new Enrichment(2, "test", ID, 5, "aa", "en", 0.99, 40, List.of(), NOW, NOW, List.of(entity),
        "2026-03-03", "dateline", List.of(new Entities.DateMention("on Tuesday", 30, 40, "2026-03-03", true)),
        List.of(new Entities.Quote("The deck will hold.", 50, 69, "Ilse Varga", "person:ilse-varga")), List.of("storm damage"),
        List.of(1L, 2L), List.of("0:ab"));

    var action = IndexPlanner.plan(indexed(5, "aa", null), new IndexOperation.Enriched(enrichment), NOW);

    assertThat(action).isInstanceOfSatisfying(Update.class, u -> {
      Map<String, Object> stored = (Map<String, Object>) u.partial().get("enrichment");
      assertThat(stored).containsEntry("published_date", "2026-03-03").containsEntry("key_phrases", List.of("storm damage"))
          .containsEntry("minhash_bands", List.of("0:ab"));
      Map<String, Object> storedEntity = ((List<Map<String, Object>>) stored.get("entities")).get(0);
      assertThat(storedEntity).containsEntry("key", "person:ilse-varga").containsEntry("type", "PERSON")
          .containsEntry("mention_count", 1).containsEntry("first_offset", 10);
      assertThat(((List<Map<String, Object>>) stored.get("quotes")).get(0)).containsEntry("speaker_key", "person:ilse-varga");
      assertThat(((List<Map<String, Object>>) stored.get("dates")).get(0)).containsEntry("value", "2026-03-03");
    });
  }

  @Test
  void anEnrichmentWithoutItsDocumentBecomesAStub() {
    var action = IndexPlanner.plan(Current.ABSENT, enriched(5, "aa"), NOW);
    assertThat(action).isInstanceOfSatisfying(Write.class, w -> {
      assertThat(w.create()).isTrue();
      assertThat(w.document()).containsKey("enrichment").doesNotContainKey("revision");
    });
  }

  @Test
  void anEnrichmentOfOtherContentWithTheSameTimestampIsStale() {
    assertThat(IndexPlanner.plan(indexed(5, "bb", null), enriched(5, "aa"), NOW)).isEqualTo(new Skip(IndexResult.STALE));
  }
}
