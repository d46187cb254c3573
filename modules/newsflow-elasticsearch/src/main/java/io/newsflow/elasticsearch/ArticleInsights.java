package io.newsflow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newsflow.api.EntityLinks;
import io.newsflow.api.Json;
import io.newsflow.elasticsearch.internal.Corroboration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.RestClient;

/**
 * Answers the dashboard's questions about the news and the pipeline's throughput from the article
 * index: a story's articles, shared entities and corroborated quotes; documents per stage over time
 * and end-to-end latency percentiles; top entities over time; index size. Every count is an
 * Elasticsearch aggregation, so the answer stays small however many documents are indexed.
 * Thread-safe. Does not own the client.
 */
public final class ArticleInsights {

  /** Largest number of buckets a time series is cut into. */
  public static final int MAX_BUCKETS = 120;

  private final ElasticsearchConfig config;
  private final ArticleSearch search;
  private final RestClient rest;

  public ArticleInsights(ElasticsearchClient client, ElasticsearchConfig config) {
    this.config = config;
    this.search = new ArticleSearch(client, config);
    // The aggregations are written as the JSON a reader finds in Elasticsearch's documentation, and
    // their answers go to the browser as JSON: the low-level client avoids a typed round trip.
    this.rest = ((RestClientTransport) client._transport()).restClient();
  }

