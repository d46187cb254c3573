package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.kafka.KafkaClients;
import io.newsflow.kafka.KafkaConfig;
import io.newsflow.kafka.Lane;
import io.newsflow.kafka.Topics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topics {@link Topics#ensure} creates take a produce request as soon as it returns. Before it
 * waited for that, the first import into a fresh stack could send its first requests while the
 * broker had not yet opened the new partitions: NOT_LEADER_OR_FOLLOWER, then, with the idempotent
 * producer's requests reordered, OUT_OF_ORDER_SEQUENCE_NUMBER until the batch expired two minutes
 * later (KAFKA-15591; seen once as an IndexerCrashIT failure on CI).
 */
class TopicsIT {

  /** Several fresh sets of topics: the window the test looks for lasts milliseconds. */
  private static final int ROUNDS = 5;

  @Test
  void everyPartitionOfNewTopicsTakesAProduceRequestAsSoonAsEnsureReturns(@TempDir Path dir) throws Exception {
    TestStack.config();
    String run = "topics" + Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    List<String> refused = new ArrayList<>();
    int sent = 0;
    for (int round = 0; round < ROUNDS; round++) {
      Path config = TestStack.writeConfig(dir.resolve("topics-" + round + ".properties"),
          Map.of("kafka.topic-prefix", run + "r" + round + "."));
      KafkaConfig kafka = Settings.load(config, Map.of(), TestStack.dataDir()).kafka();
      // Made before the topics, so the sends follow ensure() as closely as they would in an import.
      try (Admin admin = KafkaClients.admin(kafka); KafkaProducer<String, byte[]> probe = probe(kafka)) {
        Topics.ensure(admin, kafka);
        Map<String, Future<RecordMetadata>> sends = new HashMap<>();
        for (String topic : List.of(kafka.extractedTopic(), kafka.enrichmentsTopic(), kafka.extractedTopic(Lane.BATCH),
            kafka.enrichmentsTopic(Lane.BATCH), kafka.deadLetterTopic())) {
          for (int p = 0; p < kafka.partitions(); p++) {
            sends.put(topic + "-" + p, probe.send(new ProducerRecord<>(topic, p, "k", new byte[] {1})));
          }
        }
        sends.put(kafka.storiesTopic() + "-0", probe.send(new ProducerRecord<>(kafka.storiesTopic(), 0, "k", new byte[] {1})));
        for (var send : sends.entrySet()) {
          try {
            send.getValue().get();
          } catch (ExecutionException e) {
            refused.add(send.getKey() + ": " + e.getCause());
          }
        }
        sent += sends.size();
      }
    }
    assertThat(sent).isEqualTo(ROUNDS * (5 * 3 + 1));
    assertThat(refused).as("produce requests refused right after Topics.ensure").isEmpty();
  }

  /** A producer that does not retry, so a partition without a serving leader shows as a failed send. */
  private static KafkaProducer<String, byte[]> probe(KafkaConfig kafka) {
    Map<String, Object> props = new HashMap<>(kafka.clientProperties());
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    props.put(ProducerConfig.RETRIES_CONFIG, 0);
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, "topics-it-probe");
    return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
  }
}
