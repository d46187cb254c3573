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
   * Creates the extracted and enrichments topics of both lanes and the dead-letter topic if they do not exist. Existing topics
   * are left as they are.
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
}