  /**
   * Describes the story of document {@code id}: its articles (oldest first), the entities at least
   * two of them share (person keys linked across the articles, see {@link EntityLinks}), the
   * quotations reported by at least two independent articles, and its key claims, each with the
   * number of independent articles that report it ({@code sources}), most corroborated first.
   *
   * @return null if there is no such document
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> story(String id) {
    Map<String, Object> doc = search.get(id).orElse(null);
    if (doc == null) {
      return null;
    }
    ArticleSearch.Story story = search.storyOf(doc);
    ObjectNode query = Json.mapper().createObjectNode();
    query.put("size", story.documents().size());
    query.putArray("_source").add("id").add("title").add("source.uri").add("seen_at").add("language")
        .add("enrichment.published_date").add("enrichment.entities.key").add("enrichment.entities.name")
        .add("enrichment.entities.type").add("enrichment.quotes.text").add("enrichment.quotes.speaker")
        .add("enrichment.minhash").add("enrichment.claims.text").add("enrichment.claims.facts");
    query.putArray("sort").addObject().put("seen_at", "asc");
    ArrayNode ids = query.putObject("query").putObject("ids").putArray("values");
    story.documents().forEach(ids::add);
    JsonNode hits = post("/_search", query).path("hits").path("hits");

    // Person keys linked across the story's documents: "Biden" alone is Joe Biden when the story names him.
    List<String> personKeys = new ArrayList<>();
    for (JsonNode hit : hits) {
      for (JsonNode e : hit.path("_source").path("enrichment").path("entities")) {
        if (e.path("key").asText().startsWith("person:")) {
          personKeys.add(e.path("key").asText());
        }
      }
    }
    Map<String, String> aliases = EntityLinks.aliases(personKeys);
    List<Map<String, Object>> articles = new ArrayList<>();
    Map<String, Map<String, Object>> entities = new LinkedHashMap<>();
    List<Corroboration.Source> sources = new ArrayList<>();
    for (JsonNode hit : hits) {
      JsonNode src = hit.path("_source");
      JsonNode enrichment = src.path("enrichment");
      Map<String, Object> article = new LinkedHashMap<>();
      article.put("id", hit.path("_id").asText());
      article.put("title", text(src.path("title")));
      article.put("source", text(src.path("source").path("uri")));
      article.put("seen_at", text(src.path("seen_at")));
      article.put("published_date", text(enrichment.path("published_date")));
      article.put("language", text(src.path("language")));
      articles.add(article);
      java.util.Set<String> counted = new java.util.HashSet<>();
      for (JsonNode e : enrichment.path("entities")) {
        String key = aliases.getOrDefault(e.path("key").asText(), e.path("key").asText());
        Map<String, Object> entity = entities.computeIfAbsent(key, k -> {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("key", k);
          m.put("name", e.path("name").asText());
          m.put("type", e.path("type").asText());
          m.put("documents", 0);
          return m;
        });
        // The name is the fullest any document gives ("Joe Biden", not the "Biden" seen first).
        if (e.path("name").asText().split("\\s+").length > String.valueOf(entity.get("name")).split("\\s+").length) {
          entity.put("name", e.path("name").asText());
        }
        if (counted.add(key)) {
          entity.put("documents", (int) entity.get("documents") + 1);
        }
      }
      List<String> quotes = new ArrayList<>();
      enrichment.path("quotes").forEach(q -> quotes.add(q.path("text").asText()));
      List<Number> minhash = new ArrayList<>();
      enrichment.path("minhash").forEach(v -> minhash.add(v.asLong()));
      List<Corroboration.Claim> claims = new ArrayList<>();
      for (JsonNode c : enrichment.path("claims")) {
        List<String> facts = new ArrayList<>();
        c.path("facts").forEach(f -> facts.add(f.asText()));
        claims.add(new Corroboration.Claim(c.path("text").asText(), EntityLinks.link(facts, aliases)));
      }
      sources.add(new Corroboration.Source(hit.path("_id").asText(), quotes, minhash, claims));
    }
    List<Map<String, Object>> shared = entities.values().stream()
        .filter(e -> (int) e.get("documents") >= 2)
        .sorted(Comparator.<Map<String, Object>>comparingInt(e -> -(int) e.get("documents"))
            .thenComparing(e -> String.valueOf(e.get("name"))))
        .toList();

    // A quotation is corroborated when another independent article of the story reports it too;
    // each is listed once, under the earliest article that carries it.
    List<Map<String, Object>> corroborated = new ArrayList<>();
    List<String> listed = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      Corroboration.Source self = sources.get(i);
      List<Corroboration.Source> others = new ArrayList<>(sources);
      others.remove(i);
      List<Integer> counts = Corroboration.count(self.quotes(), self.minhash(), others, NEAR_DUPLICATE_JACCARD);
      JsonNode quoteNodes = hits.get(i).path("_source").path("enrichment").path("quotes");
      for (int q = 0; q < counts.size(); q++) {
        String text = self.quotes().get(q);
        if (counts.get(q) >= 2 && listed.stream().noneMatch(l -> similar(l, text))) {
          listed.add(text);
          Map<String, Object> quote = new LinkedHashMap<>();
          quote.put("text", text);
          quote.put("speaker", text(quoteNodes.path(q).path("speaker")));
          quote.put("sources", counts.get(q));
          quote.put("first_reported_by", self.id());
          corroborated.add(quote);
        }
      }
    }
    corroborated.sort(Comparator.comparingInt(q -> -(int) q.get("sources")));

    // Every key claim of the story with the number of independent articles reporting it; a claim
    // several articles make is listed once, under the earliest, with the facts it was matched on.
    List<Map<String, Object>> claims = new ArrayList<>();
    List<Corroboration.Claim> listedClaims = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      Corroboration.Source self = sources.get(i);
      List<Corroboration.Source> others = new ArrayList<>(sources);
      others.remove(i);
      List<Integer> counts = Corroboration.countClaims(self.claims(), self.minhash(), others, NEAR_DUPLICATE_JACCARD);
      for (int c = 0; c < counts.size(); c++) {
        Corroboration.Claim claim = self.claims().get(c);
        if (listedClaims.stream().noneMatch(l -> Corroboration.sameClaim(l, claim))) {
          listedClaims.add(claim);
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("text", claim.text());
          item.put("facts", claim.facts());
          item.put("sources", counts.get(c));
          item.put("first_reported_by", self.id());
          claims.add(item);
        }
      }
    }
    claims.sort(Comparator.comparingInt(c -> -(int) c.get("sources")));

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", story.id());
    out.put("asked_for", id);
    out.put("articles", articles);
    out.put("shared_entities", shared);
    out.put("corroborated_quotes", corroborated);
    out.put("claims", claims.subList(0, Math.min(MAX_STORY_CLAIMS, claims.size())));
    return out;
  }

  /** Claims listed on a story page, most corroborated first. */
  private static final int MAX_STORY_CLAIMS = 20;

