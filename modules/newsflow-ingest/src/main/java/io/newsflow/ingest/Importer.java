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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the ingest stage: reads files, extracts them in parallel and publishes the extracted
 * documents, or a dead letter for each file that fails, to Kafka. Files the index already holds in
 * the same version (same modification time and size) are skipped without being read.
 *
 * <p>Thread-safe; {@link #ingest} may be called from the inbox watcher while an import runs. Owns
 * its extraction threads (close it), not the extractor or the publisher.
 */
public final class Importer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Importer.class);

  /** Files looked up in the index at once: one mget each. */
  private static final int LOOKUP_BATCH = 256;

  private final Extractor extractor;
  private final DocumentPublisher publisher;
  private final IndexedState indexed;
  private final ExecutorService pool;
  private final Semaphore inFlight;

  /** Progress of a running import, reported every few seconds. */
  public record Progress(long seen, long published, long unchanged, long failed, long bytes) {}

  public Importer(Extractor extractor, DocumentPublisher publisher, IndexedState indexed, int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("ingest.threads must be >= 1, got " + threads);
    }
    this.extractor = extractor;
    this.publisher = publisher;
    this.indexed = indexed;
    this.pool = Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "newsflow-extract");
      t.setDaemon(true);
      return t;
    });
    // Bounds memory: at most this many files are being extracted or waiting for a thread.
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
    Counts counts = new Counts();
    List<CompletableFuture<?>> pending = new ArrayList<>();
    ConcurrentLinkedQueue<ImportSummary.Published> published = new ConcurrentLinkedQueue<>();
    long lastReport = System.nanoTime();
    try (Stream<Path> files = FileWalker.files(paths)) {
      Iterator<Path> it = files.iterator();
      List<SourceFile> batch = new ArrayList<>(LOOKUP_BATCH);
      while (it.hasNext()) {
        Path path = it.next();
        counts.seen.incrementAndGet();
        SourceFile file = describe(path, jobId, counts, pending);
        if (file != null) {
          batch.add(file);
        }
        if (batch.size() == LOOKUP_BATCH || !it.hasNext()) {
          submitChanged(batch, counts, published, pending, reprocess);
          batch = new ArrayList<>(LOOKUP_BATCH);
        }
        if (System.nanoTime() - lastReport > TimeUnit.SECONDS.toNanos(2)) {
          progress.accept(counts.progress());
          lastReport = System.nanoTime();
        }
      }
      if (!batch.isEmpty()) {
        submitChanged(batch, counts, published, pending, reprocess);
      }
    }
    for (CompletableFuture<?> f : pending) {
      try {
        f.get(5, TimeUnit.MINUTES);
      } catch (Exception e) {
        throw new IllegalStateException("Kafka did not acknowledge the import: " + e.getMessage(), e);
      }
    }
    progress.accept(counts.progress());
    Map<FailureReason, Long> failures = new EnumMap<>(FailureReason.class);
    counts.failures.forEach((reason, n) -> failures.put(reason, n.sum()));
    Map<FailureReason, Long> embeddedFailures = new EnumMap<>(FailureReason.class);
    counts.embeddedFailures.forEach((reason, n) -> embeddedFailures.put(reason, n.sum()));
    return new ImportSummary(jobId, counts.seen.get(), counts.published.get(), counts.unchanged.get(),
        counts.failed.get(), failures, List.copyOf(published), counts.bytes.get(), counts.embedded.get(),
        embeddedFailures);
  }

  /**
   * Extracts and publishes one file now (the inbox path), without the unchanged check.
   *
   * @return the future of the Kafka acknowledgement of the document or of its dead letter
   */
  public CompletableFuture<?> ingest(SourceFile file) {
    return process(file, new Counts(), new ConcurrentLinkedQueue<>());
  }

  private SourceFile describe(Path path, String jobId, Counts counts, List<CompletableFuture<?>> pending) {
    try {
      BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
      counts.bytes.addAndGet(attrs.size());
      return new SourceFile(path.toUri(), path, attrs.size(), attrs.lastModifiedTime().toInstant(), Instant.now(), jobId);
    } catch (IOException e) {
      // Vanished or unreadable between listing and reading: still accounted for, with a dead letter.
      counts.fail(FailureReason.UNREADABLE);
      pending.add(publisher.publish(deadLetter(DocumentId.ofSource(path.toUri()), path.toUri().toString(), 0, jobId,
          FailureReason.UNREADABLE, e.getClass().getName(), e.getMessage())));
      return null;
    }
  }

  private void submitChanged(List<SourceFile> batch, Counts counts, ConcurrentLinkedQueue<ImportSummary.Published> published,
      List<CompletableFuture<?>> pending, boolean reprocess) {
    if (batch.isEmpty()) {
      return;
    }
    Map<DocumentId, IndexedState.Known> known = reprocess ? Map.of() : indexed.lookup(batch.stream().map(SourceFile::id).toList());
    for (SourceFile file : batch) {
      IndexedState.Known k = known.get(file.id());
      if (k != null && k.revision() == file.modified().toEpochMilli() && k.size() == file.size()) {
        counts.unchanged.incrementAndGet();
        continue;
      }
      inFlight.acquireUninterruptibly();
      CompletableFuture<CompletableFuture<?>> task = CompletableFuture.supplyAsync(() -> process(file, counts, published), pool);
      pending.add(task.thenCompose(f -> f).whenComplete((r, e) -> inFlight.release()));
    }
  }

  private CompletableFuture<?> process(SourceFile file, Counts counts, ConcurrentLinkedQueue<ImportSummary.Published> published) {
    Outcome<Extraction> outcome;
    try {
      outcome = extractor.extractAll(file);
    } catch (RuntimeException e) {
      LOG.error("extractor failed on {} unexpectedly", file.uri(), e);
      outcome = Outcome.rejected(FailureReason.INTERNAL, e);
    }
    if (outcome instanceof Outcome.Success<Extraction> success) {
      Extraction extraction = success.value();
      counts.published.incrementAndGet();
      published.add(new ImportSummary.Published(file.id(), extraction.document().revision(), file.uri().toString()));
      List<CompletableFuture<?>> sent = new ArrayList<>();
      sent.add(publisher.publish(extraction.document()));
      // Embedded documents travel as documents of their own, keyed by their own ids.
      for (ExtractedDocument child : extraction.children()) {
        counts.embedded.incrementAndGet();
        published.add(new ImportSummary.Published(child.id(), child.revision(), child.source().uri(), true));
        sent.add(publisher.publish(child));
      }
      for (Extraction.Failure failure : extraction.failures()) {
        LOG.warn("ingest: {} failed, {}: {}", failure.source(), failure.reason().code(), failure.message());
        counts.failEmbedded(failure.reason());
        sent.add(publisher.publish(deadLetter(failure.id(), failure.source(), file.modified().toEpochMilli(), file.jobId(),
            failure.reason(), failure.errorClass(), failure.message())));
      }
      return CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new));
    }
    FailureReason reason;
    String errorClass;
    String message;
    if (outcome instanceof Outcome.Rejected<Extraction> rejected) {
      reason = rejected.reason();
      errorClass = rejected.errorClass();
      message = rejected.message();
    } else {
      reason = FailureReason.INTERNAL;
      errorClass = null;
      message = "extraction asked for a retry, which the ingest stage does not do: " + ((Outcome.Retryable<?>) outcome).message();
    }
    LOG.warn("ingest: {} failed, {}: {}", file.uri(), reason.code(), message);
    counts.fail(reason);
    return publisher.publish(deadLetter(file.id(), file.uri().toString(), file.modified().toEpochMilli(), file.jobId(), reason, errorClass, message));
  }

  private static DeadLetter deadLetter(DocumentId id, String source, long revision, String jobId, FailureReason reason, String errorClass, String message) {
    return new DeadLetter(DeadLetter.SCHEMA_VERSION, PipelineVersion.CURRENT, id, source, Stage.INGEST, reason,
        errorClass, message, null, revision, jobId, Instant.now());
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }

  private static final class Counts {
    final AtomicLong seen = new AtomicLong();
    final AtomicLong published = new AtomicLong();
    final AtomicLong unchanged = new AtomicLong();
    final AtomicLong failed = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();
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
      return new Progress(seen.get(), published.get(), unchanged.get(), failed.get(), bytes.get());
    }
  }
}
