package io.newsflow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.newsflow.api.BatchStage;
import io.newsflow.api.Enrichment;
import io.newsflow.api.Entities;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.elasticsearch.internal.StoryClustering;
import io.newsflow.elasticsearch.internal.StoryClustering.Candidate;
import io.newsflow.elasticsearch.internal.StoryClustering.Decision;
import io.newsflow.elasticsearch.internal.StoryClustering.Head;
import io.newsflow.elasticsearch.internal.StoryMatcher;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The story stage: gives each enriched document a story id, stored in the article index under
 * {@code story} ({@code story.id} and the features the next documents are compared with). Runs as the
 * one consumer of a single-partition topic, so it is the only writer of story ids and sees every
 * document in one order; each decision reads the assignments written before it (every write is
 * refreshed before the next document is decided), so two reports of one event can never be decided
 * in parallel without seeing each other. See {@link StoryClustering} for the rule.
 *
 * <p>A redelivered document (a restart after a crash) is decided again from the index and lands in the
 * same story: assigning is idempotent. A document whose article is not indexed yet gets a stub that
 * the index stage fills in (stubs are invisible to searches). Not thread-safe: one instance per runner.
 * Does not own the client.
 */
public final class StoryAssigner implements BatchStage<Enrichment, String> {

  /** Candidates read per document: the most recent assigned documents sharing one of its actors. */
  private static final int MAX_CANDIDATES = 500;
  /** A merge renames at most this many documents of the absorbed stories. */
  private static final int MAX_RENAMED = 10_000;

  private final ElasticsearchClient client;
  private final ElasticsearchConfig config;

  public StoryAssigner(ElasticsearchClient client, ElasticsearchConfig config) {
    this.client = client;
    this.config = config;
  }

  /**
   * Assigns each enrichment's document to a story, one after the other. If Elasticsearch cannot be
   * reached, the rest of the batch is {@link Outcome.Retryable}; deciding again is harmless.
   */
  @Override
  public List<Outcome<String>> apply(List<Enrichment> enrichments) {
    List<Outcome<String>> outcomes = new ArrayList<>(enrichments.size());
    Outcome.Retryable<String> unavailable = null;
    for (Enrichment e : enrichments) {
      if (unavailable != null) {
        outcomes.add(unavailable); // keep the order: later documents wait for the earlier ones
        continue;
      }
      try {
        Outcome<String> outcome = assign(e);
        unavailable = outcome instanceof Outcome.Retryable<String> r ? r : null;
        outcomes.add(outcome);
      } catch (IOException | ElasticsearchException ex) {
        unavailable = new Outcome.Retryable<>("cannot assign a story in Elasticsearch at " + config.urls() + ": " + ex.getMessage(), ex);
        outcomes.add(unavailable);
      }
    }
    return outcomes;
  }

  /**
   * Assigns stories to {@code enrichments}, in this order, as the story stage would, but against an
   * in-memory store instead of the index (every earlier document is a candidate): for evaluations and
   * tests of the rule. Returns each document id's story id.
   */
  public static Map<String, String> assignInMemory(List<Enrichment> enrichments) {
    Map<String, Head> stories = new LinkedHashMap<>();
    Map<String, Map<String, Object>> views = new java.util.HashMap<>();
    for (Enrichment e : enrichments) {
      String id = e.id().value();
      Instant seenAt = seenAt(e);
      Map<String, Object> self = StoryClustering.view(id, seenAt, e.publishedDate(), entities(e));
      List<Candidate> candidates = new ArrayList<>();
      stories.forEach((other, head) -> candidates.add(new Candidate(other, head, views.get(other))));
      Decision decision = StoryClustering.decide(id, seenAt, self, Optional.ofNullable(stories.get(id)), candidates);
      stories.replaceAll((other, head) -> decision.absorbed().contains(head.id()) ? decision.story() : head);
      stories.put(id, decision.story());
      views.put(id, self);
    }
    Map<String, String> out = new LinkedHashMap<>();
    stories.forEach((id, head) -> out.put(id, head.id()));
    return out;
  }

  private static Instant seenAt(Enrichment e) {
    return e.seenAt() != null ? e.seenAt() : e.enrichedAt();
  }

