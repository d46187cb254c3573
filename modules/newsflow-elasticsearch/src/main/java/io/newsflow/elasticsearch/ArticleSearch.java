package io.newsflow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import io.newsflow.api.DocumentId;
import io.newsflow.elasticsearch.internal.Corroboration;
import io.newsflow.elasticsearch.internal.StoryMatcher;
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
  public record Hit(String id, String title, String source, double score, String language, List<String> highlights) {}

  /** A page of hits and the total number of matching documents. */
  public record Result(long total, List<Hit> hits) {}

  /**
   * Searches title and text with English stemming; title matches weigh three times as much.
   *
   * @param query words as a user types them (simple query string syntax: quotes, -, OR)
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Result search(String query, int size) {
    try {
      SearchResponse<Map> response = client.search(s -> s
          .index(config.indexAlias())
          .size(size)
          .trackTotalHits(t -> t.enabled(true))
          .source(src -> src.filter(f -> f.includes("title", "source.uri", "language")))
          .query(q -> q.bool(b -> b
              .filter(INDEXED)
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
            hit.score() == null ? 0 : hit.score(), (String) source.get("language"), highlights));
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

  /** Tells when a searchable document was first seen, and whether its enrichment is searchable too. */
  public record Searchable(long revision, java.time.Instant seenAt, boolean enriched) {}

  /**
   * Returns which of {@code ids} a search finds now. Unlike {@link #states}, which reads in real time,
   * this depends on the index refresh, exactly as a user's search does.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Map<String, Searchable> searchable(List<String> ids) {
    Map<String, Searchable> out = new HashMap<>();
    if (ids.isEmpty()) {
      return out;
    }
    try {
      SearchResponse<Map> response = client.search(s -> s
          .index(config.indexAlias())
          .size(ids.size())
          .source(src -> src.filter(f -> f.includes("revision", "seen_at", "enrichment.revision")))
          .query(q -> q.bool(b -> b.filter(INDEXED).filter(f -> f.ids(i -> i.values(ids))))), Map.class);
      for (co.elastic.clients.elasticsearch.core.search.Hit<Map> hit : response.hits().hits()) {
        Map<String, Object> source = hit.source();
        Object seen = source.get("seen_at");
        if (seen != null && source.get("revision") instanceof Number revision) {
          out.put(hit.id(), new Searchable(revision.longValue(), java.time.Instant.parse(seen.toString()),
              source.get("enrichment") instanceof Map));
        }
      }
      return out;
    } catch (IOException e) {
      throw unreachable(e);
    }
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

  /** Names a story (the id of its earliest document) and the ids of its documents. */
  public record Story(String id, List<String> documents) {}

  // A story larger than this is cut off; its id may then depend on where the walk started.
  private static final int MAX_STORY_DOCUMENTS = 200;

  /**
   * Finds the story of {@code doc}: the documents connected to it by {@link StoryMatcher#sameEvent}
   * (same people or organisations within a few days), walked through the index one hop at a time.
   * Every document of a story finds the same set, so the id, that of the earliest document by
   * {@code seen_at} then id, is the same whichever document is asked and whichever worker enriched it.
   *
   * @param doc a document as {@link #get} returns it
   */
  @SuppressWarnings("unchecked")
  public Story storyOf(Map<String, Object> doc) {
    Map<String, Map<String, Object>> members = new java.util.LinkedHashMap<>();
    java.util.ArrayDeque<Map<String, Object>> frontier = new java.util.ArrayDeque<>();
    members.put(String.valueOf(doc.get("id")), doc);
    frontier.add(doc);
    try {
      while (!frontier.isEmpty() && members.size() < MAX_STORY_DOCUMENTS) {
        Map<String, Object> current = frontier.poll();
        List<co.elastic.clients.elasticsearch._types.FieldValue> actors = StoryMatcher.weightedKeys(current).entrySet().stream()
            .filter(e -> e.getValue() >= 2)
            .map(e -> co.elastic.clients.elasticsearch._types.FieldValue.of(e.getKey())).toList();
        if (actors.isEmpty()) {
          continue;
        }
        SearchResponse<Map> response = client.search(s -> s
            .index(config.indexAlias())
            .size(100)
            .source(src -> src.filter(f -> f.includes("id", "seen_at", "enrichment.published_date",
                "enrichment.entities.key", "enrichment.entities.type")))
            .query(q -> q.bool(b -> b.filter(INDEXED)
                .filter(f -> f.nested(n -> n.path("enrichment.entities")
                    .query(nq -> nq.terms(t -> t.field("enrichment.entities.key").terms(v -> v.value(actors)))))))), Map.class);
        for (co.elastic.clients.elasticsearch.core.search.Hit<Map> hit : response.hits().hits()) {
          Map<String, Object> candidate = hit.source();
          if (!members.containsKey(hit.id()) && StoryMatcher.sameEvent(current, candidate)) {
            members.put(hit.id(), candidate);
            frontier.add(candidate);
          }
        }
      }
    } catch (IOException e) {
      throw unreachable(e);
    }
    String earliest = members.entrySet().stream()
        .min(java.util.Comparator.<Map.Entry<String, Map<String, Object>>, String>comparing(e -> String.valueOf(e.getValue().get("seen_at")))
            .thenComparing(Map.Entry::getKey))
        .orElseThrow().getKey();
    return new Story(earliest, List.copyOf(members.keySet()));
  }

  /**
   * Adds to each quotation of {@code doc}'s enrichment ({@code enrichment.quotes[].sources}) the number
   * of independent documents of {@code story} that report it, {@code doc} included (see
   * {@link Corroboration}). Returns {@code doc} unchanged if it has no quotations.
   */
  @SuppressWarnings("unchecked")
  public Map<String, Object> withCorroboration(Map<String, Object> doc, Story story, double duplicateThreshold) {
    if (!(doc.get("enrichment") instanceof Map<?, ?> enrichment) || !(enrichment.get("quotes") instanceof List<?> quotes)
        || quotes.isEmpty()) {
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
            .source(src -> src.filter(f -> f.includes("seen_at", "enrichment.quotes.text", "enrichment.minhash")))
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
          sources.add(new Corroboration.Source(hit.id(), texts,
              e.get("minhash") instanceof List<?> mh ? (List<Number>) mh : List.of()));
        }
      } catch (IOException e) {
        throw unreachable(e);
      }
    }
    List<String> texts = quotes.stream().map(q -> q instanceof Map<?, ?> m ? String.valueOf(m.get("text")) : "").toList();
    List<Number> minhash = enrichment.get("minhash") instanceof List<?> mh ? (List<Number>) mh : List.of();
    List<Integer> counts = Corroboration.count(texts, minhash, sources, duplicateThreshold);
    List<Map<String, Object>> counted = new ArrayList<>();
    for (int i = 0; i < quotes.size(); i++) {
      Map<String, Object> q = new java.util.LinkedHashMap<>((Map<String, Object>) quotes.get(i));
      q.put("sources", counts.get(i));
      counted.add(q);
    }
    Map<String, Object> newEnrichment = new java.util.LinkedHashMap<>((Map<String, Object>) enrichment);
    newEnrichment.put("quotes", counted);
    Map<String, Object> out = new java.util.LinkedHashMap<>(doc);
    out.put("enrichment", newEnrichment);
    return out;
  }

  private UncheckedIOException unreachable(IOException e) {
    return new UncheckedIOException("cannot reach Elasticsearch at " + config.urls() + ": " + e.getMessage(), e);
  }
}
