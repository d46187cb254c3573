package io.newsflow.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Puts a record that a stage dead-lettered back on the topic it came from, unchanged (same key, same
 * value, same headers), so the stage sees it again once the cause is fixed. Not thread-safe. Owns its
 * consumer, not the producer.
 */
public final class Replays implements AutoCloseable {

  private final KafkaConsumer<String, byte[]> consumer;
  private final Producer<String, byte[]> producer;

  public Replays(KafkaConfig config, Producer<String, byte[]> producer) {
    this.consumer = KafkaClients.consumer(config, "newsflow-replay-" + UUID.randomUUID(), "newsflow-replay", 1);
    this.producer = producer;
  }

  /**
   * Re-publishes the record at {@code topic}/{@code partition}/{@code offset}.
   *
   * @return the acknowledgement of the new copy, or empty if the record is gone (deleted by retention)
   */
  public Optional<CompletableFuture<RecordMetadata>> replay(String topic, int partition, long offset) {
    TopicPartition tp = new TopicPartition(topic, partition);
    consumer.assign(List.of(tp));
    consumer.seek(tp, offset);
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        if (record.offset() == offset) {
          CompletableFuture<RecordMetadata> ack = new CompletableFuture<>();
          producer.send(new ProducerRecord<>(topic, null, record.key(), record.value(), record.headers()), (m, e) -> {
            if (e != null) {
              ack.completeExceptionally(e);
            } else {
              ack.complete(m);
            }
          });
          return Optional.of(ack);
        }
        if (record.offset() > offset) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    consumer.close(Duration.ofSeconds(5));
  }
}
