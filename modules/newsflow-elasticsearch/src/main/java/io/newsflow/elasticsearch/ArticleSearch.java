package io.newsflow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.FieldAndFormat;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.newsflow.api.DocumentId;
import io.newsflow.api.EntityLinks;
import io.newsflow.elasticsearch.internal.Corroboration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the article index: full-text search, one document, counts. Thread-safe. Does not own the client. */
public final class ArticleSearch {

  /** Enrichment stubs (see {@code IndexPlanner}) have no revision yet; users never see them. */
  private static final Query INDEXED = Query.of(q -> q.exists(e -> e.field("revision")));

  private final ElasticsearchClient client;
  private final ElasticsearchConfig config;

  public ArticleSearch(ElasticsearchClient client, ElasticsearchConfig config) {
    this.client = client;
    this.config = config;
  }

  /** One search hit: id, title, source path or URI, score, highlighted fragments. */
  public record Hit(String id, String title, String source, double score, String language, List<String> highlights, String story) {
    public Hit(String id, String title, String source, double score, String language, List<String> highlights) {
      this(id, title, source, score, language, highlights, null);
    }
  }

  /** A page of hits and the total number of matching documents. */
  public record Result(long total, List<Hit> hits) {}

  /**
   * Searches title and text with English stemming; title matches weigh three times as much.
   *
   * @param query words as a user types them (simple query string syntax: quotes, -, OR)
   */
  public Result search(String query, int size) {
    return search(query, 0, size);
  }

  /** Like {@link #search(String, int)}, the page of hits starting at {@code from} (0-based). */
  public Result search(String query, int from, int size) {
    return search(query, SearchFilters.NONE, from, size);
  }

  /** Like {@link #search(String, int, int)}, only among documents that match {@code filters}. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Result search(String query, SearchFilters filters, int from, int size) {
    try {
      SearchResponse<Map> response = client.search(s -> s
          .index(config.indexAlias())
          .from(from)
          .size(size)
          .trackTotalHits(t -> t.enabled(true))
          .source(src -> src.filter(f -> f.includes("title", "source.uri", "language", "story.id")))
          .query(q -> q.bool(b -> b
              .filter(INDEXED)
              .filter(filters.queries())
              .must(m -> m.simpleQueryString(sq -> sq.query(query).fields("title^3", "text").defaultOperator(co.elastic.clients.elasticsearch._types.query_dsl.Operator.And)))))
          .highlight(h -> h.fields("text", f -> f.fragmentSize(160).numberOfFragments(2))
              .fields("title", f -> f.numberOfFragments(0))
              .preTags("[").postTags("]")), Map.class);
      List<Hit> hits = new ArrayList<>();
      for (co.elastic.clients.elasticsearch.core.search.Hit<Map> hit : response.hits().hits()) {
        Map<String, Object> source = hit.source() == null ? Map.of() : hit.source();
        List<String> highlights = new ArrayList<>();
        hit.highlight().getOrDefault("title", List.of()).forEach(highlights::add);
        hit.highlight().getOrDefault("text", List.of()).forEach(highlights::add);
        hits.add(new Hit(hit.id(), (String) source.get("title"),
            source.get("source") instanceof Map m ? (String) m.get("uri") : null,
            hit.score() == null ? 0 : hit.score(), (String) source.get("language"), highlights,
            source.get("story") instanceof Map st ? (String) st.get("id") : null));
      }
      return new Result(response.hits().total() == null ? hits.size() : response.hits().total().value(), hits);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** Returns the stored document, all fields, or empty if there is none (or only an enrichment stub). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Optional<Map<String, Object>> get(String id) {
    try {
      GetResponse<Map> response = client.get(g -> g.index(config.indexAlias()).id(id), Map.class);
      if (!response.found() || response.source() == null || !response.source().containsKey("revision")) {
        return Optional.empty();
      }
      return Optional.of(response.source());
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** Names a document embedded in another: an attachment of a mail, an entry of an archive. */
  public record Child(String id, String path, String title, String contentType) {}

