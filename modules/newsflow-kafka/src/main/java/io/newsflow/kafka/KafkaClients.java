package io.newsflow.kafka;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Builds the Kafka clients newsflow uses, with its defaults applied under the user's pass-through
 * settings. The caller owns and closes what it gets.
 */
public final class KafkaClients {

  private KafkaClients() {}

  public static Admin admin(KafkaConfig config) {
    return Admin.create(config.baseClientProperties());
  }

  /** Returns an idempotent producer: acks=all, so an acknowledged record survives a broker restart. */
  public static KafkaProducer<String, byte[]> producer(KafkaConfig config, String clientId) {
    Map<String, Object> props = new java.util.HashMap<>();
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // lz4 is pure Java here and roughly halves article text on the wire.
    props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Topics.MAX_MESSAGE_BYTES);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.putAll(config.baseClientProperties());
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }

  /** How much a gathering consumer asks the broker to collect before a fetch returns. */
  static final int GATHER_BYTES = 256 * 1024;

  /** Returns a consumer in {@code groupId} that never commits on its own: the stage runner commits. */
  public static KafkaConsumer<String, byte[]> consumer(KafkaConfig config, String groupId, String clientId, int maxPollRecords) {
    return consumer(config, groupId, clientId, maxPollRecords, java.time.Duration.ZERO);
  }

  /**
   * Returns a consumer in {@code groupId} that never commits on its own and, if {@code gather} is
   * positive, lets the broker collect up to {@value #GATHER_BYTES} bytes or {@code gather} before a
   * fetch returns: fewer, fuller batches for a stage whose cost is per request (a bulk request and
   * its translog fsync in Elasticsearch), at up to {@code gather} of added latency.
   */
  public static KafkaConsumer<String, byte[]> consumer(KafkaConfig config, String groupId, String clientId, int maxPollRecords,
      java.time.Duration gather) {
    Map<String, Object> props = new java.util.HashMap<>(gatherProperties(gather));
    props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
    props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords);
    props.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, Topics.MAX_MESSAGE_BYTES);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.putAll(config.baseClientProperties());
    return new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
  }

  /** Returns the fetch properties of a consumer that gathers for up to {@code gather}; none for zero. */
  static Map<String, Object> gatherProperties(java.time.Duration gather) {
    if (gather.isNegative()) {
      throw new IllegalArgumentException("gather must be >= 0, got " + gather);
    }
    if (gather.isZero()) {
      return Map.of();
    }
    return Map.of(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, GATHER_BYTES,
        ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) Math.min(Integer.MAX_VALUE, gather.toMillis()));
  }
}
