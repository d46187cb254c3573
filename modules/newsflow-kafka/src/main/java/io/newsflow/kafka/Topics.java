package io.newsflow.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

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
   * <p>Returns only when the leader of every partition of the topics it had to create serves
   * requests for it (see {@link #awaitLeaders}).
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
      awaitLeaders(admin, missing.stream().map(NewTopic::name).toList());
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("cannot create Kafka topics at " + config.bootstrapServers() + ": "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating Kafka topics", e);
    }
  }

  /**
   * Waits until the leader of every partition of {@code topics} answers a ListOffsets request for it.
   *
   * <p>Why: CreateTopics returns once the controller has committed the new topics, and the broker
   * lists them in its metadata a moment before its replica manager has opened their partitions.
   * Produce requests in that moment fail with NOT_LEADER_OR_FOLLOWER, and an idempotent producer
   * with several requests in flight can then have a later request appended first: the broker keeps
   * no producer state for a new partition and accepts any first sequence number. Every retry of the
   * earlier request is then refused with OUT_OF_ORDER_SEQUENCE_NUMBER until delivery.timeout.ms
   * (two minutes) expires it and its records are lost (KAFKA-15591, fixed in the broker from Kafka
   * 4.5). A ListOffsets request goes through the same leader check as a produce request and the
   * admin client retries it on NOT_LEADER_OR_FOLLOWER, so once it succeeds for every partition, the
   * first produce request cannot be refused that way.
   */
  static void awaitLeaders(Admin admin, List<String> topics) throws ExecutionException, TimeoutException, InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (true) {
      long remainingMs = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
      try {
        // The partitions the topics have, not the ones asked for: another process may have created them first.
        Map<String, TopicDescription> described = admin.describeTopics(topics).allTopicNames().get(remainingMs, TimeUnit.MILLISECONDS);
        Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
        described.forEach((name, description) -> description.partitions()
            .forEach(p -> partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        admin.listOffsets(partitions, new ListOffsetsOptions().timeoutMs((int) Math.min(Integer.MAX_VALUE, remainingMs)))
            .all().get(remainingMs + 5_000, TimeUnit.MILLISECONDS);
        return;
      } catch (ExecutionException e) {
        if (!notYetListed(e.getCause()) || System.nanoTime() - deadline > 0) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  /**
   * The broker lists a new topic in its metadata a moment after the controller has committed it, so
   * right after CreateTopics a describe can still answer "unknown topic"; the admin client does not
   * retry that itself (it is the right answer for a topic that does not exist).
   */
  private static boolean notYetListed(Throwable cause) {
    return cause instanceof UnknownTopicOrPartitionException;
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
