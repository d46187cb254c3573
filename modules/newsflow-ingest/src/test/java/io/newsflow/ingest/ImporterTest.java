package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.DeadLetter;
import io.newsflow.api.DocumentId;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Extraction;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Json;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import io.newsflow.kafka.DocumentPublisher;
import io.newsflow.kafka.KafkaConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The importer's bookkeeping, with an in-memory producer; the real pipeline is tested in the CLI's ITs. */
class ImporterTest {

  private static final KafkaConfig CONFIG = new KafkaConfig("localhost:9092", "t.", 1, (short) 1, Map.of());

  /** Extracts a file as its own text, refusing files named bad*. */
  private static Outcome<Extraction> fakeExtract(SourceFile f) {
    if (f.path().getFileName().toString().startsWith("bad")) {
      return Outcome.rejected(FailureReason.CORRUPT, "cannot parse");
    }
    try {
      String text = Files.readString(f.path());
      ExtractedDocument doc = new ExtractedDocument(1, "test", f.id(), f.modified().toEpochMilli(),
          new ExtractedDocument.Source(f.uri().toString(), f.size(), f.sha256() == null ? "00" : f.sha256(), f.modified()),
          null, null, "text/plain",
          null, null, null, text, false, Map.of(), f.seenAt(), Instant.now(), f.jobId());
      if (!f.path().getFileName().toString().startsWith("box")) {
        return Outcome.success(Extraction.of(doc));
      }
      // A container: one readable entry and one encrypted one.
      java.net.URI childUri = java.net.URI.create(f.uri() + "#/inner.txt");
      ExtractedDocument child = new ExtractedDocument(3, "test", DocumentId.ofSource(childUri), doc.revision(),
          new ExtractedDocument.Source(childUri.toString(), 5, "", f.modified()), null, null, "text/plain", null, null,
          null, "inner", false, Map.of(), f.seenAt(), Instant.now(), f.jobId(), null,
          new ExtractedDocument.Embedded(f.id(), f.id(), "/inner.txt", 1));
      java.net.URI lockedUri = java.net.URI.create(f.uri() + "#/locked.pdf");
      return Outcome.success(new Extraction(doc, List.of(child), List.of(new Extraction.Failure(
          DocumentId.ofSource(lockedUri), lockedUri.toString(), FailureReason.ENCRYPTED, null, "encrypted, no password"))));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void everyFileIsPublishedSkippedOrDeadLetteredAndTheCountsAddUp(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("a.txt"), "alpha");
    Files.writeString(dir.resolve("b.txt"), "beta");
    Files.writeString(dir.resolve("bad.txt"), "broken");
    Path same = Files.writeString(dir.resolve("same.txt"), "unchanged");
    DocumentId sameId = DocumentId.ofSource(same.toUri());
    IndexedState.Known known = new IndexedState.Known(Files.getLastModifiedTime(same).toMillis(), Files.size(same));
    IndexedState indexed = ids -> ids.contains(sameId) ? Map.of(sameId, known) : Map.of();
    MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    ImportSummary summary;
    try (Importer importer = new Importer(ImporterTest::fakeExtract, new DocumentPublisher(producer, CONFIG), indexed, 2)) {
      summary = importer.run(List.of(dir), "job-1", p -> {});
    }

    assertThat(summary.seen()).isEqualTo(4);
    assertThat(summary.published()).isEqualTo(2);
    assertThat(summary.unchanged()).isEqualTo(1);
    assertThat(summary.failed()).isEqualTo(1);
    assertThat(summary.seen()).isEqualTo(summary.published() + summary.unchanged() + summary.failed());
    assertThat(summary.failures()).containsExactly(Map.entry(FailureReason.CORRUPT, 1L));
    assertThat(producer.history()).filteredOn(r -> r.topic().equals("t.extracted-batch")).hasSize(2);
    DeadLetter letter = Json.decode(producer.history().stream().filter(r -> r.topic().equals("t.deadletter"))
        .findFirst().orElseThrow().value(), DeadLetter.class);
    assertThat(letter.source()).isEqualTo(dir.resolve("bad.txt").toUri().toString());
    assertThat(letter.jobId()).isEqualTo("job-1");
    assertThat(letter.reason()).isEqualTo(FailureReason.CORRUPT);
    // The importer hands the digest of its duplicate check to the extractor, which need not hash again.
    ExtractedDocument alpha = producer.history().stream().filter(r -> r.topic().equals("t.extracted-batch"))
        .map(r -> Json.decode(r.value(), ExtractedDocument.class))
        .filter(d -> d.source().uri().endsWith("/a.txt")).findFirst().orElseThrow();
    assertThat(alpha.source().sha256()).isEqualTo(
        java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest("alpha".getBytes(
            java.nio.charset.StandardCharsets.UTF_8))));

    // Reprocessing ignores what the index holds: the unchanged file goes through again.
    MockProducer<String, byte[]> again = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    try (Importer importer = new Importer(ImporterTest::fakeExtract, new DocumentPublisher(again, CONFIG), indexed, 2)) {
      ImportSummary redo = importer.run(List.of(dir), "job-2", true, p -> {});
      assertThat(redo.unchanged()).isZero();
      assertThat(redo.published()).isEqualTo(3);
    }
  }