  /** The threshold {@code newsflow show} uses: a copy this similar counts once. */
  private static final double NEAR_DUPLICATE_JACCARD = 0.8;

  private static boolean similar(String a, String b) {
    return Corroboration.count(List.of(a), List.of(), List.of(new Corroboration.Source("x", List.of(b), List.of())),
        NEAR_DUPLICATE_JACCARD).get(0) >= 2;
  }

  /**
   * Counts documents per stage over the last {@code window}, in at most {@link #MAX_BUCKETS} equal
   * buckets: {@code extracted} (ingest), {@code indexed} (first searchable), {@code enriched} and
   * {@code enrichment_indexed}, each from the timestamp the document carries. A document re-imported
   * since counts at its latest time. Also returns seen → searchable and seen → enriched latency
   * percentiles (p50, p95, p99, in milliseconds) over the documents indexed in the window.
   */
  public Map<String, Object> activity(Duration window) {
    Instant now = Instant.now();
    Instant from = now.minus(window);
    long intervalMs = Math.max(1000, window.toMillis() / MAX_BUCKETS);
    // Round the interval to whole seconds so bucket keys are stable from one refresh to the next.
    intervalMs = (intervalMs / 1000) * 1000;
    ObjectNode query = Json.mapper().createObjectNode();
    query.put("size", 0);
    query.putObject("query").putObject("exists").put("field", "revision");
    ObjectNode aggs = query.putObject("aggs");
    Map<String, String> stages = new LinkedHashMap<>();
    stages.put("extracted", "extracted_at");
    stages.put("indexed", "indexed_at");
    stages.put("enriched", "enrichment.enriched_at");
    stages.put("enrichment_indexed", "enrichment.indexed_at");
    for (Map.Entry<String, String> stage : stages.entrySet()) {
      ObjectNode filter = aggs.putObject(stage.getKey());
      filter.putObject("filter").putObject("range").putObject(stage.getValue())
          .put("gte", from.toEpochMilli()).put("lte", now.toEpochMilli()).put("format", "epoch_millis");
      ObjectNode histogram = filter.putObject("aggs").putObject("over_time").putObject("date_histogram");
      histogram.put("field", stage.getValue()).put("fixed_interval", intervalMs + "ms").put("min_doc_count", 0);
      histogram.putObject("extended_bounds").put("min", from.toEpochMilli()).put("max", now.toEpochMilli());
    }
    ObjectNode latency = aggs.putObject("latency");
    latency.putObject("filter").putObject("range").putObject("indexed_at")
        .put("gte", from.toEpochMilli()).put("format", "epoch_millis");
    ObjectNode latencyAggs = latency.putObject("aggs");
    latencyAggs.putObject("searchable").putObject("percentiles").put("field", "seen_to_indexed_ms")
        .putArray("percents").add(50).add(95).add(99);
    latencyAggs.putObject("enriched").putObject("percentiles").put("field", "enrichment.seen_to_indexed_ms")
        .putArray("percents").add(50).add(95).add(99);
    JsonNode result = post("/_search", query).path("aggregations");

    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", from.toString());
    out.put("to", now.toString());
    out.put("interval_seconds", intervalMs / 1000.0);
    Map<String, Object> series = new LinkedHashMap<>();
    for (String stage : stages.keySet()) {
      List<List<Object>> points = new ArrayList<>();
      for (JsonNode b : result.path(stage).path("over_time").path("buckets")) {
        points.add(List.of(b.path("key").asLong(), b.path("doc_count").asLong()));
      }
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("total", result.path(stage).path("doc_count").asLong());
      s.put("points", points);
      series.put(stage, s);
    }
    out.put("stages", series);
    Map<String, Object> percentiles = new LinkedHashMap<>();
    percentiles.put("documents", result.path("latency").path("doc_count").asLong());
    percentiles.put("seen_to_searchable_ms", percentiles(result.path("latency").path("searchable")));
    percentiles.put("seen_to_enriched_ms", percentiles(result.path("latency").path("enriched")));
    out.put("latency", percentiles);
    return out;
  }

