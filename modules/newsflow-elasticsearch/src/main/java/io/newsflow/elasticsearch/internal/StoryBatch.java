package io.newsflow.elasticsearch.internal;

import io.newsflow.elasticsearch.internal.StoryClustering.Candidate;
import io.newsflow.elasticsearch.internal.StoryClustering.Decision;
import io.newsflow.elasticsearch.internal.StoryClustering.Head;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the stories of several documents, one after the other, as if each decision had been
 * written and refreshed before the next: a later document sees the earlier ones of the batch as
 * candidates, and a story merged into another earlier in the batch is read under its new name
 * wherever it turns up (a candidate read from the index, or a document's current story), although
 * the index has not been written yet. Pure and not thread-safe; one instance per batch.
 *
 * <p>The story stage thereby decides a whole batch against one state of the index and writes it in
 * one bulk request with one refresh, instead of one refresh per document.
 */
public final class StoryBatch {

  /** What the batch decided for one document: its story and its features for the next decisions. */
  private record Decided(Head story, Map<String, Object> view) {}

  private final Map<String, Decided> decided = new LinkedHashMap<>();
  /** Story id -> the story it was merged into, by a decision of this batch. */
  private final Map<String, Head> mergedInto = new LinkedHashMap<>();

  /**
   * Decides document {@code docId}'s story.
   *
   * @param self its features ({@link StoryClustering#view})
   * @param current the story the index says it belongs to, if any (ignored when the batch decided it already)
   * @param fromIndex candidates read from the index; those this batch decided are replaced by the batch's view
   */
  public Decision decide(String docId, Instant seenAt, Map<String, Object> self, Optional<Head> current,
      Collection<Candidate> fromIndex) {
    Decided before = decided.get(docId);
    Optional<Head> own = before != null ? Optional.of(resolve(before.story())) : current.map(this::resolve);
    List<Candidate> candidates = new ArrayList<>(fromIndex.size() + decided.size());
    for (Candidate c : fromIndex) {
      if (!decided.containsKey(c.docId())) {
        candidates.add(new Candidate(c.docId(), resolve(c.story()), c.view()));
      }
    }
    decided.forEach((id, d) -> candidates.add(new Candidate(id, resolve(d.story()), d.view())));
    Decision decision = StoryClustering.decide(docId, seenAt, self, own, candidates);
    for (String absorbed : decision.absorbed()) {
      mergedInto.put(absorbed, decision.story());
    }
    decided.remove(docId); // keep the order of last decision: a redecided document moves to the end
    decided.put(docId, new Decided(decision.story(), self));
    return decision;
  }

  /** Returns the story {@code docId} ends the batch in (later merges applied), or {@code null} if not decided here. */
  public Head storyOf(String docId) {
    Decided d = decided.get(docId);
    return d == null ? null : resolve(d.story());
  }

  /** Returns the ids of the documents decided here, in the order of their last decision. */
  public Set<String> decidedIds() {
    return decided.keySet();
  }

  /** Returns the ids of the stories merged into others by this batch: their other members must be renamed. */
  public Set<String> mergedStoryIds() {
    return mergedInto.keySet();
  }

  /** Returns the story {@code story} is known as after this batch's merges. */
  public Head resolve(Head story) {
    Head h = story;
    // Merges always go to an older story (StoryClustering names a story after its earliest member),
    // so the chain ends; the bound only guards against a malformed index entry.
    for (int i = 0; i <= mergedInto.size() && mergedInto.containsKey(h.id()); i++) {
      Head next = mergedInto.get(h.id());
      if (next.id().equals(h.id())) {
        break;
      }
      h = next;
    }
    return h;
  }
}
