package io.newsflow.ingest;

import io.newsflow.api.DocumentId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Reconciles an import job: every item its journal names is matched against what the index holds
 * now and against the dead letters of later stages, and lands in exactly one class, so that
 * {@code seen = indexed + unchanged + duplicates + failed + missing}. {@code missing} is what was
 * published but is not (yet) in the index and has no dead letter: zero once the pipeline has caught
 * up, otherwise a loss to retry.
 *
 * @param jobId the job
 * @param finished whether the job's last run ended without being interrupted
 * @param seen items with an outcome in the journal
 * @param indexed items whose document the index holds in the published revision (or newer)
 * @param unchanged items skipped as unchanged whose document the index still holds
 * @param duplicates items whose bytes repeat an indexed document
 * @param failed items that failed to be read, extracted, enriched or indexed
 * @param missing items published, unchanged or duplicated whose document the index lacks
 * @param byFormat per format: counts per class
 * @param failures per failure reason code: count
 * @param problems every failed and missing item
 */
public record ImportReport(String jobId, boolean finished, long seen, long indexed, long unchanged, long duplicates,
    long failed, long missing, Map<String, Map<String, Long>> byFormat, Map<String, Long> failures, List<Item> problems) {

  /** Classes an item lands in; the report's counts are per class. */
  public static final List<String> CLASSES = List.of("indexed", "unchanged", "duplicate", "failed", "missing");

  /**
   * One item, reconciled.
   *
   * @param status one of {@link #CLASSES}
   * @param id the document id that holds it (for a duplicate: its own id, not indexed)
   * @param duplicateOf for a duplicate: the id of the indexed document with the same bytes
   * @param reason for a failed item: the reason code; for a missing one: {@code not-indexed}
   * @param stage for a failed item: the stage that failed it
   */
  public record Item(String item, String format, String status, String id, String duplicateOf, String reason,
      String stage, String message) {}

  /** Where an indexed document stands: its revision. */
  @FunctionalInterface
  public interface IndexLookup {
    /** Returns the indexed revision of each of {@code ids} that the index holds. */
    Map<DocumentId, Long> revisions(List<DocumentId> ids);
  }

  /** A later stage's dead letter for a document of this job. */
  public record LaterFailure(long revision, String stage, String reason, String message) {}

  /**
   * Reconciles {@code entries} (the journal's last entry per item, in any order).
   *
   * @param laterFailures dead letters of the enrich and index stages for this job, by document id
   * @param each receives every reconciled item, in journal order (for a full listing); may be null
   */
  public static ImportReport reconcile(String jobId, boolean finished, Iterable<JournalEntry> entries, IndexLookup index,
      Map<DocumentId, LaterFailure> laterFailures, Consumer<Item> each) {
    long[] counts = new long[CLASSES.size()];
    Map<String, Map<String, Long>> byFormat = new TreeMap<>();
    Map<String, Long> failures = new TreeMap<>();
    List<Item> problems = new ArrayList<>();
    List<JournalEntry> chunk = new ArrayList<>(1000);
    Runnable flush = () -> {
      List<DocumentId> ids = new ArrayList<>();
      for (JournalEntry e : chunk) {
        String id = e.outcome() == JournalEntry.Outcome.DUPLICATE ? e.duplicateOf() : e.id();
        if (e.outcome() != JournalEntry.Outcome.FAILED && id != null) {
          ids.add(new DocumentId(id));
        }
      }
      Map<DocumentId, Long> revisions = ids.isEmpty() ? Map.of() : index.revisions(ids);
      for (JournalEntry e : chunk) {
        Item item = classify(e, revisions, laterFailures);
        counts[CLASSES.indexOf(item.status())]++;
        byFormat.computeIfAbsent(item.format(), f -> new LinkedHashMap<>()).merge(item.status(), 1L, Long::sum);
        if (item.status().equals("failed")) {
          failures.merge(item.reason(), 1L, Long::sum);
        }
        if (item.status().equals("failed") || item.status().equals("missing")) {
          problems.add(item);
        }
        if (each != null) {
          each.accept(item);
        }
      }
      chunk.clear();
    };
    for (JournalEntry e : entries) {
      chunk.add(e);
      if (chunk.size() == 1000) {
        flush.run();
      }
    }
    flush.run();
    long seen = 0;
    for (long c : counts) {
      seen += c;
    }
    return new ImportReport(jobId, finished, seen, counts[0], counts[1], counts[2], counts[3], counts[4], byFormat,
        failures, problems);
  }

  private static Item classify(JournalEntry e, Map<DocumentId, Long> revisions, Map<DocumentId, LaterFailure> later) {
    String format = e.format() == null ? "(none)" : e.format();
    switch (e.outcome()) {
      case FAILED:
        return new Item(e.item(), format, "failed", e.id(), null, e.reason(), "ingest", e.message());
      case DUPLICATE:
        if (e.duplicateOf() != null && revisions.containsKey(new DocumentId(e.duplicateOf()))) {
          return new Item(e.item(), format, "duplicate", e.id(), e.duplicateOf(), null, null, null);
        }
        return new Item(e.item(), format, "missing", e.id(), e.duplicateOf(), "not-indexed", null,
            "the document it duplicates is not in the index");
      default:
        DocumentId id = new DocumentId(e.id());
        Long indexed = revisions.get(id);
        String status = e.outcome() == JournalEntry.Outcome.UNCHANGED ? "unchanged" : "indexed";
        if (indexed != null && indexed >= e.revision()) {
          return new Item(e.item(), format, status, e.id(), null, null, null, null);
        }
        LaterFailure failure = later.get(id);
        if (failure != null && failure.revision() >= e.revision()) {
          return new Item(e.item(), format, "failed", e.id(), null, failure.reason(), failure.stage(), failure.message());
        }
        return new Item(e.item(), format, "missing", e.id(), null, "not-indexed", null,
            indexed == null ? "not in the index" : "the index holds an older revision");
    }
  }

  /** Tells whether anything failed or is missing. */
  public boolean complete() {
    return failed == 0 && missing == 0;
  }

  /** Returns the last journal entry per item, in first-seen order. */
  public static Map<String, JournalEntry> lastPerItem(JobStore store, String jobId) {
    Map<String, JournalEntry> last = new LinkedHashMap<>();
    store.read(jobId, e -> last.put(e.item(), e));
    return last;
  }
}
