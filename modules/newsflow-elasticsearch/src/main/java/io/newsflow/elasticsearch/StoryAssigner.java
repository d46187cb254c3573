package io.newsflow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.FieldValue;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.SortOrder;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.MgetResponse;
import co.elastic.clients.elasticsearch.core.get.GetResult;
import co.elastic.clients.elasticsearch.core.mget.MultiGetResponseItem;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkOperation;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import io.newsflow.api.BatchStage;
import io.newsflow.api.Enrichment;
import io.newsflow.api.Entities;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.elasticsearch.internal.StoryBatch;
import io.newsflow.elasticsearch.internal.StoryClustering;
import io.newsflow.elasticsearch.internal.StoryClustering.Candidate;
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
 * document in one order; each decision reads the assignments made before it (earlier batches from the
 * index, which every batch's write refreshes; earlier documents of its own batch from memory, see
 * {@link StoryBatch}), so two reports of one event can never be decided without seeing each other.
 * See {@link StoryClustering} for the rule.
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
   * Assigns each enrichment's document to a story, in order, as if each decision were written before
   * the next is made: the batch is decided against one state of the index plus its own earlier
   * decisions ({@link StoryBatch}), then written in one bulk request and one refresh. If
   * Elasticsearch cannot be reached, the whole batch is {@link Outcome.Retryable}: nothing was
   * written before the bulk request, and deciding again is harmless.
   */
  @Override
  public List<Outcome<String>> apply(List<Enrichment> enrichments) {
    if (enrichments.isEmpty()) {
      return List.of();
    }
    try {
      return assign(enrichments);
    } catch (IOException | ElasticsearchException ex) {
      Outcome.Retryable<String> unavailable =
          new Outcome.Retryable<>("cannot assign a story in Elasticsearch at " + config.urls() + ": " + ex.getMessage(), ex);
      return java.util.Collections.nCopies(enrichments.size(), unavailable);
    }
  }

  /**
   * Assigns stories to {@code enrichments}, in this order, as the story stage would, but against an
   * in-memory store instead of the index (every earlier document is a candidate): for evaluations and
   * tests of the rule. Returns each document id's story id.
   */
  public static Map<String, String> assignInMemory(List<Enrichment> enrichments) {
    StoryBatch batch = new StoryBatch();
    for (Enrichment e : enrichments) {
      Instant seenAt = seenAt(e);
      batch.decide(e.id().value(), seenAt, StoryClustering.view(e.id().value(), seenAt, e.publishedDate(), entities(e)),
          Optional.empty(), List.of());
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (Enrichment e : enrichments) {
      out.putIfAbsent(e.id().value(), batch.storyOf(e.id().value()).id());
    }
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
  private List<Outcome<String>> assign(List<Enrichment> enrichments) throws IOException {
    List<String> ids = enrichments.stream().map(e -> e.id().value()).distinct().toList();
    MgetResponse<Map> owns = client.mget(m -> m.index(config.indexAlias()).ids(ids)
        .sourceIncludes("story.id", "story.head_seen_at", "story.revision"), Map.class);
    Map<String, Map<?, ?>> ownStory = new java.util.HashMap<>();
    for (MultiGetResponseItem<Map> item : owns.docs()) {
      if (item.isFailure()) {
        throw new IOException("reading the current story of " + item.failure().id() + ": " + item.failure().error().reason());
      }
      GetResult<Map> got = item.result();
      if (got.found() && got.source() != null && got.source().get("story") instanceof Map<?, ?> story && story.get("id") != null) {
        ownStory.put(got.id(), story);
      }
    }

    StoryBatch batch = new StoryBatch();
    Map<String, Map<String, Object>> storyFields = new LinkedHashMap<>();
    String[] skipped = new String[enrichments.size()];
    java.util.Set<String> mergers = new java.util.HashSet<>(); // documents whose decision merged stories
    for (int i = 0; i < enrichments.size(); i++) {
      Enrichment e = enrichments.get(i);
      String id = e.id().value();
      Map<?, ?> own = ownStory.get(id);
      if (own != null && own.get("revision") instanceof Number r && r.longValue() > e.revision()) {
        skipped[i] = String.valueOf(own.get("id")); // a newer revision was assigned already
        continue;
      }
      Optional<Head> current = own == null ? Optional.empty()
          : Optional.of(new Head(String.valueOf(own.get("id")), Instant.parse(String.valueOf(own.get("head_seen_at")))));
      Instant seenAt = seenAt(e);
      List<Map<String, Object>> entities = entities(e);
      Map<String, Object> self = StoryClustering.view(id, seenAt, e.publishedDate(), entities);
      if (!batch.decide(id, seenAt, self, current, candidates(id, self, seenAt, e.publishedDate())).absorbed().isEmpty()) {
        mergers.add(id);
      }

      Map<String, Object> story = new LinkedHashMap<>();
      story.put("seen_at", seenAt.toString());
      story.put("published_date", e.publishedDate());
      story.put("revision", e.revision());
      story.put("entities", entities);
      storyFields.put(id, story);
    }

    // One update per decided document, with the story it ends the batch in; then the documents
    // already in the index whose stories this batch merged into others are renamed.
    List<BulkOperation> ops = new ArrayList<>();
    List<String> opOwner = new ArrayList<>(); // the decided document each operation is written for
    String assignedAt = Instant.now().toString();
    for (String id : batch.decidedIds()) {
      Head head = batch.storyOf(id);
      Map<String, Object> story = new LinkedHashMap<>();
      story.put("id", head.id());
      story.put("head_seen_at", head.seenAt().toString());
      story.putAll(storyFields.get(id));
      story.put("assigned_at", assignedAt);
      ops.add(storyUpdate(id, Map.of("story", story), true));
      opOwner.add(id);
    }
    if (!batch.mergedStoryIds().isEmpty()) {
      List<FieldValue> merged = batch.mergedStoryIds().stream().map(FieldValue::of).toList();
      SearchResponse<Map> members = client.search(s -> s.index(config.indexAlias()).size(MAX_RENAMED)
          .source(src -> src.filter(f -> f.includes("story.id", "story.head_seen_at")))
          .query(q -> q.terms(t -> t.field("story.id").terms(v -> v.value(merged)))), Map.class);
      for (var hit : members.hits().hits()) {
        if (batch.decidedIds().contains(hit.id()) || !(hit.source().get("story") instanceof Map<?, ?> story)) {
          continue;
        }
        Head head = batch.resolve(new Head(String.valueOf(story.get("id")), Instant.parse(String.valueOf(story.get("head_seen_at")))));
        ops.add(storyUpdate(hit.id(), Map.of("story", Map.of("id", head.id(), "head_seen_at", head.seenAt().toString())), false));
        opOwner.add(null);
      }
    }

    // refresh=true: the next batch's decisions, made right after, must see these.
    BulkResponse response = client.bulk(b -> b.index(config.indexAlias()).refresh(Refresh.True).operations(ops));
    Map<String, Outcome<String>> failed = new java.util.HashMap<>();
    Outcome<String> renameFailed = null;
    List<BulkResponseItem> items = response.items();
    for (int k = 0; k < items.size(); k++) {
      BulkResponseItem item = items.get(k);
      if (item.error() == null) {
        continue;
      }
      Outcome<String> outcome = DocumentIndexer.isRetryable(item.status())
          ? new Outcome.Retryable<>("Elasticsearch answered " + item.status() + ": " + item.error().reason(), null)
          : new Outcome.Rejected<>(FailureReason.REJECTED_BY_INDEX, "Elasticsearch refused the story of " + item.id()
              + " (" + item.status() + " " + item.error().type() + "): " + item.error().reason(), item.error().type());
      if (opOwner.get(k) != null) {
        failed.put(opOwner.get(k), outcome);
      } else if (renameFailed == null || outcome instanceof Outcome.Retryable) {
        renameFailed = outcome;
      }
    }
    if (renameFailed instanceof Outcome.Retryable) {
      // A member of a merged story kept its old name: deciding the batch again renames it.
      return java.util.Collections.nCopies(enrichments.size(), renameFailed);
    }

    List<Outcome<String>> outcomes = new ArrayList<>(enrichments.size());
    for (int i = 0; i < enrichments.size(); i++) {
      String id = enrichments.get(i).id().value();
      if (skipped[i] != null) {
        outcomes.add(Outcome.success(skipped[i]));
      } else if (failed.containsKey(id)) {
        outcomes.add(failed.get(id));
      } else if (renameFailed != null && mergers.contains(id)) {
        outcomes.add(renameFailed); // a refused rename: recorded against the documents that merged stories
      } else {
        outcomes.add(Outcome.success(batch.storyOf(id).id()));
      }
    }
    return outcomes;
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