  /** Returns the entities the rule compares (persons, organisations, places) as {@code key}/{@code type} maps. */
  private static List<Map<String, Object>> entities(Enrichment e) {
    List<Map<String, Object>> entities = new ArrayList<>();
    for (Entities.Entity entity : e.entities()) {
      if (entity.type() != Entities.Type.MISC) {
        entities.add(Map.of("key", entity.key(), "type", entity.type().code()));
      }
    }
    return entities;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Outcome<String> assign(Enrichment e) throws IOException {
    String id = e.id().value();
    Instant seenAt = seenAt(e);
    List<Map<String, Object>> entities = entities(e);
    Map<String, Object> self = StoryClustering.view(id, seenAt, e.publishedDate(), entities);

    GetResponse<Map> own = client.get(g -> g.index(config.indexAlias()).id(id).sourceIncludes("story.id", "story.head_seen_at",
        "story.revision"), Map.class);
    Optional<Head> current = Optional.empty();
    if (own.found() && own.source() != null && own.source().get("story") instanceof Map<?, ?> story && story.get("id") != null) {
      if (story.get("revision") instanceof Number r && r.longValue() > e.revision()) {
        return Outcome.success(String.valueOf(story.get("id"))); // a newer revision was assigned already
      }
      current = Optional.of(new Head(String.valueOf(story.get("id")), Instant.parse(String.valueOf(story.get("head_seen_at")))));
    }

    List<Candidate> candidates = candidates(id, self, seenAt, e.publishedDate());
    Decision decision = StoryClustering.decide(id, seenAt, self, current, candidates);

    Map<String, Object> story = new LinkedHashMap<>();
    story.put("id", decision.story().id());
    story.put("head_seen_at", decision.story().seenAt().toString());
    story.put("seen_at", seenAt.toString());
    story.put("published_date", e.publishedDate());
    story.put("revision", e.revision());
    story.put("entities", entities);
    story.put("assigned_at", Instant.now().toString());
    List<BulkOperation> ops = new ArrayList<>();
    ops.add(storyUpdate(id, Map.of("story", story), true));
    if (!decision.absorbed().isEmpty()) {
      List<FieldValue> absorbed = decision.absorbed().stream().map(FieldValue::of).toList();
      SearchResponse<Map> members = client.search(s -> s.index(config.indexAlias()).size(MAX_RENAMED).source(src -> src.fetch(false))
          .query(q -> q.terms(t -> t.field("story.id").terms(v -> v.value(absorbed)))), Map.class);
      Map<String, Object> rename = Map.of("story", Map.of("id", decision.story().id(), "head_seen_at", decision.story().seenAt().toString()));
      for (var hit : members.hits().hits()) {
        if (!hit.id().equals(id)) {
          ops.add(storyUpdate(hit.id(), rename, false));
        }
      }
    }
    // refresh=true: the next decision, made right after, must see this one.
    BulkResponse response = client.bulk(b -> b.index(config.indexAlias()).refresh(Refresh.True).operations(ops));
    for (BulkResponseItem item : response.items()) {
      if (item.error() != null) {
        if (DocumentIndexer.isRetryable(item.status())) {
          return new Outcome.Retryable<>("Elasticsearch answered " + item.status() + ": " + item.error().reason(), null);
        }
        return new Outcome.Rejected<>(FailureReason.REJECTED_BY_INDEX, "Elasticsearch refused the story of " + item.id()
            + " (" + item.status() + " " + item.error().type() + "): " + item.error().reason(), item.error().type());
      }
    }
    return Outcome.success(decision.story().id());
  }

  private BulkOperation storyUpdate(String id, Map<String, Object> partial, boolean upsert) {
    Map<String, Object> stub = new LinkedHashMap<>();
    stub.put("id", id);
    stub.putAll(partial);
    // Partial updates without a sequence number: only this stage writes story fields, and the index
    // stage re-reads and keeps them when its own conditional write conflicts with this one.
    return BulkOperation.of(b -> b.update(u -> u.index(config.indexAlias()).id(id).retryOnConflict(10)
        .action(a -> upsert ? a.doc(partial).upsert(stub) : a.doc(partial))));
  }

  /**
   * Reads assigned documents sharing a person or organisation with {@code self} whose dates could be
   * within {@link StoryMatcher#WINDOW} of its own; {@link StoryMatcher#sameEvent} decides.
   */
  @SuppressWarnings({"unchecked", "rawtypes"})
  private List<Candidate> candidates(String id, Map<String, Object> self, Instant seenAt, String publishedDate) throws IOException {
    List<FieldValue> actors = StoryMatcher.weightedKeys(self).entrySet().stream()
        .filter(k -> k.getValue() >= 2).map(k -> FieldValue.of(k.getKey())).toList();
    if (actors.isEmpty()) {
      return List.of();
    }
    long days = StoryMatcher.WINDOW.toDays();
    LocalDate seenDay = LocalDate.ofInstant(seenAt, ZoneOffset.UTC);
    String seenFrom = seenDay.minusDays(days).toString();
    String seenTo = seenDay.plusDays(days + 1).toString();
    SearchResponse<Map> response = client.search(s -> s
        .index(config.indexAlias())
        .size(MAX_CANDIDATES)
        .source(src -> src.filter(f -> f.includes("story")))
        .sort(o -> o.field(f -> f.field("story.seen_at").order(SortOrder.Desc)))
        .query(q -> q.bool(b -> {
          b.filter(f -> f.exists(x -> x.field("story.id")))
              .filter(f -> f.terms(t -> t.field("story.entities.key").terms(v -> v.value(actors))))
              .mustNot(n -> n.ids(i -> i.values(id)))
              .minimumShouldMatch("1")
              .should(sh -> sh.range(r -> r.date(d -> d.field("story.seen_at").gte(seenFrom).lt(seenTo))));
          if (publishedDate != null) {
            LocalDate p = LocalDate.parse(publishedDate);
            b.should(sh -> sh.range(r -> r.date(d -> d.field("story.published_date")
                .gte(p.minusDays(days).toString()).lte(p.plusDays(days).toString()))));
          }
          return b;
        })), Map.class);
    List<Candidate> out = new ArrayList<>();
    for (var hit : response.hits().hits()) {
      if (!(hit.source().get("story") instanceof Map<?, ?> story) || story.get("id") == null || story.get("seen_at") == null) {
        continue;
      }
      List<Map<String, Object>> entities = story.get("entities") instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
      Instant otherSeen = Instant.parse(String.valueOf(story.get("seen_at")));
      out.add(new Candidate(hit.id(),
          new Head(String.valueOf(story.get("id")), Instant.parse(String.valueOf(story.get("head_seen_at")))),
          StoryClustering.view(hit.id(), otherSeen, story.get("published_date") == null ? null : String.valueOf(story.get("published_date")), entities)));
    }
    return out;
  }
}
