package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.api.DocumentId;
import io.newsflow.api.Enrichment;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.IndexOperation;
import io.newsflow.api.IndexResult;
import io.newsflow.api.Outcome;
import io.newsflow.elasticsearch.ArticleIndex;
import io.newsflow.elasticsearch.DocumentIndexer;
import io.newsflow.elasticsearch.ElasticsearchConfig;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The index stage against the real Elasticsearch of the test stack, in an index of its own: what lands in {@code _source}
 * for an extracted document, and the create written without a read first meeting a
 * document that exists (a redelivery, a newer revision, an enrichment's stub).
 */
class DocumentIndexerIT {

  private static ElasticsearchClient es;
  private static ElasticsearchConfig config;

  @BeforeAll
  static void index() {
    Pipeline pipeline = TestStack.pipeline();
    es = pipeline.esClient();
    config = pipeline.elasticsearchConfig().withIndexAlias("indexer" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + "-articles");
    ArticleIndex.ensure(es, config);
  }

  private static ExtractedDocument doc(String name, long revision, String sha, String language) {
    DocumentId id = DocumentId.ofSource(URI.create("file:///indexer-it/" + name));
    Instant seen = Instant.parse("2026-01-01T00:00:00Z");
    return new ExtractedDocument(ExtractedDocument.SCHEMA_VERSION, "it", id, revision,
        new ExtractedDocument.Source("file:///indexer-it/" + name, 1234, sha, Instant.ofEpochMilli(revision)),
        "Ferry “news” " + name, "Reporter", "text/html", language, null, null, "Body of " + name + " – with ümlauts and \"quotes\".",
        false, Map.of("a", "1", "b", "2"), seen, seen.plusMillis(5), "import-it",
        new ExtractedDocument.Web(null, "https://example.org/" + name, "Example", null, null, List.of("https://example.org/x")), null);
  }

  private static IndexOperation extracted(ExtractedDocument doc) {
    return new IndexOperation.Extracted(doc);
  }

  private static Outcome<IndexResult> apply(IndexOperation operation) {
    try (DocumentIndexer indexer = new DocumentIndexer(es, config)) {
      return indexer.apply(List.of(operation)).get(0);
    }
  }

  private static ObjectNode source(DocumentId id) throws Exception {
    es.indices().refresh(r -> r.index(config.indexAlias()));
    var response = es.get(g -> g.index(config.indexAlias()).id(id.value()), JsonNode.class);
    assertThat(response.found()).isTrue();
    return (ObjectNode) response.source();
  }

  /** The stored document less the two fields that record when it was written. */
  private static ObjectNode content(ObjectNode source) {
    ObjectNode copy = source.deepCopy();
    copy.remove(List.of("indexed_at", "seen_to_indexed_ms"));
    return copy;
  }

  @Test
  void anExtractedDocumentIsStoredWithItsOwnFieldsAndTheIndexsOnes() throws Exception {
    ExtractedDocument a = doc("a.html", 1000, "aa".repeat(32), "de");
    assertThat(apply(extracted(a))).isEqualTo(Outcome.success(IndexResult.INDEXED));

    ObjectNode stored = content(source(a.id()));
    assertThat(stored.get("declared_language").asText()).isEqualTo("de");
    assertThat(stored.get("language").asText()).isEqualTo("de");
    assertThat(stored.get("text").asText()).isEqualTo(a.text());
    assertThat(stored.get("seen_at").asText()).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(stored.path("web").get("canonical_url").asText()).isEqualTo("https://example.org/a.html");
    assertThat(stored.size()).isGreaterThan(12);
  }

  @Test
  void aCreateWithoutReadThatFindsTheDocumentIsPlannedFromWhatIsThere() throws Exception {
    ExtractedDocument first = doc("c.html", 1000, "aa".repeat(32), null);
    assertThat(apply(extracted(first))).isEqualTo(Outcome.success(IndexResult.INDEXED));
    // A redelivery: unchanged, nothing written.
    long seqNo = es.get(g -> g.index(config.indexAlias()).id(first.id().value()), JsonNode.class).seqNo();
    assertThat(apply(extracted(first))).isEqualTo(Outcome.success(IndexResult.UNCHANGED));
    assertThat(es.get(g -> g.index(config.indexAlias()).id(first.id().value()), JsonNode.class).seqNo()).isEqualTo(seqNo);
    // An older revision: stale.
    assertThat(apply(extracted(doc("c.html", 900, "bb".repeat(32), null)))).isEqualTo(Outcome.success(IndexResult.STALE));
    // A newer one replaces it.
    assertThat(apply(extracted(doc("c.html", 2000, "cc".repeat(32), null)))).isEqualTo(Outcome.success(IndexResult.INDEXED));
    assertThat(source(first.id()).get("revision").asLong()).isEqualTo(2000);
    assertThat(source(first.id()).path("source").get("sha256").asText()).isEqualTo("cc".repeat(32));
  }

  @Test
  void anEnrichmentThatArrivedFirstIsKeptWhenTheDocumentFillsInItsStub() throws Exception {
    ExtractedDocument doc = doc("d.html", 1000, "dd".repeat(32), "de");
    Enrichment enrichment = new Enrichment(Enrichment.SCHEMA_VERSION, "it", doc.id(), 1000, "dd".repeat(32), "en", 0.98, 7,
        List.of(), doc.seenAt(), doc.seenAt().plusSeconds(1));
    assertThat(apply(new IndexOperation.Enriched(enrichment))).isEqualTo(Outcome.success(IndexResult.ENRICHED));
    assertThat(source(doc.id()).has("revision")).as("a stub").isFalse();

    assertThat(apply(extracted(doc))).isEqualTo(Outcome.success(IndexResult.INDEXED));
    ObjectNode source = source(doc.id());
    assertThat(source.get("revision").asLong()).isEqualTo(1000);
    assertThat(source.path("enrichment").get("word_count").asInt()).isEqualTo(7);
    assertThat(source.get("language").asText()).as("detected beats declared").isEqualTo("en");
    assertThat(source.get("declared_language").asText()).isEqualTo("de");
    assertThat(source.get("text").asText()).isEqualTo(doc.text());
  }
}
