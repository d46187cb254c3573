package io.newsflow.elasticsearch.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which story a newly enriched document joins, given the documents already assigned. Pure
 * and thread-safe, so the rule is tested without a cluster; {@code StoryAssigner} reads the
 * candidates and writes the decision.
 *
 * <p>The stories are the connected components of {@link StoryMatcher#sameEvent} (single link): a
 * document joins every story one of whose members reports the same event, and when it matches
 * members of several stories it joins them into one. A story is named after its earliest document
 * (by {@code seen_at}, then id), so the ids are those of the components whatever order the
 * documents arrive in: the same event never becomes two stories because its articles were enriched
 * by different workers or partitions.
 */
public final class StoryClustering {

  private StoryClustering() {}

  /** Names a story by its id and when its earliest document was first seen; orders stories by age. */
  public record Head(String id, Instant seenAt) implements Comparable<Head> {
    private static final Comparator<Head> ORDER = Comparator.comparing(Head::seenAt).thenComparing(Head::id);

    @Override
    public int compareTo(Head other) {
      return ORDER.compare(this, other);
    }
  }

  /**
   * An already assigned document.
   *
   * @param docId its document id
   * @param story the story it belongs to now
   * @param view its features in the shape {@link StoryMatcher} reads ({@link #view})
   */
  public record Candidate(String docId, Head story, Map<String, Object> view) {}

  /**
   * The story a document joins.
   *
   * @param story the story's id and age, possibly the document's own id
   * @param absorbed ids of other stories now merged into {@code story}: their members must be renamed
   */
  public record Decision(Head story, Set<String> absorbed) {}

  /**
   * Returns a document's features in the shape {@link StoryMatcher} reads.
   *
   * @param entities the document's entities as maps with {@code key} and {@code type}
   * @param publishedDate ISO date or {@code null}
   */
  public static Map<String, Object> view(String docId, Instant seenAt, String publishedDate, List<Map<String, Object>> entities) {
    Map<String, Object> enrichment = new LinkedHashMap<>();
    enrichment.put("entities", entities);
    if (publishedDate != null) {
      enrichment.put("published_date", publishedDate);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("id", docId);
    view.put("seen_at", seenAt.toString());
    view.put("enrichment", enrichment);
    return view;
  }

  /**
   * Decides the story of document {@code docId}, first seen at {@code seenAt}.
   *
   * @param self the document's features ({@link #view})
   * @param current the story it was assigned before (a redelivery or re-enrichment), if any: it stays in it
   * @param candidates assigned documents that may report the same event; the document itself is ignored
   */
  public static Decision decide(String docId, Instant seenAt, Map<String, Object> self, Optional<Head> current,
      List<Candidate> candidates) {
    List<Head> joined = new ArrayList<>();
    joined.add(new Head(docId, seenAt));
    current.ifPresent(joined::add);
    for (Candidate c : candidates) {
      if (!c.docId().equals(docId) && StoryMatcher.sameEvent(self, c.view())) {
        joined.add(c.story());
      }
    }
    Head head = joined.stream().min(Comparator.naturalOrder()).orElseThrow();
    Set<String> absorbed = new LinkedHashSet<>();
    for (Head h : joined) {
      // The document's own id names a story only if it headed one before (then it may have members).
      boolean ownUnused = h.id().equals(docId) && current.map(c -> !c.id().equals(docId)).orElse(true);
      if (!h.id().equals(head.id()) && !ownUnused) {
        absorbed.add(h.id());
      }
    }
    return new Decision(head, absorbed);
  }
}