  private static Map<String, Object> percentiles(JsonNode aggregate) {
    Map<String, Object> out = new LinkedHashMap<>();
    JsonNode values = aggregate.path("values");
    for (String p : List.of("50.0", "95.0", "99.0")) {
      JsonNode v = values.path(p);
      out.put("p" + p.substring(0, p.indexOf('.')), v.isNumber() ? Math.round(v.asDouble()) : null);
    }
    return out;
  }

  /**
   * Returns the {@code size} entities mentioned by most documents first seen in the last
   * {@code window}, optionally of one {@code type} ({@code PERSON}, ...), with each one's documents
   * per bucket of time (at most {@link #MAX_BUCKETS} buckets).
   */
  public Map<String, Object> topEntities(Duration window, String type, int size) {
    Instant now = Instant.now();
    Instant from = now.minus(window);
    long intervalMs = Math.max(1000, (window.toMillis() / 60 / 1000) * 1000);
    ObjectNode query = Json.mapper().createObjectNode();
    query.put("size", 0);
    query.putObject("query").putObject("range").putObject("seen_at")
        .put("gte", from.toEpochMilli()).put("lte", now.toEpochMilli()).put("format", "epoch_millis");
    ObjectNode nested = query.putObject("aggs").putObject("entities");
    nested.putObject("nested").put("path", "enrichment.entities");
    ObjectNode inner = nested.putObject("aggs");
    ObjectNode typed = inner.putObject("typed");
    if (type == null || type.isBlank()) {
      typed.putObject("filter").putObject("match_all");
    } else {
      typed.putObject("filter").putObject("term").put("enrichment.entities.type", type);
    }
    ObjectNode keys = typed.putObject("aggs").putObject("keys");
    keys.putObject("terms").put("field", "enrichment.entities.key").put("size", size);
    ObjectNode perKey = keys.putObject("aggs");
    perKey.putObject("name").putObject("terms").put("field", "enrichment.entities.name").put("size", 1);
    perKey.putObject("type").putObject("terms").put("field", "enrichment.entities.type").put("size", 1);
    ObjectNode documents = perKey.putObject("documents");
    documents.putObject("reverse_nested");
    ObjectNode histogram = documents.putObject("aggs").putObject("over_time").putObject("date_histogram");
    histogram.put("field", "seen_at").put("fixed_interval", intervalMs + "ms").put("min_doc_count", 0);
    histogram.putObject("extended_bounds").put("min", from.toEpochMilli()).put("max", now.toEpochMilli());
    JsonNode buckets = post("/_search", query).path("aggregations").path("entities").path("typed").path("keys").path("buckets");
    List<Map<String, Object>> entities = new ArrayList<>();
    for (JsonNode b : buckets) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("key", b.path("key").asText());
      e.put("name", b.path("name").path("buckets").path(0).path("key").asText(b.path("key").asText()));
      e.put("type", b.path("type").path("buckets").path(0).path("key").asText(""));
      e.put("documents", b.path("documents").path("doc_count").asLong());
      List<List<Object>> points = new ArrayList<>();
      for (JsonNode p : b.path("documents").path("over_time").path("buckets")) {
        points.add(List.of(p.path("key").asLong(), p.path("doc_count").asLong()));
      }
      e.put("points", points);
      entities.add(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("from", from.toString());
    out.put("to", now.toString());
    out.put("interval_seconds", intervalMs / 1000.0);
    out.put("entities", entities);
    return out;
  }

  /**
   * Counts documents by the facets a reader filters news by: site, language, content
   * type, people, organisations, places (top {@code size} each) and first-seen day, among the
   * documents matching {@code filters}.
   */
  public Map<String, Object> facets(String queryText, SearchFilters filters, int size) {
    ObjectNode query = Json.mapper().createObjectNode();
    query.put("size", 0);
    ObjectNode bool = query.putObject("query").putObject("bool");
    ArrayNode filter = bool.putArray("filter");
    filter.addObject().putObject("exists").put("field", "revision");
    filters.addTo(filter);
    if (queryText != null && !queryText.isBlank()) {
      ObjectNode sqs = bool.putArray("must").addObject().putObject("simple_query_string");
      sqs.put("query", queryText).put("default_operator", "and").putArray("fields").add("title^3").add("text");
    }
    ObjectNode aggs = query.putObject("aggs");
    aggs.putObject("site").putObject("terms").put("field", "web.site_name").put("size", size);
    aggs.putObject("language").putObject("terms").put("field", "language").put("size", size);
    aggs.putObject("content_type").putObject("terms").put("field", "content_type").put("size", size);
    ObjectNode entities = aggs.putObject("entities");
    entities.putObject("nested").put("path", "enrichment.entities");
    ObjectNode byType = entities.putObject("aggs");
    for (Map.Entry<String, String> t : Map.of("people", "PERSON", "organisations", "ORGANIZATION", "places", "LOCATION").entrySet()) {
      ObjectNode f = byType.putObject(t.getKey());
      f.putObject("filter").putObject("term").put("enrichment.entities.type", t.getValue());
      ObjectNode terms = f.putObject("aggs").putObject("names");
      terms.putObject("terms").put("field", "enrichment.entities.name").put("size", size);
      // Count documents, not mentions: an entity appears once per document's enrichment anyway.
    }
    ObjectNode days = aggs.putObject("by_day").putObject("date_histogram");
    days.put("field", "seen_at").put("calendar_interval", "day").put("format", "yyyy-MM-dd").put("min_doc_count", 1);
    JsonNode result = post("/_search", query).path("aggregations");
    Map<String, Object> out = new LinkedHashMap<>();
    for (String name : List.of("site", "language", "content_type")) {
      out.put(name, buckets(result.path(name).path("buckets")));
    }
    for (String name : List.of("people", "organisations", "places")) {
      out.put(name, buckets(result.path("entities").path(name).path("names").path("buckets")));
    }
    List<Map<String, Object>> byDay = new ArrayList<>();
    for (JsonNode b : result.path("by_day").path("buckets")) {
      byDay.add(Map.of("key", b.path("key_as_string").asText(), "count", b.path("doc_count").asLong()));
    }
    out.put("by_day", byDay);
    return out;
  }

  private static List<Map<String, Object>> buckets(JsonNode buckets) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (JsonNode b : buckets) {
      out.add(Map.of("key", b.path("key").asText(), "count", b.path("doc_count").asLong()));
    }
    return out;
  }

  /** Returns the article index's document count (stubs included) and its size on disk in bytes. */
  public Map<String, Object> indexStats() {
    JsonNode stats = get("/" + config.indexAlias() + "/_stats/docs,store");
    Map<String, Object> out = new TreeMap<>();
    out.put("size_bytes", stats.path("_all").path("primaries").path("store").path("size_in_bytes").asLong());
    out.put("stored_documents", stats.path("_all").path("primaries").path("docs").path("count").asLong());
    return out;
  }

  private JsonNode post(String endpoint, JsonNode body) {
    Request request = new Request("POST", "/" + config.indexAlias() + endpoint);
    request.setJsonEntity(body.toString());
    return perform(request);
  }

  private JsonNode get(String path) {
    return perform(new Request("GET", path));
  }

  private JsonNode perform(Request request) {
    try {
      Response response = rest.performRequest(request);
      return Json.mapper().readTree(response.getEntity().getContent());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach Elasticsearch at " + config.urls() + ": " + e.getMessage(), e);
    }
  }

  private static String text(JsonNode node) {
    return node.isMissingNode() || node.isNull() ? null : node.asText();
  }
}