  @Test
  void embeddedDocumentsArePublishedAsTheirOwnAndTheirFailuresDeadLettered(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("box.bin"), "container");
    MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    ImportSummary summary;
    try (Importer importer = new Importer(ImporterTest::fakeExtract, new DocumentPublisher(producer, CONFIG),
        IndexedState.NONE, 1)) {
      summary = importer.run(List.of(dir), "job-3", p -> {});
    }

    assertThat(summary.published()).isEqualTo(1);
    assertThat(summary.embedded()).isEqualTo(1);
    assertThat(summary.embeddedFailures()).containsExactly(Map.entry(FailureReason.ENCRYPTED, 1L));
    assertThat(summary.publishedDocuments()).filteredOn(ImportSummary.Published::embedded).hasSize(1);
    assertThat(producer.history()).filteredOn(r -> r.topic().equals("t.extracted-batch")).hasSize(2);
    DeadLetter letter = Json.decode(producer.history().stream().filter(r -> r.topic().equals("t.deadletter"))
        .findFirst().orElseThrow().value(), DeadLetter.class);
    assertThat(letter.source()).endsWith("box.bin#/locked.pdf");
    assertThat(letter.reason()).isEqualTo(FailureReason.ENCRYPTED);
  }

  @Test
  void aJournalHoldsEveryItemsOutcomeAndAResumeDoesNotRedoThem(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Files.writeString(tree.resolve("a.txt"), "alpha");
    Files.writeString(tree.resolve("copy-of-a.txt"), "alpha");
    Files.writeString(tree.resolve("bad.txt"), "broken");
    ItemSourceTest.zip(tree.resolve("z.zip"), "inner.txt", "inner");
    JobStore store = new JobStore(data);
    JobStore.JobSpec spec = store.create(new JobStore.JobSpec("job-j", Instant.now(), List.of(tree.toString()), null, false));
    MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

    ImportSummary summary;
    try (Importer importer = new Importer(ImporterTest::fakeExtract, new DocumentPublisher(producer, CONFIG), IndexedState.NONE, 2);
        JobJournal journal = store.journal(spec.id());
        ItemSource items = ItemSource.open(spec.pathList(), null, 1 << 20)) {
      summary = importer.run(items, new Importer.Run(spec.id(), journal, false, u -> false,
          new java.util.concurrent.ConcurrentHashMap<>(), false), p -> {});
    }

    assertThat(summary.seen()).isEqualTo(4);
    assertThat(summary.published() + summary.duplicates() + summary.failed()).isEqualTo(4);
    assertThat(summary.duplicates()).isEqualTo(1);
    assertThat(summary.failed()).isEqualTo(1);
    Map<String, JournalEntry> last = ImportReport.lastPerItem(store, spec.id());
    assertThat(last).hasSize(4);
    assertThat(last.get("jar:" + tree.resolve("z.zip").toUri() + "!/inner.txt").outcome()).isEqualTo(JournalEntry.Outcome.PUBLISHED);
    assertThat(last.get(tree.resolve("bad.txt").toUri().toString()).reason()).isEqualTo("corrupt");
    assertThat(last.values()).filteredOn(e -> e.outcome() == JournalEntry.Outcome.DUPLICATE).singleElement()
        .satisfies(e -> assertThat(e.duplicateOf()).isIn(DocumentId.ofSource(tree.resolve("a.txt").toUri()).value(),
            DocumentId.ofSource(tree.resolve("copy-of-a.txt").toUri()).value()));

    // A torn last line, as kill -9 can leave, is skipped; a resume passes over every journalled item.
    Files.writeString(data.resolve("job-j/journal.jsonl"), "{\"item\":\"file:/torn", java.nio.file.StandardOpenOption.APPEND);
    MockProducer<String, byte[]> again = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    try (Importer importer = new Importer(ImporterTest::fakeExtract, new DocumentPublisher(again, CONFIG), IndexedState.NONE, 2);
        ItemSource items = ItemSource.open(spec.pathList(), null, 1 << 20)) {
      ImportSummary resumed = importer.run(items, new Importer.Run(spec.id(), null, false,
          ImportReport.lastPerItem(store, spec.id())::containsKey, new java.util.concurrent.ConcurrentHashMap<>(), false), p -> {});
      assertThat(resumed.seen()).isZero();
      assertThat(resumed.resumed()).isEqualTo(4);
    }
    assertThat(again.history()).isEmpty();
  }

  @Test
  void aReimportOfAnUnchangedTreeSkipsEveryItemAndNeverStartsAPublisher(@TempDir Path dir) throws Exception {
    Path data = Files.createDirectories(dir.resolve("data"));
    Path tree = Files.createDirectories(dir.resolve("tree"));
    Map<DocumentId, IndexedState.Known> index = new java.util.concurrent.ConcurrentHashMap<>();
    // More than two lookup batches, so several lookups run at once and are settled in walk order.
    for (int i = 0; i < 1_234; i++) {
      Path file = Files.writeString(tree.resolve("f" + i + ".txt"), "file " + i);
      index.put(DocumentId.ofSource(file.toUri()), new IndexedState.Known(Files.getLastModifiedTime(file).toMillis(), Files.size(file)));
    }
    java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
    IndexedState indexed = ids -> {
      lookups.incrementAndGet();
      Map<DocumentId, IndexedState.Known> known = new java.util.HashMap<>();
      ids.forEach(id -> known.put(id, index.get(id)));
      return known;
    };
    JobStore store = new JobStore(data);
    JobStore.JobSpec spec = store.create(new JobStore.JobSpec("job-u", Instant.now(), List.of(tree.toString()), null, false));

    ImportSummary summary;
    try (Importer importer = new Importer(ImporterTest::fakeExtract, () -> {
          throw new AssertionError("nothing changed, yet a publisher (a Kafka producer) was asked for");
        }, indexed, 2);
        JobJournal journal = store.journal(spec.id());
        ItemSource items = ItemSource.open(spec.pathList(), null, 1 << 20)) {
      summary = importer.run(items, new Importer.Run(spec.id(), journal, false, u -> false,
          new java.util.concurrent.ConcurrentHashMap<>(), false), p -> {});
    }

    assertThat(summary.seen()).isEqualTo(1_234);
    assertThat(summary.unchanged()).isEqualTo(1_234);
    assertThat(lookups.get()).isGreaterThanOrEqualTo(3);
    Map<String, JournalEntry> last = ImportReport.lastPerItem(store, spec.id());
    assertThat(last).hasSize(1_234);
    assertThat(last.values()).allMatch(e -> e.outcome() == JournalEntry.Outcome.UNCHANGED);
  }

  @Test
  void aLineAKilledRunLeftHalfWrittenDoesNotSwallowTheNextEntry(@TempDir Path dir) throws Exception {
    JobStore store = new JobStore(dir);
    JobStore.JobSpec spec = store.create(new JobStore.JobSpec("job-t", Instant.now(), List.of(dir.toString()), null, false));
    Files.writeString(dir.resolve("job-t/journal.jsonl"), "{\"item\":\"file:/torn", java.nio.file.StandardOpenOption.CREATE,
        java.nio.file.StandardOpenOption.APPEND);

    try (JobJournal journal = store.journal(spec.id())) {
      journal.append(new JournalEntry("file:/next", "txt", JournalEntry.Outcome.UNCHANGED, "id", 5, 1, null, null, null, null));
    }

    assertThat(ImportReport.lastPerItem(store, spec.id())).containsOnlyKeys("file:/next");
  }

  @Test
  void theReportClassifiesEveryItemOnceAndTheCountsAddUp() {
    DocumentId indexed = DocumentId.ofSource(java.net.URI.create("file:/a"));
    DocumentId lost = DocumentId.ofSource(java.net.URI.create("file:/b"));
    DocumentId rejected = DocumentId.ofSource(java.net.URI.create("file:/c"));
    List<JournalEntry> entries = List.of(
        new JournalEntry("file:/a", "txt", JournalEntry.Outcome.PUBLISHED, indexed.value(), 5, 1, "s1", null, null, null),
        new JournalEntry("file:/b", "txt", JournalEntry.Outcome.PUBLISHED, lost.value(), 5, 1, "s2", null, null, null),
        new JournalEntry("file:/c", "pdf", JournalEntry.Outcome.PUBLISHED, rejected.value(), 5, 1, "s3", null, null, null),
        new JournalEntry("file:/d", "txt", JournalEntry.Outcome.DUPLICATE, DocumentId.ofSource(java.net.URI.create("file:/d")).value(),
            5, 1, "s1", null, null, indexed.value()),
        new JournalEntry("file:/e", "pdf", JournalEntry.Outcome.FAILED, DocumentId.ofSource(java.net.URI.create("file:/e")).value(),
            5, 1, null, "encrypted", "password", null));

    ImportReport report = ImportReport.reconcile("job", true, entries, ids -> Map.of(indexed, 5L),
        Map.of(rejected, new ImportReport.LaterFailure(5, "index", "rejected-by-index", "mapping")), null);

    assertThat(report.seen()).isEqualTo(5);
    assertThat(report.indexed()).isEqualTo(1);
    assertThat(report.duplicates()).isEqualTo(1);
    assertThat(report.failed()).isEqualTo(2);
    assertThat(report.missing()).isEqualTo(1);
    assertThat(report.seen()).isEqualTo(report.indexed() + report.unchanged() + report.duplicates() + report.failed() + report.missing());
    assertThat(report.failures()).containsOnly(Map.entry("encrypted", 1L), Map.entry("rejected-by-index", 1L));
    assertThat(report.byFormat().get("pdf")).containsOnly(Map.entry("failed", 2L));
    assertThat(report.problems()).extracting(ImportReport.Item::item).containsExactly("file:/b", "file:/c", "file:/e");
  }
}
