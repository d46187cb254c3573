package io.newsflow.ingest;

import io.newsflow.api.DeadLetter;
import io.newsflow.api.DocumentId;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Extraction;
import io.newsflow.api.Extractor;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.api.PipelineVersion;
import io.newsflow.api.SourceFile;
import io.newsflow.api.Stage;
import io.newsflow.kafka.DocumentPublisher;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ingest stage: reads source items, extracts them in parallel and publishes the extracted
 * documents, or a dead letter for each item that fails, to Kafka. Items the index already holds in
 * the same version (same modification time and size) are skipped without being read; items whose
 * bytes repeat a document already indexed or already in this import are recorded as duplicates and
 * not extracted. With a {@link JobJournal}, each item's outcome is appended once Kafka acknowledged
 * it, which is what makes a job resumable and reportable.
 *
 * <p>Memory: at most {@code threads * 4} items are in flight plus five lookup batches (500 items each, of them at most 64 spooled archive entries); the walk is lazy. What grows with the
 * number of items is the content-hash map used to find duplicates (about 200 bytes per new item) and,
 * only if asked for, the list of published documents.
 *
 * <p>Thread-safe; {@link #ingest} may be called from the inbox watcher while an import runs. Owns
 * its extraction threads (close it), not the extractor or the publisher.
 */
public final class Importer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

  /**
   * Items looked up in the index at once: one mget each. A round trip to a busy Elasticsearch costs
   * tens to hundreds of ms, so a re-import of an unchanged tree is mostly these: fewer, larger ones.
   */
  private static final int LOOKUP_BATCH = 500;

  /**
   * Lookups under way while the walk goes on: the walk no longer stops for each round trip, and a
   * busy Elasticsearch answers several at once (a 1,000-id mget took 0.2 to 1.7 s under load; three
   * of them one after the other were half of a 3,000-file re-import).
   */
  private static final int LOOKUPS_IN_FLIGHT = 4;

  /** Archive entries spooled to disk that a batch may hold before it is looked up (bounds temp space). */
  private static final int SPOOLED_BATCH = 64;

  private final Extractor extractor;
  private final Supplier<DocumentPublisher> publisherFactory;
  private volatile DocumentPublisher publisher;
  private final IndexedState indexed;
  private final ExecutorService pool;
  private final ExecutorService lookups;
  private final Semaphore inFlight;

  /**
   * Progress of a running import, reported every few seconds.
   *
   * @param resumed items skipped because the job's journal already holds their outcome
   */
  public record Progress(long seen, long published, long unchanged, long duplicates, long failed, long bytes, long resumed) {
    /** Items with an outcome: seen minus those still being extracted. */
    public long done() {
      return published + unchanged + duplicates + failed;
    }
  }

  /**
   * How to run one import.
   *
   * @param jobId the job id every record carries
   * @param journal where each item's outcome goes, or {@code null}
   * @param reprocess process items even if the index holds them unchanged
   * @param skip items to pass over without counting them (finished before a resume; not failed, in
   *     a retry)
   * @param contentSeen SHA-256 to document id of contents already published by this job (from its
   *     journal, on a resume); added to as the import goes
   * @param keepPublished whether the summary lists every published document (for callers that wait
   *     for them without a journal)
   */
  public record Run(String jobId, JobJournal journal, boolean reprocess, Predicate<String> skip,
      Map<String, DocumentId> contentSeen, boolean keepPublished) {

    /** A run without a journal, as the demo import and the benchmark do. */
    public static Run simple(String jobId, boolean reprocess) {
      return new Run(jobId, null, reprocess, uri -> false, new ConcurrentHashMap<>(), true);
    }
  }

  public Importer(Extractor extractor, DocumentPublisher publisher, IndexedState indexed, int threads) {
    this(extractor, () -> publisher, indexed, threads);
  }

  /**
   * Creates an importer that asks {@code publisher} for its publisher only when the first item
   * needs one: a re-import where nothing changed then never starts a Kafka producer (in a one-off
   * {@code newsflow import}, starting one costs more than skipping 3,000 unchanged files).
   */
  public Importer(Extractor extractor, Supplier<DocumentPublisher> publisher, IndexedState indexed, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("ingest.threads must be >= 1, got " + threads);
    }
    this.extractor = extractor;
    this.publisherFactory = publisher;
    this.indexed = indexed;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "newsflow-extract");
      t.setDaemon(true);
      return t;
    });
    this.lookups = Executors.newFixedThreadPool(LOOKUPS_IN_FLIGHT, r -> {
      Thread t = new Thread(r, "newsflow-import-lookup");
      t.setDaemon(true);
      return t;
    });
    // Bounds memory: at most this many items are being extracted or waiting for a thread.
    this.inFlight = new Semaphore(threads * 4);
  }

  /**
   * Imports every file at or below {@code paths} and waits until each one is published to Kafka
   * (not yet indexed: see the CLI's {@code --wait}).
   *
   * @param progress called from time to time with running counts
   * @throws IllegalStateException if Kafka does not acknowledge what was published
   */
  public ImportSummary run(List<Path> paths, String jobId, Consumer<Progress> progress) {
    return run(paths, jobId, false, progress);
  }

  /**
   * Imports like {@link #run(List, String, Consumer)}; with {@code reprocess}, files the index already
   * holds unchanged go through extraction and enrichment again (after an upgrade of newsflow, say):
   * the indexed text stays if it did not change, and the new enrichment replaces the old.
   */
  public ImportSummary run(List<Path> paths, String jobId, boolean reprocess, Consumer<Progress> progress) {
    try (ItemSource items = ItemSource.open(paths, null, Long.MAX_VALUE)) {
      return run(items, Run.simple(jobId, reprocess), progress);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Imports every item of {@code items} and waits until Kafka acknowledged each document or dead
   * letter, and the journal holds each outcome.
   *
   * @param progress called every two seconds or so, and once at the end, with running counts
   * @throws IllegalStateException if Kafka does not acknowledge what was published
   */
  public ImportSummary run(ItemSource items, Run run, Consumer<Progress> progress) {
    Counts counts = new Counts();
    Phaser pending = new Phaser(1);
    AtomicReference<Throwable> broken = new AtomicReference<>();
    ConcurrentLinkedQueue<ImportSummary.Published> published = new ConcurrentLinkedQueue<>();
    Context ctx = new Context(run, counts, pending, broken, published);
    long lastReport = System.nanoTime();
    List<SourceItem> batch = new ArrayList<>(LOOKUP_BATCH);
    ArrayDeque<LookedUp> looking = new ArrayDeque<>();
    int spooled = 0;
    while (items.hasNext() && broken.get() == null) {
      SourceItem item = items.next();
      if (run.skip().test(item.uri().toString())) {
        item.discard();
        counts.resumed.incrementAndGet();
        continue;
      }
      counts.seen.incrementAndGet();
      counts.bytes.addAndGet(Math.max(0, item.size()));
      if (item.failure() != null) {
        fail(ctx, item, null, item.failure(), null, item.message());
      } else {
        batch.add(item);
        spooled += item.temporary() ? 1 : 0;
      }
      if (batch.size() == LOOKUP_BATCH || spooled == SPOOLED_BATCH) {
        looking.add(lookUp(batch, run));
        batch = new ArrayList<>(LOOKUP_BATCH);
        spooled = 0;
        while (looking.size() > LOOKUPS_IN_FLIGHT) {
          submitBatch(looking.poll(), ctx);
        }
      }
      if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(2)) {
        progress.accept(counts.progress());
        lastReport = System.nanoTime();
      }
    }
    if (!batch.isEmpty()) {
      looking.add(lookUp(batch, run));
    }
    while (!looking.isEmpty()) {
      LookedUp next = looking.poll();
      if (broken.get() == null) {
        submitBatch(next, ctx);
      } else {
        next.items().forEach(SourceItem::discard);
      }
    }
    int phase = pending.arrive();
    while (true) {
      try {
        pending.awaitAdvanceInterruptibly(phase, 2, TimeUnit.SECONDS);
        break;
      } catch (TimeoutException e) {
        progress.accept(counts.progress());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for Kafka to acknowledge the import", e);
      }
    }
    if (broken.get() != null) {
      throw new IllegalStateException("Kafka did not acknowledge the import: " + broken.get().getMessage(), broken.get());
    }
    progress.accept(counts.progress());
    Map<FailureReason, Long> failures = new EnumMap<>(FailureReason.class);
    counts.failures.forEach((reason, n) -> failures.put(reason, n.sum()));
    Map<FailureReason, Long> embeddedFailures = new EnumMap<>(FailureReason.class);
    counts.embeddedFailures.forEach((reason, n) -> embeddedFailures.put(reason, n.sum()));
    return new ImportSummary(run.jobId(), counts.seen.get(), counts.published.get(), counts.unchanged.get(),
        counts.duplicates.get(), counts.failed.get(), failures, List.copyOf(published), counts.bytes.get(),
        counts.resumed.get(), counts.embedded.get(), embeddedFailures);
  }

  /**
   * Extracts and publishes one file now (the inbox path), without the unchanged check.
   *
   * @return the future of the Kafka acknowledgement of the document or of its dead letter
   */
  public CompletableFuture<?> ingest(SourceFile file) {
    return process(file, new Counts(), new ConcurrentLinkedQueue<>());
  }

  private record Context(Run run, Counts counts, Phaser pending, AtomicReference<Throwable> broken,
      ConcurrentLinkedQueue<ImportSummary.Published> published) {}

  /** A batch of items, their document ids and the lookup of those ids under way. */
  private record LookedUp(List<SourceItem> items, List<DocumentId> ids, CompletableFuture<Map<DocumentId, IndexedState.Known>> known) {}

  /** Starts looking up what the index holds of {@code batch}, on a lookup thread. */
  private LookedUp lookUp(List<SourceItem> batch, Run run) {
    List<DocumentId> ids = batch.stream().map(i -> DocumentId.ofSource(i.uri())).toList();
    CompletableFuture<Map<DocumentId, IndexedState.Known>> known = run.reprocess()
        ? CompletableFuture.completedFuture(Map.of())
        : CompletableFuture.supplyAsync(() -> indexed.lookup(ids), lookups);
    return new LookedUp(batch, ids, known);
  }

  /**
   * Settles a looked-up batch, in walk order: unchanged items are journalled (one write for all of them), duplicates too,
   * the others go to extraction.
   */
  private void submitBatch(LookedUp lookedUp, Context ctx) {
    Run run = ctx.run();
    List<SourceItem> batch = lookedUp.items();
    Map<DocumentId, IndexedState.Known> known;
    try {
      known = lookedUp.known().join();
    } catch (java.util.concurrent.CompletionException e) {
      batch.forEach(SourceItem::discard);
      throw e.getCause() instanceof RuntimeException r ? r : e;
    }
    Set<SourceItem> fresh = new HashSet<>();
    Map<SourceItem, String> hashes = new HashMap<>();
    Map<SourceItem, DocumentId> ids = new HashMap<>();
    List<JournalEntry> settled = new ArrayList<>();
    for (int i = 0; i < batch.size(); i++) {
      SourceItem item = batch.get(i);
      DocumentId id = lookedUp.ids().get(i);
      ids.put(item, id);
      IndexedState.Known k = known.get(id);
      if (k != null && k.revision() == item.modified().toEpochMilli() && k.size() == item.size()) {
        ctx.counts().unchanged.incrementAndGet();
        settled.add(new JournalEntry(item.uri().toString(), item.format(), JournalEntry.Outcome.UNCHANGED, id.value(),
            k.revision(), item.size(), null, null, null, null));
        item.discard();
        continue;
      }
      String sha;
      try {
        sha = sha256(item.path());
      } catch (IOException e) {
        fail(ctx, item, id, FailureReason.UNREADABLE, e.getClass().getName(), "cannot read " + item.path() + ": " + e.getMessage());
        continue;
      }
      hashes.put(item, sha);
      if (k == null) {
        fresh.add(item); // only a document new to the index can be a duplicate of another one
      }
    }
    if (run.journal() != null) {
      run.journal().append(settled);
    }
    // Duplicates: an earlier item of this job with the same bytes, or a document already indexed.
    Map<String, DocumentId> indexedContent = fresh.isEmpty() ? Map.of()
        : indexed.withContent(fresh.stream().map(hashes::get).distinct().toList());
    for (SourceItem item : batch) {
      String sha = hashes.get(item);
      if (sha == null) {
        continue; // unchanged or failed above
      }
      DocumentId id = ids.get(item);
      if (fresh.contains(item)) {
        DocumentId original = indexedContent.get(sha);
        if (original != null && !original.equals(id)) {
          run.contentSeen().putIfAbsent(sha, original);
        } else {
          original = run.contentSeen().putIfAbsent(sha, id);
        }
        if (original != null && !original.equals(id)) {
          ctx.counts().duplicates.incrementAndGet();
          journal(run, new JournalEntry(item.uri().toString(), item.format(), JournalEntry.Outcome.DUPLICATE, id.value(),
              item.modified().toEpochMilli(), item.size(), sha, null, null, original.value()));
          item.discard();
          continue;
        }
      }
      inFlight.acquireUninterruptibly();
      ctx.pending().register();
      SourceFile file = new SourceFile(item.uri(), item.path(), item.size(), item.modified(), Instant.now(), run.jobId(),
          sha);
      CompletableFuture<CompletableFuture<?>> extracted = CompletableFuture.supplyAsync(() -> processItem(file, item, sha, ctx), pool);
      // The slot frees once the item is extracted and handed to the producer, not when Kafka
      // acknowledges it: acks=all on a busy broker takes tens to hundreds of ms, and waiting for it
      // here capped the import at (4 x threads) items per ack round trip. The producer's own
      // buffer (buffer.memory) bounds what is sent and not yet acknowledged.
      extracted.whenComplete((f, e) -> {
        item.discard();
        inFlight.release();
      });
      extracted.thenCompose(f -> f)
          .whenComplete((r, e) -> {
            if (e != null) {
              ctx.broken().compareAndSet(null, e);
            }
            ctx.pending().arriveAndDeregister();
          });
    }
  }

  /** Extracts one item and journals its outcome once Kafka acknowledged it. */
  private CompletableFuture<?> processItem(SourceFile file, SourceItem item, String sha, Context ctx) {
    Outcome<Extraction> outcome = extract(file);
    Run run = ctx.run();
    if (outcome instanceof Outcome.Success<Extraction> success) {
      ExtractedDocument doc = success.value().document();
      return publish(success.value(), file, ctx.counts(), run.keepPublished() ? ctx.published() : null).thenRun(() -> {
        ctx.counts().published.incrementAndGet();
        if (run.keepPublished()) {
          ctx.published().add(new ImportSummary.Published(doc.id(), doc.revision(), file.uri().toString()));
        }
        journal(run, new JournalEntry(item.uri().toString(), item.format(), JournalEntry.Outcome.PUBLISHED, doc.id().value(),
            doc.revision(), item.size(), sha, null, null, null));
      });
    }
    Failure f = failure(outcome);
    LOG.warn("ingest: {} failed, {}: {}", file.uri(), f.reason().code(), f.message());
    return publishFailure(ctx, item, file.id(), f.reason(), f.errorClass(), f.message(), sha);
  }

  /**
   * Publishes a file's document, each embedded document as a document of its own (keyed by its own
   * id), and a dead letter for each embedded document that failed; counts the embedded ones.
   *
   * @param published where to list the embedded documents published, or {@code null}
   */
  private CompletableFuture<?> publish(Extraction extraction, SourceFile file, Counts counts,
      ConcurrentLinkedQueue<ImportSummary.Published> published) {
    List<CompletableFuture<?>> sent = new ArrayList<>();
    sent.add(publisher().publish(extraction.document()));
    for (ExtractedDocument child : extraction.children()) {
      sent.add(publisher().publish(child).thenRun(() -> {
        counts.embedded.incrementAndGet();
        if (published != null) {
          published.add(new ImportSummary.Published(child.id(), child.revision(), child.source().uri(), true));
        }
      }));
    }
    for (Extraction.Failure failure : extraction.failures()) {
      LOG.warn("ingest: {} failed, {}: {}", failure.source(), failure.reason().code(), failure.message());
      sent.add(publisher().publish(deadLetter(failure.id(), failure.source(), file.modified().toEpochMilli(), file.jobId(),
          failure.reason(), failure.errorClass(), failure.message())).thenRun(() -> counts.failEmbedded(failure.reason())));
    }
    return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
  }

  private void fail(Context ctx, SourceItem item, DocumentId id, FailureReason reason, String errorClass, String message) {
    ctx.pending().register();
    publishFailure(ctx, item, id == null ? DocumentId.ofSource(item.uri()) : id, reason, errorClass, message, null)
        .whenComplete((r, e) -> {
          if (e != null) {
            ctx.broken().compareAndSet(null, e);
          }
          item.discard();
          ctx.pending().arriveAndDeregister();
        });
  }

  private CompletableFuture<?> publishFailure(Context ctx, SourceItem item, DocumentId id, FailureReason reason,
      String errorClass, String message, String sha) {
    long revision = item.modified().toEpochMilli();
    return publisher().publish(deadLetter(id, item.uri().toString(), revision, ctx.run().jobId(), reason, errorClass, message))
        .thenRun(() -> {
          ctx.counts().fail(reason);
          journal(ctx.run(), new JournalEntry(item.uri().toString(), item.format(), JournalEntry.Outcome.FAILED, id.value(),
              revision, item.size(), sha, reason.code(), message, null));
        });
  }

  private DocumentPublisher publisher() {
    DocumentPublisher p = publisher;
    if (p == null) {
      synchronized (this) {
        p = publisher;
        if (p == null) {
          p = publisherFactory.get();
          publisher = p;
        }
      }
    }
    return p;
  }

  private static void journal(Run run, JournalEntry entry) {
    if (run.journal() != null) {
      run.journal().append(entry);
    }
  }

  private Outcome<Extraction> extract(SourceFile file) {
    try {
      return extractor.extractAll(file);
    } catch (RuntimeException e) {
      LOG.error("extractor failed on {} unexpectedly", file.uri(), e);
      return Outcome.rejected(FailureReason.INTERNAL, e);
    }
  }

  private record Failure(FailureReason reason, String errorClass, String message) {}

  private static Failure failure(Outcome<Extraction> outcome) {
    if (outcome instanceof Outcome.Rejected<Extraction> rejected) {
      return new Failure(rejected.reason(), rejected.errorClass(), rejected.message());
    }
    return new Failure(FailureReason.INTERNAL, null,
        "extraction asked for a retry, which the ingest stage does not do: " + ((Outcome.Retryable<?>) outcome).message());
  }

  private CompletableFuture<?> process(SourceFile file, Counts counts, ConcurrentLinkedQueue<ImportSummary.Published> published) {
    Outcome<Extraction> outcome = extract(file);
    if (outcome instanceof Outcome.Success<Extraction> success) {
      counts.published.incrementAndGet();
      published.add(new ImportSummary.Published(file.id(), success.value().document().revision(), file.uri().toString()));
      return publish(success.value(), file, counts, published);
    }
    Failure f = failure(outcome);
    LOG.warn("ingest: {} failed, {}: {}", file.uri(), f.reason().code(), f.message());
    counts.fail(f.reason());
    return publisher().publish(deadLetter(file.id(), file.uri().toString(), file.modified().toEpochMilli(), file.jobId(),
        f.reason(), f.errorClass(), f.message()));
  }

  static String sha256(Path path) throws IOException {
    MessageDigest digest;
    try {
      digest = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = Files.newInputStream(path)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        digest.update(buffer, 0, n);
      }
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  private static DeadLetter deadLetter(DocumentId id, String source, long revision, String jobId, FailureReason reason, String errorClass, String message) {
    return new DeadLetter(DeadLetter.SCHEMA_VERSION, PipelineVersion.CURRENT, id, source, Stage.INGEST, reason,
        errorClass, message, null, revision, jobId, Instant.now());
  }

  @Override
  public void close() {
    lookups.shutdownNow();
    pool.shutdownNow();
  }

  private static final class Counts {
    final AtomicLong seen = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong duplicates = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
    final AtomicLong resumed = new AtomicLong();
    final AtomicLong embedded = new AtomicLong();
    final Map<FailureReason, LongAdder> failures = new ConcurrentHashMap<>();
    final Map<FailureReason, LongAdder> embeddedFailures = new ConcurrentHashMap<>();

    void fail(FailureReason reason) {
      failed.incrementAndGet();
      failures.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    void failEmbedded(FailureReason reason) {
      embeddedFailures.computeIfAbsent(reason, r -> new LongAdder()).increment();
    }

    Progress progress() {
      return new Progress(seen.get(), published.get(), unchanged.get(), duplicates.get(), failed.get(), bytes.get(), resumed.get());
    }
  }
}
