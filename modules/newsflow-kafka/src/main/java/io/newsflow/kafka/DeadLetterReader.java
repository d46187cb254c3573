package io.newsflow.kafka;

import io.newsflow.api.DeadLetter;
import io.newsflow.api.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the dead-letter topic without joining a consumer group (it commits nothing), from a given
 * position onwards. Not thread-safe. Owns its consumer: close it.
 */
public final class DeadLetterReader implements AutoCloseable {

  /** A dead letter and where it sits on the dead-letter topic; {@link #ref()} names it in the API. */
  public record Located(DeadLetter letter, int partition, long offset) {
    public String ref() {
      return partition + "-" + offset;
    }
  }

  private final KafkaConsumer<String, byte[]> consumer;
  private final List<TopicPartition> partitions = new ArrayList<>();

  public DeadLetterReader(KafkaConfig config) {
    this.consumer = KafkaClients.consumer(config, "newsflow-reader-" + UUID.randomUUID(), "newsflow-deadletter-reader", 500);
    for (PartitionInfo p : consumer.partitionsFor(config.deadLetterTopic(), Duration.ofSeconds(30))) {
      partitions.add(new TopicPartition(p.topic(), p.partition()));
    }
    consumer.assign(partitions);
  }

  /** Returns the current end of every partition: pass it to {@link #readFrom} to see only what comes next. */
  public Map<TopicPartition, Long> endOffsets() {
    return new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30)));
  }

  /** Positions the reader at {@code offsets} (the start of the topic where absent). */
  public void seek(Map<TopicPartition, Long> offsets) {
    for (TopicPartition tp : partitions) {
      Long offset = offsets.get(tp);
      if (offset == null) {
        consumer.seekToBeginning(List.of(tp));
      } else {
        consumer.seek(tp, offset);
      }
    }
  }

  /** Returns the dead letters that arrived since the last call (waits at most {@code timeout}). */
  public List<DeadLetter> poll(Duration timeout) {
    return pollLocated(timeout).stream().map(Located::letter).toList();
  }

  /** Like {@link #poll}, with each letter's position on the topic. */
  public List<Located> pollLocated(Duration timeout) {
    List<Located> letters = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
      try {
        letters.add(new Located(Json.decode(record.value(), DeadLetter.class), record.partition(), record.offset()));
      } catch (IllegalArgumentException e) {
        // A foreign record on our topic: not ours to interpret.
      }
    }
    return letters;
  }

  /** Reads every dead letter from the beginning up to the current end. */
  public List<DeadLetter> readAll() {
    Map<TopicPartition, Long> end = endOffsets();
    seek(Map.of());
    List<DeadLetter> all = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (System.nanoTime() < deadline && !reached(end)) {
      all.addAll(poll(Duration.ofMillis(200)));
    }
    return all;
  }

  /** Returns up to {@code limit} of the most recent dead letters, newest first. */
  public List<Located> latest(int limit) {
    Map<TopicPartition, Long> end = endOffsets();
    Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, Duration.ofSeconds(30));
    Map<TopicPartition, Long> from = new HashMap<>();
    for (TopicPartition tp : partitions) {
      from.put(tp, Math.max(begin.getOrDefault(tp, 0L), end.getOrDefault(tp, 0L) - limit));
    }
    seek(from);
    List<Located> recent = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && !reached(end)) {
      recent.addAll(pollLocated(Duration.ofMillis(100)));
    }
    recent.sort(java.util.Comparator.comparing((Located l) -> l.letter().failedAt()).reversed());
    return recent.size() > limit ? List.copyOf(recent.subList(0, limit)) : recent;
  }

  private boolean reached(Map<TopicPartition, Long> end) {
    for (TopicPartition tp : partitions) {
      if (consumer.position(tp) < end.getOrDefault(tp, 0L)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
