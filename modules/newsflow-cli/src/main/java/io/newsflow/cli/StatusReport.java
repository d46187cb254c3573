package io.newsflow.cli;

import co.elastic.clients.elasticsearch.cluster.HealthResponse;
import io.newsflow.kafka.KafkaConfig;
import io.newsflow.stack.LocalStack;
import io.newsflow.stack.ServiceState;
import io.newsflow.stack.StackState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Gathers the pipeline's health for {@code newsflow status} and the dashboard: the local stack, each
 * stage's consumer group with its lag per partition, and the index. A part that cannot be reached is
 * reported as an error in its place, not thrown.
 */
record StatusReport(Map<String, Object> values, boolean healthy) {

  static StatusReport collect(Environment env, Settings settings, Pipeline pipeline) {
    Map<String, Object> out = new LinkedHashMap<>();
    Long pid = UpCommand.runningPid(env);
    out.put("newsflow", pid == null ? Map.of("running", false) : Map.of("running", true, "pid", pid,
        "ready", java.nio.file.Files.exists(env.readyFile())));
    boolean healthy = true;
    if (settings.stackMode() == Settings.StackMode.LOCAL) {
      StackState state = LocalStack.state(env.stackConfig(settings));
      out.put("stack", Map.of("kafka", service(state.kafka()), "elasticsearch", service(state.elasticsearch())));
      healthy = state.running();
    } else {
      out.put("stack", Map.of("mode", "external"));
    }
    try {
      out.put("kafka", kafka(pipeline.admin(), pipeline.kafkaConfig()));
    } catch (RuntimeException e) {
      out.put("kafka", Map.of("error", Main.oneLine(e)));
      healthy = false;
    }
    try {
      HealthResponse health = pipeline.esClient().cluster().health();
      out.put("elasticsearch", Map.of("cluster", health.clusterName(), "health", health.status().jsonValue(),
          "index", pipeline.elasticsearchConfig().indexAlias(), "documents", pipeline.search().count()));
    } catch (Exception e) {
      out.put("elasticsearch", Map.of("error", Main.oneLine(e)));
      healthy = false;
    }
    return new StatusReport(out, healthy);
  }

  private static Map<String, Object> service(ServiceState s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", s.status().name().toLowerCase(java.util.Locale.ROOT));
    s.pid().ifPresent(p -> m.put("pid", p));
    m.put("address", s.address());
    return m;
  }

  private static Map<String, Object> kafka(Admin admin, KafkaConfig config) {
    try {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("bootstrap_servers", config.bootstrapServers());
      out.put("brokers", admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).size());
      List<Map<String, Object>> stages = new ArrayList<>();
      List<String[]> groups = new ArrayList<>(); // group, stage, lane
      for (io.newsflow.kafka.Lane laneOf : io.newsflow.kafka.Lane.values()) {
        String lane = laneOf.name().toLowerCase(java.util.Locale.ROOT);
        groups.add(new String[] {config.enrichGroup(laneOf), "enrich", lane});
        groups.add(new String[] {config.indexGroup(laneOf), "index", lane});
      }
      groups.add(new String[] {config.storyGroup(), "story", "all"});
      for (String[] g : groups) {
        String group = g[0];
        io.newsflow.kafka.Lane laneOf = g[2].equals("batch") ? io.newsflow.kafka.Lane.BATCH : io.newsflow.kafka.Lane.LIVE;
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get(10, TimeUnit.SECONDS).get(group);
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new LinkedHashMap<>();
        List<String> topics = g[1].equals("enrich") ? List.of(config.extractedTopic(laneOf))
            : g[1].equals("story") ? List.of(config.storiesTopic())
            : List.of(config.extractedTopic(laneOf), config.enrichmentsTopic(laneOf));
        for (String topic : topics) {
          var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS).get(topic).partitions();
          partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
        }
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
        long total = 0;
        Map<String, Long> lag = new LinkedHashMap<>();
        for (var e : ends.entrySet()) {
          OffsetAndMetadata c = committed.get(e.getKey());
          long l = e.getValue().offset() - (c == null ? 0 : c.offset());
          lag.put(e.getKey().toString(), l);
          total += l;
        }
        Map<String, Object> stage = new LinkedHashMap<>();
        stage.put("stage", g[1]);
        stage.put("lane", g[2]);
        stage.put("group", group);
        stage.put("members", description.members().size());
        stage.put("state", description.groupState().toString().toLowerCase(java.util.Locale.ROOT));
        stage.put("lag", total);
        stage.put("lag_per_partition", lag);
        stages.add(stage);
      }
      out.put("stages", stages);
      return out;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("Kafka at " + config.bootstrapServers() + " does not answer: "
          + (e.getCause() == null ? e : e.getCause()).getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
