package io.newsflow.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Configures newsflow's Kafka side: where the brokers are, the topic names and how they are created.
 * Raw Kafka client settings (TLS, SASL, timeouts) pass through unchanged in {@code clientProperties},
 * so anything the Kafka clients support works against an external cluster.
 *
 * @param bootstrapServers {@code host:port[,host:port...]}; key {@code kafka.bootstrap-servers}
 * @param topicPrefix prefix of every topic name; key {@code kafka.topic-prefix}
 * @param partitions partitions of each topic when newsflow creates it; key {@code kafka.partitions}
 * @param replicationFactor replication factor when newsflow creates a topic; key {@code kafka.replication-factor}
 * @param clientProperties raw client settings; keys {@code kafka.client.*}
 */
public record KafkaConfig(
    String bootstrapServers,
    String topicPrefix,
    int partitions,
    short replicationFactor,
    Map<String, String> clientProperties) {

  /** Client settings whose values are secrets: never printed. */
  private static final Set<String> SECRET_KEYS = Set.of(
      "sasl.jaas.config", "ssl.key.password", "ssl.keystore.password", "ssl.truststore.password",
      "ssl.keystore.key", "ssl.truststore.certificates", "ssl.keystore.certificate.chain");

  public KafkaConfig {
    if (bootstrapServers == null || bootstrapServers.isBlank()) {
      throw new IllegalArgumentException("kafka.bootstrap-servers must not be empty");
    }
    for (String server : bootstrapServers.split(",")) {
      if (!server.trim().matches("[^:\\s]+:\\d{1,5}")) {
        throw new IllegalArgumentException("kafka.bootstrap-servers: '" + server.trim() + "' is not host:port");
      }
    }
    if (topicPrefix == null || !topicPrefix.matches("[a-zA-Z0-9._-]*")) {
      throw new IllegalArgumentException("kafka.topic-prefix may only contain letters, digits, '.', '_' and '-', got: " + topicPrefix);
    }
    if (partitions < 1 || partitions > 1000) {
      throw new IllegalArgumentException("kafka.partitions must be between 1 and 1000, got " + partitions);
    }
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("kafka.replication-factor must be >= 1, got " + replicationFactor);
    }
    clientProperties = clientProperties == null ? Map.of() : Map.copyOf(clientProperties);
  }

  public String extractedTopic() {
    return topicPrefix + "extracted";
  }

  public String enrichmentsTopic() {
    return topicPrefix + "enrichments";
  }

  /** Topic of extracted documents in {@code lane}. */
  public String extractedTopic(Lane lane) {
    return lane == Lane.LIVE ? extractedTopic() : topicPrefix + "extracted-batch";
  }

  /** Topic of enrichments in {@code lane}. */
  public String enrichmentsTopic(Lane lane) {
    return lane == Lane.LIVE ? enrichmentsTopic() : topicPrefix + "enrichments-batch";
  }

  /** Consumer group of the enrich stage in {@code lane}. */
  public String enrichGroup(Lane lane) {
    return lane == Lane.LIVE ? enrichGroup() : topicPrefix + "enrich-batch";
  }

  /** Consumer group of the index stage in {@code lane}. */
  public String indexGroup(Lane lane) {
    return lane == Lane.LIVE ? indexGroup() : topicPrefix + "index-batch";
  }

  /**
   * Topic of the story stage: the enrichments again, on a single partition, so that one consumer at a
   * time sees every document in one order and is the only writer of story ids.
   */
  public String storiesTopic() {
    return topicPrefix + "stories";
  }

  public String deadLetterTopic() {
    return topicPrefix + "deadletter";
  }

  /** Consumer group of the enrich stage; derived from the prefix so separate pipelines never share one. */
  public String enrichGroup() {
    return topicPrefix + "enrich";
  }

  /** Consumer group of the story stage. */
  public String storyGroup() {
    return topicPrefix + "story";
  }

  /** Consumer group of the index stage. */
  public String indexGroup() {
    return topicPrefix + "index";
  }

  @Override
  public String toString() {
    Map<String, String> shown = new TreeMap<>();
    clientProperties.forEach((k, v) -> shown.put(k, SECRET_KEYS.contains(k) || k.contains("password") ? "****" : v));
    return "KafkaConfig[bootstrapServers=" + bootstrapServers + ", topicPrefix=" + topicPrefix
        + ", partitions=" + partitions + ", replicationFactor=" + replicationFactor
        + ", clientProperties=" + shown + "]";
  }

  /** Returns a copy pointing at other brokers, keeping every other setting. */
  public KafkaConfig withBootstrapServers(String servers) {
    return new KafkaConfig(servers, topicPrefix, partitions, replicationFactor, clientProperties);
  }

  Map<String, Object> baseClientProperties() {
    Map<String, Object> props = new java.util.HashMap<>(clientProperties);
    props.put("bootstrap.servers", bootstrapServers);
    return props;
  }

  static String requireNonBlank(String value, String key) {
    Objects.requireNonNull(value, key);
    return value;
  }
}
