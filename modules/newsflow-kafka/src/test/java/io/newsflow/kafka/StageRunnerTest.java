package io.newsflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.api.DeadLetter;
import io.newsflow.api.DocumentId;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Json;
import io.newsflow.api.Outcome;
import io.newsflow.api.Stage;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetResetStrategy;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * Tests the runner's own logic (dead-lettering, retries, commits) with Kafka's in-memory client
 * doubles. The pipeline itself is tested on a real broker in the CLI's integration tests.
 */
class StageRunnerTest {

  private static final KafkaConfig CONFIG = new KafkaConfig("localhost:9092", "t.", 1, (short) 1, Map.of());
  private static final TopicPartition IN = new TopicPartition("t.in", 0);

  private final MockConsumer<String, byte[]> consumer = new MockConsumer<>(OffsetResetStrategy.EARLIEST);
  private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());

  private static String key(int i) {
    return DocumentId.ofSource(URI.create("file:///d/" + i)).value();
  }

  private StageRunner<String, String> runner(io.newsflow.api.BatchStage<String, String> stage, List<String> outputs) {
    return runner(stage, outputs, null);
  }

  private StageRunner<String, String> runner(io.newsflow.api.BatchStage<String, String> stage, List<String> outputs,
      java.util.function.BooleanSupplier yieldWhile) {
    consumer.schedulePollTask(() -> {
      consumer.rebalance(List.of(IN));
      consumer.updateBeginningOffsets(Map.of(IN, 0L));
    });
    return StageRunner.<String, String>builder()
        .stage(Stage.ENRICH)
        .consumer(consumer)
        .topics(List.of("t.in"))
        .decoder((topic, value) -> {
          String s = new String(value);
          if (s.startsWith("poison")) {
            throw new IllegalArgumentException("not a record: " + s);
          }
          return s;
        })
        .batchStage(stage)
        .output(v -> {
          outputs.add(v);
          return java.util.concurrent.CompletableFuture.completedFuture(null);
        })
        .subjectOf(s -> new StageRunner.Subject(new DocumentId(key(0)), "file:///d/" + s, 1, "job"))
        .deadLetters(new DocumentPublisher(producer, CONFIG))
        .backoff(Duration.ofMillis(5), Duration.ofMillis(20))
        .meters(new SimpleMeterRegistry())
        .yieldWhile(yieldWhile)
        .build();
  }

  private void feed(String... values) {
    for (int i = 0; i < values.length; i++) {
      int offset = i;
      String v = values[i];
      consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>("t.in", 0, offset, key(offset), v.getBytes())));
    }
  }

  private List<DeadLetter> deadLetters() {
    List<DeadLetter> letters = new ArrayList<>();
    producer.history().stream().filter(r -> r.topic().equals("t.deadletter"))
        .forEach(r -> letters.add(Json.decode(r.value(), DeadLetter.class)));
    return letters;
  }

  @Test
  void aPoisonRecordAndARejectedDocumentAreDeadLetteredAndTheRestFlowsAndIsCommitted() throws Exception {
    List<String> outputs = new CopyOnWriteArrayList<>();
    StageRunner<String, String> runner = runner(batch -> batch.stream()
        .map(s -> s.equals("bad") ? Outcome.<String>rejected(FailureReason.CORRUPT, "bad document") : Outcome.success(s.toUpperCase()))
        .toList(), outputs);
    feed("a", "poison-1", "bad", "b");
    Thread thread = new Thread(runner);
    thread.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> consumer.committed(java.util.Set.of(IN)).get(IN) != null
        && consumer.committed(java.util.Set.of(IN)).get(IN).offset() == 4);
    runner.close();

    assertThat(outputs).containsExactly("A", "B");
    assertThat(deadLetters()).extracting(DeadLetter::reason).containsExactlyInAnyOrder(FailureReason.INVALID_RECORD, FailureReason.CORRUPT);
    DeadLetter poison = deadLetters().stream().filter(d -> d.reason() == FailureReason.INVALID_RECORD).findFirst().orElseThrow();
    assertThat(poison.origin()).isEqualTo(new DeadLetter.Origin("t.in", 0, 1));
    assertThat(poison.stage()).isEqualTo(Stage.ENRICH);
    assertThat(producer.history().stream().filter(r -> r.topic().equals("t.deadletter")).findFirst().orElseThrow()
        .headers().lastHeader("newsflow.dlt.source.topic")).isNotNull();
  }

  @Test
  void aYieldingRunnerHoldsItsRecordsWhileAskedAndThenDeliversEveryOne() throws Exception {
    List<String> outputs = new CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean importing = new java.util.concurrent.atomic.AtomicBoolean(true);
    StageRunner<String, String> runner = runner(batch -> batch.stream().map(Outcome::success).toList(), outputs, importing::get);
    feed("a", "b", "c");
    Thread thread = new Thread(runner);
    thread.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> consumer.paused().contains(IN));
    Thread.sleep(1_000); // several polls while paused
    assertThat(outputs).isEmpty();
    assertThat(consumer.committed(java.util.Set.of(IN)).get(IN)).isNull();

    importing.set(false);
    await().atMost(Duration.ofSeconds(10)).until(() -> consumer.committed(java.util.Set.of(IN)).get(IN) != null
        && consumer.committed(java.util.Set.of(IN)).get(IN).offset() == 3);
    runner.close();

    assertThat(outputs).containsExactly("a", "b", "c");
    assertThat(consumer.paused()).isEmpty();
  }

  @Test
  void aRecordThatBreaksTheStageAloneIsIsolatedAndTheOthersStillPass() {
    List<String> outputs = new CopyOnWriteArrayList<>();
    StageRunner<String, String> runner = runner(batch -> {
      if (batch.contains("boom")) {
        throw new IllegalStateException("stage bug on boom");
      }
      return batch.stream().map(Outcome::success).toList();
    }, outputs);
    feed("a", "boom", "c");
    Thread thread = new Thread(runner);
    thread.start();

    await().atMost(Duration.ofSeconds(10)).until(() -> consumer.committed(java.util.Set.of(IN)).get(IN) != null
        && consumer.committed(java.util.Set.of(IN)).get(IN).offset() == 3);
    runner.close();

    assertThat(outputs).containsExactlyInAnyOrder("a", "c");
    assertThat(deadLetters()).singleElement().satisfies(d -> {
      assertThat(d.reason()).isEqualTo(FailureReason.INTERNAL);
      assertThat(d.message()).contains("stage bug on boom");
    });
  }

  @Test
  void nothingIsCommittedOrDeadLetteredWhileTheBackendIsDown() {
    AtomicInteger calls = new AtomicInteger();
    StageRunner<String, String> runner = runner(batch -> {
      calls.incrementAndGet();
      return batch.stream().map(s -> (Outcome<String>) new Outcome.Retryable<String>("Elasticsearch unreachable", null)).toList();
    }, new ArrayList<>());
    feed("a", "b");
    Thread thread = new Thread(runner);
    thread.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> calls.get() > 2 * StageRunner.MAX_LONE_ATTEMPTS);
    assertThat(consumer.committed(java.util.Set.of(IN)).get(IN)).isNull();
    assertThat(deadLetters()).isEmpty();
    runner.close();
  }

  @Test
  void aLoneRecordThatKeepsBreakingTheStageIsEventuallyDeadLetteredSoItsPartitionMovesOn() {
    List<String> outputs = new CopyOnWriteArrayList<>();
    StageRunner<String, String> runner = runner(batch -> {
      if (batch.contains("boom")) {
        throw new IllegalStateException("stage bug on boom");
      }
      return batch.stream().map(Outcome::success).toList();
    }, outputs);
    feed("boom");
    Thread thread = new Thread(runner);
    thread.start();

    await().atMost(Duration.ofSeconds(20)).until(() -> consumer.committed(java.util.Set.of(IN)).get(IN) != null
        && consumer.committed(java.util.Set.of(IN)).get(IN).offset() == 1);
    runner.close();

    assertThat(deadLetters()).singleElement().extracting(DeadLetter::reason).isEqualTo(FailureReason.INTERNAL);
  }
}
