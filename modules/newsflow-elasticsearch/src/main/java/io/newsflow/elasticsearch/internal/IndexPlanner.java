package io.newsflow.elasticsearch.internal;

import io.newsflow.api.Enrichment;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.IndexOperation;
import io.newsflow.api.IndexResult;
import io.newsflow.api.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Decides what to write for one operation, given what the index holds now. Pure: no I/O, so every
 * ordering race between extracted documents and enrichments can be tested without a cluster. The
 * writes it plans are conditional on the sequence number it read, so a concurrent writer makes them
 * fail with a conflict, and the indexer plans again.
 *
 * <p>The rules:
 * <ul>
 *   <li>An extracted document older than the indexed one is stale and skipped; the same revision
 *       with the same content is unchanged and skipped.
 *   <li>A newer extracted document replaces the indexed one. It keeps the indexed enrichment only if
 *       that enrichment was computed from this very revision (the enrichment won the race).
 *   <li>An enrichment is applied as a partial update unless the indexed document or its enrichment
 *       is newer. If the document is not indexed yet, the enrichment is stored alone as a stub that
 *       the extracted document fills in (stubs have no {@code revision} field, and queries skip them).
 *   <li>The {@code story} object belongs to the story stage and survives every write planned here.
 * </ul>
 */
public final class IndexPlanner {

  private IndexPlanner() {}

  /**
   * Describes the indexed document as read before planning.
   *
   * @param exists whether a document with this id exists (a stub counts)
   * @param revision its extracted revision, or {@code null} for a stub
   * @param sha256 its source hash, or {@code null} for a stub
   * @param enrichment its enrichment object as stored, or {@code null}
   * @param seqNo sequence number read, for the conditional write
   * @param primaryTerm primary term read, for the conditional write
   * @param story the story stage's {@code story} object, or {@code null}: a replaced document keeps it
   */
  public record Current(boolean exists, Long revision, String sha256, Map<String, Object> enrichment, long seqNo, long primaryTerm,
      Map<String, Object> story) {
    public static final Current ABSENT = new Current(false, null, null, null, -1, -1, null);

    public Current(boolean exists, Long revision, String sha256, Map<String, Object> enrichment, long seqNo, long primaryTerm) {
      this(exists, revision, sha256, enrichment, seqNo, primaryTerm, null);
    }

    Long enrichmentRevision() {
      return enrichment == null || !(enrichment.get("revision") instanceof Number n) ? null : n.longValue();
    }
  }

  /** Tells what to write. */
  public sealed interface Action {
    IndexResult result();
  }

