package io.newsflow.kafka;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/** Creates newsflow's topics when they are missing. */
public final class Topics {

  /**
   * Largest record newsflow writes: an extracted document carries the whole text (capped at a few
   * million characters by the extractor), well above Kafka's 1 MiB default.
   */
  public static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

  private Topics() {}

  /**
   * Creates the extracted and enrichments topics of both lanes, the stories topic and the dead-letter topic if they do not
   * exist. Existing topics are left as they are. The stories topic always has one partition (see
   * {@link KafkaConfig#storiesTopic()}).
   *
   * @throws IllegalStateException if Kafka cannot be reached or refuses to create them
   */
  public static void ensure(Admin admin, KafkaConfig config) {
    try {
      Set<String> existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      List<NewTopic> missing = new ArrayList<>();
      for (String name : List.of(config.extractedTopic(), config.enrichmentsTopic(), config.extractedTopic(Lane.BATCH),
          config.enrichmentsTopic(Lane.BATCH), config.deadLetterTopic())) {
        if (!existing.contains(name)) {
          missing.add(new NewTopic(name, config.partitions(), config.replicationFactor())
              .configs(Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES))));
        }
      }
      if (!existing.contains(config.storiesTopic())) {
        missing.add(new NewTopic(config.storiesTopic(), 1, config.replicationFactor())
            .configs(Map.of("max.message.bytes", String.valueOf(MAX_MESSAGE_BYTES))));
      }
      if (missing.isEmpty()) {
        return;
      }
      try {
        admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        // Another process creating the same topics at the same moment is fine.
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw e;
        }
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create Kafka topics at " + config.bootstrapServers() + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka topics", e);
    }
  }

  /**
   * Checks that the stories topic has exactly one partition: with more, two story-stage processes
   * could each take one and assign two story ids to one event.
   *
   * @throws IllegalStateException naming the topic and its partition count otherwise
   */
  public static void requireSingleStoriesPartition(Admin admin, KafkaConfig config) {
    String topic = config.storiesTopic();
    try {
      int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS)
          .get(topic).partitions().size();
      if (partitions != 1) {
        throw new IllegalStateException("topic " + topic + " has " + partitions + " partitions; the story stage needs exactly 1"
            + " (delete it and let newsflow create it again)");
      }
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot describe Kafka topic " + topic + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while describing Kafka topics", e);
    }
  }
}