  /**
   * Returns the documents embedded directly in document {@code id}, in path order (at most 1,000),
   * as the index holds them now.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public List<Child> children(String id) {
    try {
      SearchResponse<Map> response = client.search(s -> s
          .index(config.indexAlias())
          .size(1000)
          .source(src -> src.filter(f -> f.includes("embedded.path", "title", "content_type")))
          .sort(o -> o.field(f -> f.field("embedded.path")))
          .query(q -> q.bool(b -> b.filter(INDEXED).filter(f -> f.term(t -> t.field("embedded.parent").value(id))))),
          Map.class);
      List<Child> children = new java.util.ArrayList<>();
      for (co.elastic.clients.elasticsearch.core.search.Hit<Map> hit : response.hits().hits()) {
        Map<String, Object> source = hit.source();
        Object path = source.get("embedded") instanceof Map e ? e.get("path") : null;
        children.add(new Child(hit.id(), path == null ? null : path.toString(),
            (String) source.get("title"), (String) source.get("content_type")));
      }
      return children;
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** Counts indexed documents (stubs excluded). */
  public long count() {
    try {
      return client.count(c -> c.index(config.indexAlias()).query(INDEXED)).count();
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** Tells the indexed revision, source size and enriched revision of each of {@code ids} (absent ids are left out). */
  public record State(long revision, long size, Long enrichedRevision) {}

  @SuppressWarnings({"unchecked", "rawtypes"})
  public Map<DocumentId, State> states(List<DocumentId> ids) {
    Map<DocumentId, State> states = new HashMap<>();
    if (ids.isEmpty()) {
      return states;
    }
    try {
      MgetResponse<Map> response = client.mget(m -> m.index(config.indexAlias())
          .ids(ids.stream().map(DocumentId::value).toList())
          .sourceIncludes("revision", "source.size", "enrichment.revision"), Map.class);
      for (MultiGetResponseItem<Map> item : response.docs()) {
        if (item.isResult() && item.result().found() && item.result().source().get("revision") instanceof Number r) {
          Map<String, Object> source = item.result().source();
          Object enriched = source.get("enrichment") instanceof Map e ? e.get("revision") : null;
          Object size = source.get("source") instanceof Map s ? s.get("size") : null;
          states.put(new DocumentId(item.result().id()), new State(r.longValue(),
              size instanceof Number n ? n.longValue() : -1, enriched instanceof Number n ? n.longValue() : null));
        }
      }
      return states;
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /**
   * Returns, for each of {@code sha256s} that the source of an indexed document has, the id of one
   * such document (the import's duplicate check). Reads what a search sees, so a document indexed
   * in the last refresh interval may be missed.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Map<String, DocumentId> idsWithContent(List<String> sha256s) {
    Map<String, DocumentId> out = new HashMap<>();
    if (sha256s.isEmpty()) {
      return out;
    }
    try {
      List<co.elastic.clients.elasticsearch._types.FieldValue> values = sha256s.stream()
          .map(co.elastic.clients.elasticsearch._types.FieldValue::of).toList();
      SearchResponse<Map> response = client.search(s -> s
          .index(config.indexAlias())
          .size(Math.min(10_000, sha256s.size() * 2))
          .source(src -> src.filter(f -> f.includes("source.sha256")))
          .query(q -> q.bool(b -> b.filter(INDEXED).filter(f -> f.terms(t -> t.field("source.sha256").terms(v -> v.value(values)))))),
          Map.class);
      for (co.elastic.clients.elasticsearch.core.search.Hit<Map> hit : response.hits().hits()) {
        if (hit.source().get("source") instanceof Map src && src.get("sha256") instanceof String sha) {
          out.putIfAbsent(sha, new DocumentId(hit.id()));
        }
      }
      return out;
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** Tells when a searchable document was first seen, and whether its enrichment is searchable too. */
  public record Searchable(long revision, java.time.Instant seenAt, boolean enriched, java.time.Instant indexedAt,
      java.time.Instant enrichmentIndexedAt) {}

  /**
   * Returns which of {@code ids} a search finds now. Unlike {@link #states}, which reads in real time,
   * this depends on the index refresh, exactly as a user's search does.
   */
  public Map<String, Searchable> searchable(List<String> ids) {
    return searchable(ids, false);
  }

  /**
   * Returns which of {@code ids} a search finds now; with {@code enrichedOnly}, only those whose
   * enrichment a search finds too.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Map<String, Searchable> searchable(List<String> ids, boolean enrichedOnly) {
    Map<String, Searchable> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    try {
      // Doc values, not _source: a poll for thousands of ids (the benchmark's, four times a second) would otherwise
      // load and parse each document's whole source, text included, and cost the pipeline it measures.
      SearchResponse<Void> response = client.search(s -> s
          .index(config.indexAlias())
          .size(ids.size())
          .source(src -> src.fetch(false))
          .docvalueFields(SEARCHABLE_FIELDS)
          .query(q -> q.bool(b -> {
            b.filter(INDEXED).filter(f -> f.ids(i -> i.values(ids)));
            return enrichedOnly ? b.filter(f -> f.exists(e -> e.field("enrichment.revision"))) : b;
          })), Void.class);
      collect(response, out);
      return out;
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  private static final List<FieldAndFormat> SEARCHABLE_FIELDS = List.of(FieldAndFormat.of(f -> f.field("revision")),
      FieldAndFormat.of(f -> f.field("seen_at").format("epoch_millis")),
      FieldAndFormat.of(f -> f.field("indexed_at").format("epoch_millis")),
      FieldAndFormat.of(f -> f.field("enrichment.revision")),
      FieldAndFormat.of(f -> f.field("enrichment.indexed_at").format("epoch_millis")));

  private static void collect(SearchResponse<Void> response, Map<String, Searchable> out) {
    for (co.elastic.clients.elasticsearch.core.search.Hit<Void> hit : response.hits().hits()) {
      Long revision = firstLong(hit.fields().get("revision"));
      Long seen = firstLong(hit.fields().get("seen_at"));
      if (revision != null && seen != null) {
        Long indexed = firstLong(hit.fields().get("indexed_at"));
        Long enrichmentIndexed = firstLong(hit.fields().get("enrichment.indexed_at"));
        out.put(hit.id(), new Searchable(revision, java.time.Instant.ofEpochMilli(seen), hit.fields().containsKey("enrichment.revision"),
            indexed == null ? null : java.time.Instant.ofEpochMilli(indexed),
            enrichmentIndexed == null ? null : java.time.Instant.ofEpochMilli(enrichmentIndexed)));
      }
    }
  }

  /**
   * Returns the searchable documents of import job {@code jobId} written to the index at or after {@code since}
   * (by {@code indexed_at}; with {@code enrichedOnly}, those whose enrichment was, by {@code enrichment.indexed_at}),
   * at most {@code max}. A poller that follows a job's progress with a moving {@code since} reads only what changed
   * lately instead of asking for every id it still waits for.
   */
  public Map<String, Searchable> searchableSince(String jobId, java.time.Instant since, boolean enrichedOnly, int max) {
    Map<String, Searchable> out = new HashMap<>();
    String field = enrichedOnly ? "enrichment.indexed_at" : "indexed_at";
    try {
      SearchResponse<Void> response = client.search(s -> s
          .index(config.indexAlias())
          .size(max)
          .source(src -> src.fetch(false))
          .docvalueFields(SEARCHABLE_FIELDS)
          .query(q -> q.bool(b -> b.filter(INDEXED)
              .filter(f -> f.term(t -> t.field("job_id").value(jobId)))
              .filter(f -> f.range(r -> r.date(d -> d.field(field).gte(since.toString())))))), Void.class);
      collect(response, out);
      return out;
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /** The first value of a doc-values field as a long (numbers, or strings such as an epoch_millis date), or null. */
  private static Long firstLong(co.elastic.clients.json.JsonData values) {
    if (values == null) {
      return null;
    }
    jakarta.json.JsonValue json = values.toJson();
    if (json instanceof jakarta.json.JsonArray array) {
      if (array.isEmpty()) {
        return null;
      }
      json = array.get(0);
    }
    if (json instanceof jakarta.json.JsonNumber n) {
      return n.longValue();
    }
    if (json instanceof jakarta.json.JsonString str) {
      // epoch_millis may come back with a fraction ("1763830599544.0") on some versions
      return (long) Double.parseDouble(str.getString());
    }
    return null;
  }

  /** Names the earlier document that {@code of} nearly copies, with their estimated Jaccard similarity. */
  public record NearDuplicate(String id, double similarity) {}

  /**
   * Finds the earliest indexed document (by {@code seen_at}, then id) that {@code doc} is a near-copy
   * of: one sharing a MinHash band key whose signature agrees on at least {@code threshold} of its
   * values. Reads the index, not any worker's memory, so the answer is the same whichever worker or
   * partition enriched the two documents. Empty if {@code doc} has no signature or no such document.
   *
   * @param doc a document as {@link #get} returns it
   */
  @SuppressWarnings("unchecked")
  public Optional<NearDuplicate> nearDuplicateOf(Map<String, Object> doc, double threshold) {
    if (!(doc.get("enrichment") instanceof Map<?, ?> enrichment)
        || !(enrichment.get("minhash") instanceof List<?> signature) || signature.isEmpty()
        || !(enrichment.get("minhash_bands") instanceof List<?> bands) || bands.isEmpty()) {
      return Optional.empty();
    }
    String id = String.valueOf(doc.get("id"));
    String seenAt = String.valueOf(doc.get("seen_at"));
    List<co.elastic.clients.elasticsearch._types.FieldValue> keys = bands.stream()
        .map(b -> co.elastic.clients.elasticsearch._types.FieldValue.of(String.valueOf(b))).toList();
    try {
      SearchResponse<Map> response = client.search(s -> s
          .index(config.indexAlias())
          .size(100)
          .source(src -> src.filter(f -> f.includes("id", "seen_at", "enrichment.minhash")))
          .query(q -> q.bool(b -> b.filter(INDEXED)
              .filter(f -> f.terms(t -> t.field("enrichment.minhash_bands").terms(v -> v.value(keys))))
              .mustNot(n -> n.ids(i -> i.values(id))))), Map.class);
      NearDuplicate best = null;
      String bestSeen = null;
      for (co.elastic.clients.elasticsearch.core.search.Hit<Map> hit : response.hits().hits()) {
        Map<String, Object> source = hit.source();
        String otherSeen = String.valueOf(source.get("seen_at"));
        boolean earlier = otherSeen.compareTo(seenAt) < 0 || (otherSeen.equals(seenAt) && hit.id().compareTo(id) < 0);
        if (!earlier || !(source.get("enrichment") instanceof Map<?, ?> other) || !(other.get("minhash") instanceof List<?> values)) {
          continue;
        }
        double similarity = io.newsflow.api.Enrichment.minhashSimilarity(signature, values);
        if (similarity >= threshold && (best == null || otherSeen.compareTo(bestSeen) < 0
            || (otherSeen.equals(bestSeen) && hit.id().compareTo(best.id()) < 0))) {
          best = new NearDuplicate(hit.id(), similarity);
          bestSeen = otherSeen;
        }
      }
      return Optional.ofNullable(best);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /**
   * Names a story (the id of its earliest document) and the ids of its documents.
   *
   * @param assigned false while the story stage has not reached the document yet: it is then alone
   */
  public record Story(String id, List<String> documents, boolean assigned) {
    public Story(String id, List<String> documents) {
      this(id, documents, true);
    }
  }

  // A story larger than this lists only its first documents (by seen_at).
  private static final int MAX_STORY_DOCUMENTS = 1000;

  /**
   * Returns the story of {@code doc} as the story stage stored it ({@code story.id}, see
   * {@link StoryAssigner}) with its indexed documents, earliest first. A document not assigned yet is a
   * story of its own, marked not {@link Story#assigned()}.
   *
   * @param doc a document as {@link #get} returns it
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Story storyOf(Map<String, Object> doc) {
    String id = String.valueOf(doc.get("id"));
    if (!(doc.get("story") instanceof Map<?, ?> story) || story.get("id") == null) {
      return new Story(id, List.of(id), false);
    }
    String storyId = String.valueOf(story.get("id"));
    try {
      SearchResponse<Map> response = client.search(s -> s
          .index(config.indexAlias())
          .size(MAX_STORY_DOCUMENTS)
          .source(src -> src.fetch(false))
          .sort(o -> o.field(f -> f.field("seen_at")))
          .query(q -> q.bool(b -> b.filter(INDEXED).filter(f -> f.term(t -> t.field("story.id").value(storyId))))), Map.class);
      List<String> documents = new ArrayList<>();
      response.hits().hits().forEach(h -> documents.add(h.id()));
      if (!documents.contains(id)) {
        documents.add(id); // assigned after the last refresh
      }
      return new Story(storyId, documents, true);
    } catch (IOException e) {
      throw unreachable(e);
    }
  }

  /**
   * Adds to each quotation and each key claim of {@code doc}'s enrichment ({@code enrichment.quotes[].sources},
   * {@code enrichment.claims[].sources}) the number of independent documents of {@code story} that
   * report it, {@code doc} included (see {@link Corroboration}), and links its person keys to the full
   * names the story's other documents give ({@link EntityLinks}: {@code person:biden} becomes
   * {@code person:joe-biden}, the document's own kept as {@code document_key}); claims are compared
   * with linked keys. Returns {@code doc} unchanged if there is nothing to add.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> withCorroboration(Map<String, Object> doc, Story story, double duplicateThreshold) {
    if (!(doc.get("enrichment") instanceof Map<?, ?> enrichment)) {
      return doc;
    }
    List<?> quotes = enrichment.get("quotes") instanceof List<?> q ? q : List.of();
    List<?> claims = enrichment.get("claims") instanceof List<?> c ? c : List.of();
    List<String> personKeys = new ArrayList<>(EntityLinks.personKeys((Map<String, ?>) enrichment));
    if (quotes.isEmpty() && claims.isEmpty() && personKeys.isEmpty()) {
      return doc;
    }
    String id = String.valueOf(doc.get("id"));
    List<String> others = story.documents().stream().filter(d -> !d.equals(id)).toList();
    List<Corroboration.Source> sources = new ArrayList<>();
    if (!others.isEmpty()) {
      try {
        SearchResponse<Map> response = client.search(s -> s
            .index(config.indexAlias())
            .size(others.size())
            .source(src -> src.filter(f -> f.includes("seen_at", "enrichment.quotes.text", "enrichment.minhash",
                "enrichment.claims.text", "enrichment.claims.facts", "enrichment.entities.key")))
            .sort(o -> o.field(f -> f.field("seen_at")))
            .query(q -> q.ids(i -> i.values(others))), Map.class);
        for (co.elastic.clients.elasticsearch.core.search.Hit<Map> hit : response.hits().hits()) {
          Map<String, Object> e = hit.source().get("enrichment") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
          List<String> texts = new ArrayList<>();
          if (e.get("quotes") instanceof List<?> qs) {
            for (Object q : qs) {
              if (q instanceof Map<?, ?> qm && qm.get("text") != null) {
                texts.add(qm.get("text").toString());
              }
            }
          }
          personKeys.addAll(EntityLinks.personKeys(e));
          sources.add(new Corroboration.Source(hit.id(), texts,
              e.get("minhash") instanceof List<?> mh ? (List<Number>) mh : List.of(), claimsOf(e.get("claims"))));
        }
      } catch (IOException e) {
        throw unreachable(e);
      }
    }
    Map<String, String> aliases = EntityLinks.aliases(personKeys);
    sources = sources.stream().map(src -> new Corroboration.Source(src.id(), src.quotes(), src.minhash(),
        src.claims().stream().map(c -> new Corroboration.Claim(c.text(), EntityLinks.link(c.facts(), aliases))).toList())).toList();
    List<Number> minhash = enrichment.get("minhash") instanceof List<?> mh ? (List<Number>) mh : List.of();
    Map<String, Object> newEnrichment = EntityLinks.apply(new java.util.LinkedHashMap<>((Map<String, Object>) enrichment), aliases);
    claims = newEnrichment.get("claims") instanceof List<?> c ? c : List.of();
    if (!quotes.isEmpty()) {
      List<String> texts = quotes.stream().map(q -> q instanceof Map<?, ?> m ? String.valueOf(m.get("text")) : "").toList();
      newEnrichment.put("quotes", withSources(quotes, Corroboration.count(texts, minhash, sources, duplicateThreshold)));
    }
    if (!claims.isEmpty()) {
      newEnrichment.put("claims", withSources(claims, Corroboration.countClaims(claimsOf(claims), minhash, sources, duplicateThreshold)));
    }
    Map<String, Object> out = new java.util.LinkedHashMap<>(doc);
    out.put("enrichment", newEnrichment);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> withSources(List<?> items, List<Integer> counts) {
    List<Map<String, Object>> counted = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Map<String, Object> item = new java.util.LinkedHashMap<>((Map<String, Object>) items.get(i));
      item.put("sources", counts.get(i));
      counted.add(item);
    }
    return counted;
  }

  private static List<Corroboration.Claim> claimsOf(Object claims) {
    List<Corroboration.Claim> out = new ArrayList<>();
    if (claims instanceof List<?> list) {
      for (Object c : list) {
        if (c instanceof Map<?, ?> m && m.get("text") != null) {
          List<String> facts = m.get("facts") instanceof List<?> f ? f.stream().map(String::valueOf).toList() : List.of();
          out.add(new Corroboration.Claim(m.get("text").toString(), facts));
        }
      }
    }
    return out;
  }

  private UncheckedIOException unreachable(IOException e) {
    return new UncheckedIOException("cannot reach Elasticsearch at " + config.urls() + ": " + e.getMessage(), e);
  }
}