  /**
   * Writes a whole document: a create when {@code current} did not exist, else a conditional replace.
   *
   * @param extracted the extracted document whose fields (all but {@code language}, which the index calls
   *     {@code declared_language}) come first, or {@code null} for an enrichment's stub
   * @param added the fields the index adds after them, in this order ({@code declared_language}, {@code indexed_at},
   *     {@code seen_to_indexed_ms}, {@code enrichment}, {@code language}, {@code story}); a stub's whole document
   */
  public record Write(ExtractedDocument extracted, Map<String, Object> added, boolean create, long seqNo, long primaryTerm,
      IndexResult result) implements Action {

    /** Returns the whole document to index: {@code extracted}'s fields, then {@code added}. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> document() {
      if (extracted == null) {
        return added;
      }
      Map<String, Object> map = Json.mapper().convertValue(extracted, LinkedHashMap.class);
      map.remove("language");
      map.putAll(added);
      return map;
    }
  }

  /** Merges {@code partial} into the document, conditionally on the sequence number read. */
  public record Update(Map<String, Object> partial, long seqNo, long primaryTerm, IndexResult result) implements Action {}

  /** Writes nothing. */
  public record Skip(IndexResult result) implements Action {}

  public static Action plan(Current current, IndexOperation operation, Instant now) {
    Objects.requireNonNull(current, "current");
    if (operation instanceof IndexOperation.Extracted e) {
      return planExtracted(current, e.document(), now);
    }
    return planEnrichment(current, ((IndexOperation.Enriched) operation).enrichment(), now);
  }

  private static Action planExtracted(Current current, ExtractedDocument doc, Instant now) {
    if (!current.exists()) {
      return new Write(doc, added(doc, null, now), true, -1, -1, IndexResult.INDEXED);
    }
    if (current.revision() != null) {
      if (current.revision() > doc.revision()) {
        return new Skip(IndexResult.STALE);
      }
      if (current.revision() == doc.revision() && doc.source().sha256().equals(current.sha256())) {
        return new Skip(IndexResult.UNCHANGED);
      }
    }
    Map<String, Object> keep = matches(current.enrichment(), doc.revision(), doc.source().sha256()) ? current.enrichment() : null;
    Map<String, Object> added = added(doc, keep, now);
    if (current.story() != null) {
      // Only the story stage writes it; a new revision is re-enriched and its story decided again.
      added.put("story", current.story());
    }
    return new Write(doc, added, false, current.seqNo(), current.primaryTerm(), IndexResult.INDEXED);
  }

  private static Action planEnrichment(Current current, Enrichment enrichment, Instant now) {
    Map<String, Object> stored = enrichment(enrichment, now);
    if (!current.exists()) {
      Map<String, Object> stub = new LinkedHashMap<>();
      stub.put("id", enrichment.id().value());
      putLanguage(stub, stored, null);
      stub.put("enrichment", stored);
      return new Write(null, stub, true, -1, -1, IndexResult.ENRICHED);
    }
    if (current.revision() != null && current.revision() > enrichment.revision()) {
      return new Skip(IndexResult.STALE);
    }
    if (current.revision() != null && current.revision() == enrichment.revision()
        && enrichment.sha256() != null && !enrichment.sha256().equals(current.sha256())) {
      return new Skip(IndexResult.STALE); // same timestamp, other content: computed from another version
    }
    Long enrichedRevision = current.enrichmentRevision();
    if (enrichedRevision != null && enrichedRevision > enrichment.revision()) {
      return new Skip(IndexResult.STALE);
    }
    Map<String, Object> partial = new LinkedHashMap<>();
    partial.put("enrichment", stored);
    if (enrichment.language() != null) {
      partial.put("language", enrichment.language());
    }
    return new Update(partial, current.seqNo(), current.primaryTerm(), IndexResult.ENRICHED);
  }

  private static boolean matches(Map<String, Object> enrichment, long revision, String sha256) {
    if (enrichment == null || !(enrichment.get("revision") instanceof Number n) || n.longValue() != revision) {
      return false;
    }
    Object sha = enrichment.get("sha256");
    return sha == null || sha.equals(sha256);
  }

  /**
   * Returns the fields the index adds to an extracted document's own (see {@link Write}), with {@code enrichment} merged
   * in if given.
   */
  static Map<String, Object> added(ExtractedDocument doc, Map<String, Object> enrichment, Instant now) {
    Map<String, Object> map = new LinkedHashMap<>();
    String declared = doc.language();
    if (declared != null) {
      map.put("declared_language", declared);
    }
    map.put("indexed_at", now.toString());
    // End-to-end latency as a number, so the dashboard's percentiles are one aggregation, no script.
    if (doc.seenAt() != null) {
      map.put("seen_to_indexed_ms", Math.max(0, now.toEpochMilli() - doc.seenAt().toEpochMilli()));
    }
    if (enrichment != null) {
      map.put("enrichment", enrichment);
    }
    putLanguage(map, enrichment, declared);
    return map;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> enrichment(Enrichment enrichment, Instant now) {
    Map<String, Object> map = Json.mapper().convertValue(enrichment, LinkedHashMap.class);
    map.remove("id");
    map.remove("schema_version");
    map.remove("seen_at");
    map.put("indexed_at", now.toString());
    if (enrichment.seenAt() != null) {
      map.put("seen_to_indexed_ms", Math.max(0, now.toEpochMilli() - enrichment.seenAt().toEpochMilli()));
    }
    return map;
  }

  /** Sets the best known language: the detected one, else the one the file declared. */
  private static void putLanguage(Map<String, Object> target, Map<String, Object> enrichment, Object declared) {
    Object detected = enrichment == null ? null : enrichment.get("language");
    Object language = detected != null ? detected : declared;
    if (language != null) {
      target.put("language", language);
    }
  }
}
