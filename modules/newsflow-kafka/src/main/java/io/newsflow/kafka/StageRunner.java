package io.newsflow.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.api.BatchStage;
import io.newsflow.api.DeadLetter;
import io.newsflow.api.DocumentId;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.api.PipelineVersion;
import io.newsflow.api.Stage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage as a Kafka consumer loop: polls a batch, decodes it, applies the stage, publishes
 * its outputs and its dead letters, and only then commits the batch's offsets. It is the one place
 * that retries, dead-letters and commits, so stages do none of it.
 *
 * <ul>
 *   <li>A record that cannot be decoded (a poison message) is dead-lettered as
 *       {@link FailureReason#INVALID_RECORD}.
 *   <li>{@link Outcome.Rejected} goes to the dead-letter topic.
 *   <li>{@link Outcome.Retryable} (a transient cause the stage recognised, such as its backend being
 *       down) is retried with exponential backoff while the partitions are paused, so the consumer
 *       stays in its group, for as long as it takes; nothing is committed meanwhile.
 *   <li>A stage that throws is retried the same way a few times; then the batch is split into single
 *       records. A record that throws alone while others pass is dead-lettered as
 *       {@link FailureReason#INTERNAL}. If every record throws, the backend is probably down and the
 *       runner keeps backing off; but a record that keeps throwing on its own for
 *       {@value #MAX_LONE_ATTEMPTS} attempts is dead-lettered too, so one bad record cannot stall its
 *       partition for good (it can be replayed from the dead-letter topic once the cause is fixed).
 * </ul>
 *
 * <p>Not thread-safe: {@link #run()} runs on one thread; {@link #close()} may be called from any
 * thread and waits for the loop to finish its batch. Owns and closes the consumer.
 *
 * @param <I> the decoded input type
 * @param <O> the stage's output type
 */
public final class StageRunner<I, O> implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(StageRunner.class);

  /** How many whole-batch attempts before the runner isolates the failing record. */
  private static final int ATTEMPTS_BEFORE_SPLIT = 3;

  /** Attempts (about three minutes with the default backoff) before a record that throws alone is given up. */
  static final int MAX_LONE_ATTEMPTS = 10;

  /** Decodes a record; throws {@link IllegalArgumentException} for a record that is not valid. */
  @FunctionalInterface
  public interface Decoder<I> {
    I decode(String topic, byte[] value);
  }

  /** Publishes one successful output; the returned future completes when it is durable. */
  @FunctionalInterface
  public interface Output<O> {
    CompletableFuture<?> send(O value);
  }

  /** Names the document a decoded input is about, for dead letters. */
  public record Subject(DocumentId id, String source, long revision, String jobId) {}

  private final Stage stage;
  private final Consumer<String, byte[]> consumer;
  private final List<String> topics;
  private final Decoder<I> decoder;
  private final BatchStage<I, O> batchStage;
  private final Output<O> output;
  private final Function<I, Subject> subjectOf;
  private final DocumentPublisher deadLetters;
  private final Duration initialBackoff;
  private final Duration maxBackoff;
  private final MeterRegistry meters;
  private final Timer batchTimer;
  private final java.util.function.BooleanSupplier yieldWhile;
  private boolean yielding;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final CompletableFuture<Void> finished = new CompletableFuture<>();

  private StageRunner(Builder<I, O> b) {
    this.stage = Objects.requireNonNull(b.stage, "stage");
    this.consumer = Objects.requireNonNull(b.consumer, "consumer");
    this.topics = List.copyOf(b.topics);
    this.decoder = Objects.requireNonNull(b.decoder, "decoder");
    this.batchStage = Objects.requireNonNull(b.batchStage, "batchStage");
    this.output = b.output;
    this.subjectOf = Objects.requireNonNull(b.subjectOf, "subjectOf");
    this.deadLetters = Objects.requireNonNull(b.deadLetters, "deadLetters");
    this.initialBackoff = b.initialBackoff;
    this.maxBackoff = b.maxBackoff;
    this.meters = Objects.requireNonNull(b.meters, "meters");
    this.yieldWhile = b.yieldWhile;
    this.batchTimer = Timer.builder("newsflow." + stage.code() + ".batch")
        .description("time to process one polled batch, outputs and commit included")
        .register(meters);
  }

  public static <I, O> Builder<I, O> builder() {
    return new Builder<>();
  }

  @Override
  public void run() {
    try {
      consumer.subscribe(topics);
      while (!closed.get()) {
        yieldIfAsked();
        ConsumerRecords<String, byte[]> records;
        try {
          records = consumer.poll(Duration.ofMillis(500));
        } catch (WakeupException e) {
          break;
        }
        if (!records.isEmpty()) {
          Timer.Sample sample = Timer.start(meters);
          if (!processBatch(records)) {
            break; // closed while retrying: nothing committed, the next owner redoes the batch
          }
          sample.stop(batchTimer);
        }
      }
    } catch (WakeupException e) {
      // close() was called
    } catch (RuntimeException e) {
      LOG.error("{} stage stopped by an unexpected error; its uncommitted records will be redelivered", stage.code(), e);
      throw e;
    } finally {
      try {
        consumer.close(Duration.ofSeconds(10));
      } finally {
        finished.complete(null);
      }
    }
  }

  /**
   * Pauses the assigned partitions while {@code yieldWhile} says so and resumes them when it no
   * longer does. The loop keeps polling (the consumer stays in its group; a paused partition returns
   * nothing), and records it does get (a partition assigned during the poll) are processed as usual:
   * nothing is skipped, it is only delivered later.
   */
  private void yieldIfAsked() {
    if (yieldWhile == null) {
      return;
    }
    if (yieldWhile.getAsBoolean()) {
      if (!yielding) {
        LOG.info("{}: pausing {} while they are being written to (yielding the CPU to the import)", stage.code(), topics);
        yielding = true;
      }
      consumer.pause(consumer.assignment()); // again each time: a rebalance may have assigned new partitions
    } else if (yielding) {
      LOG.info("{}: resuming {}", stage.code(), topics);
      yielding = false;
      consumer.resume(consumer.assignment());
    }
  }

  /** Returns false if the runner was closed before the batch could be finished. */
  private boolean processBatch(ConsumerRecords<String, byte[]> records) {
    List<ConsumerRecord<String, byte[]>> pending = new ArrayList<>();
    List<I> inputs = new ArrayList<>();
    List<CompletableFuture<?>> acks = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : records) {
      try {
        inputs.add(decoder.decode(record.topic(), record.value()));
        pending.add(record);
      } catch (IllegalArgumentException e) {
        LOG.warn("{}: dropping undecodable record {}-{}@{} to the dead-letter topic: {}",
            stage.code(), record.topic(), record.partition(), record.offset(), e.getMessage());
        count(FailureReason.INVALID_RECORD.code());
        acks.add(deadLetters.publish(deadLetter(record, null, FailureReason.INVALID_RECORD,
            e.getClass().getName(), e.getMessage())));
      }
    }
    if (!inputs.isEmpty() && !applyWithRetries(pending, inputs, acks)) {
      return false;
    }
    awaitAll(acks);
    consumer.commitSync(nextOffsets(records));
    return true;
  }

  private boolean applyWithRetries(List<ConsumerRecord<String, byte[]>> records, List<I> inputs, List<CompletableFuture<?>> acks) {
    Duration backoff = initialBackoff;
    int attempt = 0;
    List<Integer> todo = new ArrayList<>();
    for (int i = 0; i < inputs.size(); i++) {
      todo.add(i);
    }
    while (!todo.isEmpty()) {
      if (closed.get()) {
        return false;
      }
      attempt++;
      List<Integer> again = attempt > ATTEMPTS_BEFORE_SPLIT
          ? applyOneByOne(records, inputs, todo, acks, attempt >= MAX_LONE_ATTEMPTS)
          : applyTogether(records, inputs, todo, acks);
      if (again.isEmpty()) {
        return true;
      }
      todo = again;
      LOG.warn("{}: {} record(s) to retry (attempt {}), backing off {} ms", stage.code(), todo.size(), attempt, backoff.toMillis());
      if (!pauseFor(backoff)) {
        return false;
      }
      backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
    }
    return true;
  }

  /** Applies the stage to the records at {@code indexes}; returns the indexes to retry. */
  private List<Integer> applyTogether(List<ConsumerRecord<String, byte[]>> records, List<I> inputs, List<Integer> indexes, List<CompletableFuture<?>> acks) {
    List<I> batch = new ArrayList<>(indexes.size());
    for (int i : indexes) {
      batch.add(inputs.get(i));
    }
    List<Outcome<O>> outcomes;
    try {
      outcomes = batchStage.apply(batch);
    } catch (RuntimeException e) {
      LOG.warn("{}: stage failed on a batch of {}: {}", stage.code(), batch.size(), e.toString());
      return indexes;
    }
    if (outcomes.size() != batch.size()) {
      throw new IllegalStateException(stage.code() + " stage returned " + outcomes.size() + " outcomes for " + batch.size() + " inputs");
    }
    List<Integer> retry = new ArrayList<>();
    for (int k = 0; k < indexes.size(); k++) {
      int i = indexes.get(k);
      if (!settle(records.get(i), inputs.get(i), outcomes.get(k), acks)) {
        retry.add(i);
      }
    }
    return retry;
  }

  /**
   * Applies the stage record by record, to tell a record that breaks the stage from a backend that
   * is down. Returns the indexes to retry.
   */
  private List<Integer> applyOneByOne(List<ConsumerRecord<String, byte[]>> records, List<I> inputs, List<Integer> indexes,
      List<CompletableFuture<?>> acks, boolean giveUpOnThrowers) {
    List<Integer> threw = new ArrayList<>();
    List<RuntimeException> errors = new ArrayList<>();
    List<Integer> retry = new ArrayList<>();
    boolean anyWorked = false;
    for (int i : indexes) {
      try {
        Outcome<O> outcome = batchStage.apply(List.of(inputs.get(i))).get(0);
        anyWorked |= !(outcome instanceof Outcome.Retryable);
        if (!settle(records.get(i), inputs.get(i), outcome, acks)) {
          retry.add(i);
        }
      } catch (RuntimeException e) {
        threw.add(i);
        errors.add(e);
      }
    }
    if (!anyWorked && !giveUpOnThrowers) {
      retry.addAll(threw); // the backend itself may be failing: keep everything, back off
      return retry;
    }
    for (int k = 0; k < threw.size(); k++) {
      int i = threw.get(k);
      RuntimeException e = errors.get(k);
      LOG.error("{}: record {}-{}@{} fails the stage on its own; dead-lettering it (replay it once the cause is fixed)", stage.code(),
          records.get(i).topic(), records.get(i).partition(), records.get(i).offset(), e);
      count(FailureReason.INTERNAL.code());
      acks.add(deadLetters.publish(deadLetter(records.get(i), subjectOf.apply(inputs.get(i)), FailureReason.INTERNAL,
          e.getClass().getName(), String.valueOf(e.getMessage()))));
    }
    return retry;
  }

  /** Handles one outcome; returns false if it must be retried. */
  private boolean settle(ConsumerRecord<String, byte[]> record, I input, Outcome<O> outcome, List<CompletableFuture<?>> acks) {
    if (outcome instanceof Outcome.Success<O> success) {
      count(outcomeTag(success.value()));
      if (output != null) {
        acks.add(output.send(success.value()));
      }
      return true;
    }
    if (outcome instanceof Outcome.Rejected<O> rejected) {
      Subject subject = subjectOf.apply(input);
      LOG.warn("{}: document {} ({}) rejected, {}: {}", stage.code(), subject.id(), subject.source(),
          rejected.reason().code(), rejected.message());
      count(rejected.reason().code());
      acks.add(deadLetters.publish(deadLetter(record, subject, rejected.reason(), rejected.errorClass(), rejected.message())));
      return true;
    }
    count("retry");
    return false;
  }

  private static String outcomeTag(Object value) {
    return value instanceof Enum<?> e ? e.toString().toLowerCase(java.util.Locale.ROOT) : "success";
  }

  private void count(String outcome) {
    meters.counter("newsflow." + stage.code() + ".records", "stage", stage.code(), "outcome", outcome).increment();
  }

  private DeadLetter deadLetter(ConsumerRecord<String, byte[]> record, Subject subject, FailureReason reason, String errorClass, String message) {
    DocumentId id = subject != null ? subject.id() : parseId(record.key());
    return new DeadLetter(DeadLetter.SCHEMA_VERSION, PipelineVersion.CURRENT, id,
        subject == null ? null : subject.source(), stage, reason, errorClass, message,
        new DeadLetter.Origin(record.topic(), record.partition(), record.offset()),
        subject == null ? 0 : subject.revision(), subject == null ? null : subject.jobId(), Instant.now());
  }

  private static DocumentId parseId(String key) {
    try {
      return key == null ? null : new DocumentId(key);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  /** Waits out {@code backoff} with the partitions paused, polling so the group keeps this member. */
  private boolean pauseFor(Duration backoff) {
    consumer.pause(consumer.assignment());
    try {
      long until = System.nanoTime() + backoff.toNanos();
      while (System.nanoTime() < until) {
        if (closed.get()) {
          return false;
        }
        try {
          consumer.poll(Duration.ofMillis(Math.min(200, Math.max(1, (until - System.nanoTime()) / 1_000_000))));
        } catch (WakeupException e) {
          return false;
        }
      }
      return true;
    } finally {
      if (!closed.get() && !yielding) {
        consumer.resume(consumer.assignment());
      }
    }
  }

  private void awaitAll(List<CompletableFuture<?>> acks) {
    try {
      CompletableFuture.allOf(acks.toArray(new CompletableFuture<?>[0])).get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      // Without the acknowledgements the offsets must not move: stop, and let the batch be redelivered.
      throw new IllegalStateException(stage.code() + ": could not publish outputs or dead letters: " + e.getMessage(), e);
    }
  }

  private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
    for (TopicPartition tp : records.partitions()) {
      List<ConsumerRecord<String, byte[]>> list = records.records(tp);
      offsets.put(tp, new OffsetAndMetadata(list.get(list.size() - 1).offset() + 1));
    }
    return offsets;
  }

  /** Stops the loop after its current batch (uncommitted work is redelivered later) and waits for it. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      consumer.wakeup();
    }
    try {
      finished.get(60, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.warn("{} stage did not stop within 60 s", stage.code());
    }
  }

  /** Builds a {@link StageRunner}; every setter is required except {@code output}, the backoffs and {@code yieldWhile}. */
  public static final class Builder<I, O> {
    private Stage stage;
    private Consumer<String, byte[]> consumer;
    private List<String> topics = List.of();
    private Decoder<I> decoder;
    private BatchStage<I, O> batchStage;
    private Output<O> output;
    private Function<I, Subject> subjectOf;
    private DocumentPublisher deadLetters;
    private Duration initialBackoff = Duration.ofMillis(200);
    private Duration maxBackoff = Duration.ofSeconds(30);
    private MeterRegistry meters;
    private java.util.function.BooleanSupplier yieldWhile;

    /**
     * Makes the runner pause its partitions while {@code busy} is true (checked before each poll)
     * and resume them after: e.g. batch enrichment yielding the CPU to a running import.
     */
    public Builder<I, O> yieldWhile(java.util.function.BooleanSupplier busy) { this.yieldWhile = busy; return this; }
    public Builder<I, O> stage(Stage stage) { this.stage = stage; return this; }
    public Builder<I, O> consumer(Consumer<String, byte[]> consumer) { this.consumer = consumer; return this; }
    public Builder<I, O> topics(List<String> topics) { this.topics = topics; return this; }
    public Builder<I, O> decoder(Decoder<I> decoder) { this.decoder = decoder; return this; }
    public Builder<I, O> batchStage(BatchStage<I, O> batchStage) { this.batchStage = batchStage; return this; }
    public Builder<I, O> output(Output<O> output) { this.output = output; return this; }
    public Builder<I, O> subjectOf(Function<I, Subject> subjectOf) { this.subjectOf = subjectOf; return this; }
    public Builder<I, O> deadLetters(DocumentPublisher deadLetters) { this.deadLetters = deadLetters; return this; }
    public Builder<I, O> backoff(Duration initial, Duration max) { this.initialBackoff = initial; this.maxBackoff = max; return this; }
    public Builder<I, O> meters(MeterRegistry meters) { this.meters = meters; return this; }

    public StageRunner<I, O> build() {
      return new StageRunner<>(this);
    }
  }
}
