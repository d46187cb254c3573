package io.newsflow.elasticsearch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.util.BinaryData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.newsflow.api.DocumentId;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.IndexOperation;
import io.newsflow.api.Json;
import io.newsflow.elasticsearch.internal.IndexPlanner.Current;
import io.newsflow.elasticsearch.internal.IndexPlanner.Write;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndexedJsonTest {

  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00.123Z");
  private static final ObjectMapper PLAIN = new ObjectMapper();

  private static ExtractedDocument doc(String language, String text, Map<String, String> metadata, ExtractedDocument.Web web,
      ExtractedDocument.Embedded embedded) {
    DocumentId id = DocumentId.ofSource(URI.create("file:///news/a.html"));
    return new ExtractedDocument(3, "1.0-test", id, 1_700_000_000_123L,
        new ExtractedDocument.Source("file:///news/a.html", 55_123, "ab".repeat(32), Instant.ofEpochMilli(1_700_000_000_123L)),
        "Title \"quoted\" é", null, "text/html; charset=UTF-8", language, null, Instant.parse("2025-12-31T23:00:00Z"),
        text, false, metadata, NOW.minusSeconds(2), NOW.minusSeconds(1), "import-1", web, embedded);
  }

  private static List<ExtractedDocument> documents() {
    DocumentId root = DocumentId.ofSource(URI.create("file:///news/a.zip"));
    return List.of(
        doc(null, "plain", Map.of(), null, null),
        doc("en", "Zürich – “quotes”, tabs\tand\nnew lines, \\ backslash, \u0001 control, 😀 emoji",
            Map.of("dc:creator", "Someone", "x", "y", "z", "\"q\""),
            new ExtractedDocument.Web(NOW, "https://example.org/a", "Example", null, null, List.of("https://example.org/b")),
            new ExtractedDocument.Embedded(root, root, "/a.zip/x.txt", 1)),
        doc("de", "", Map.of("k", "v"), new ExtractedDocument.Web(null, null, null, null, null, null), null));
  }

  /** The bytes the Elasticsearch client sent before: the planner's map, encoded by the client's own mapper. */
  private static byte[] clientEncoding(Map<String, Object> document) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    BinaryData.of(document, new JacksonJsonpMapper()).writeTo(out);
    return out.toByteArray();
  }

  @Test
  void aRecordAsPublishedIsCopiedToTheSameBytesTheClientWroteFromTheMap() throws IOException {
    Map<String, Object> enrichment = Map.of("revision", 1_700_000_000_123L, "language", "en", "word_count", 3, "language_confidence", 0.97);
    Map<String, Object> story = Map.of("id", "0123456789abcdef0123456789abcdef");
    for (ExtractedDocument doc : documents()) {
      for (Current current : List.of(Current.ABSENT, new Current(true, 1L, "cd".repeat(32), enrichment, 4, 1, story),
          new Current(true, null, null, Map.of("revision", doc.revision(), "language", "fr"), 4, 1, null))) {
        Write write = (Write) IndexPlanner.plan(current, new IndexOperation.Extracted(doc), NOW);
        byte[] copied = IndexedJson.document(Json.encode(doc), write.added());
        assertThat(copied).isNotNull();
        assertThat(new String(copied, StandardCharsets.UTF_8)).isEqualTo(new String(clientEncoding(write.document()), StandardCharsets.UTF_8));
      }
    }
  }

  @Test
  void theDeclaredLanguageBecomesDeclaredLanguageAndTheDetectedOneWins() throws IOException {
    ExtractedDocument doc = documents().get(2); // declares "de"
    Write write = (Write) IndexPlanner.plan(new Current(true, null, null, Map.of("revision", doc.revision(), "language", "fr"), 4, 1, null),
        new IndexOperation.Extracted(doc), NOW);
    JsonNode tree = PLAIN.readTree(IndexedJson.document(Json.encode(doc), write.added()));
    assertThat(tree.get("declared_language").asText()).isEqualTo("de");
    assertThat(tree.get("language").asText()).isEqualTo("fr");
    assertThat(tree.get("indexed_at").asText()).isEqualTo("2026-01-01T00:00:00.123Z");
    assertThat(tree.get("seen_to_indexed_ms").asLong()).isEqualTo(2000);
    assertThat(tree.get("text").asText()).isEmpty();
  }

  @Test
  void whiteSpaceBetweenMembersIsLeftOutAndTheContentStaysTheSame() throws IOException {
    for (ExtractedDocument doc : documents()) {
      Write write = (Write) IndexPlanner.plan(Current.ABSENT, new IndexOperation.Extracted(doc), NOW);
      byte[] pretty = Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(doc);
      byte[] copied = IndexedJson.document(pretty, write.added());
      assertThat(copied).isNotNull();
      assertThat(PLAIN.readTree(copied)).isEqualTo(PLAIN.readTree(clientEncoding(write.document())));
    }
  }

  @Test
  void aRecordThatReEncodingWouldChangeIsNotCopied() throws IOException {
    ExtractedDocument doc = documents().get(1);
    Write write = (Write) IndexPlanner.plan(Current.ABSENT, new IndexOperation.Extracted(doc), NOW);
    String json = new String(Json.encode(doc), StandardCharsets.UTF_8);
    assertThat(IndexedJson.document(json.getBytes(StandardCharsets.UTF_8), write.added())).isNotNull();
    List<String> foreign = List.of(
        json.replace("\"title\":", "\"author\":null,\"title\":"),            // a null: re-encoding leaves it out
        json.replace("\"metadata\":{", "\"unknown\":1,\"metadata\":{"),      // a member the record has not
        json.replace("\"title\":", "\"title\":\"first\",\"title\":"),       // a member twice
        json.replace("\"metadata\":{", "\"indexed_at\":\"x\",\"metadata\":{"), // one the index adds
        json.replaceFirst("\"metadata\":\\{[^}]*},", ""),                   // the constructor would write metadata {}
        json.replace("\"links\":[\"https://example.org/b\"]", "\"section\":\"x\""), // ... web.links []
        json.replace("\"size\":55123,", ""),                                 // ... source.size 0
        json.replace("\"canonical_url\":", "\"published\":null,\"canonical_url\":"), // a null inside web
        "[" + json + "]",
        json + " {}");
    for (String bad : foreign) {
      assertThat(IndexedJson.document(bad.getBytes(StandardCharsets.UTF_8), write.added())).as(bad).isNull();
    }
  }
}
