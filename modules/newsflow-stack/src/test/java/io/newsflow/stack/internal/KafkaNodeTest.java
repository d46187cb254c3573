package io.newsflow.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.stack.StackConfig;
import io.newsflow.stack.StackException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaNodeTest {

  @TempDir
  Path temp;

  private StackConfig config() {
    return StackConfig.defaults(temp.resolve("data"), temp.resolve("stack")).withPorts(19092, 19093, 19200, 19300);
  }

  @Test
  void theBrokerIsASingleKraftNodeOnLoopback() {
    Map<String, String> properties = KafkaNode.serverProperties(config(), StackLayout.of(config()));
    assertThat(properties)
        .containsEntry("process.roles", "broker,controller")
        .containsEntry("node.id", "1")
        .containsEntry("controller.quorum.voters", "1@127.0.0.1:19093")
        .containsEntry("listeners", "PLAINTEXT://127.0.0.1:19092,CONTROLLER://127.0.0.1:19093")
        .containsEntry("advertised.listeners", "PLAINTEXT://127.0.0.1:19092")
        .containsEntry("controller.listener.names", "CONTROLLER")
        .containsEntry("log.dirs", temp.resolve("data/kafka/data").toString())
        .containsEntry("offsets.topic.replication.factor", "1")
        .containsEntry("transaction.state.log.replication.factor", "1")
        .containsEntry("transaction.state.log.min.isr", "1")
        .containsEntry("group.initial.rebalance.delay.ms", "0")
        .containsEntry("auto.create.topics.enable", "false")
        .containsEntry("message.max.bytes", "16777216");
  }

  @Test
  void theRenderedFileReadsBackAsTheSameProperties() throws Exception {
    Map<String, String> properties = Map.of("log.dirs", "C:\\odd\\path", "node.id", "1");
    Properties read = new Properties();
    read.load(new StringReader(KafkaNode.render(properties)));
    assertThat(read).containsEntry("log.dirs", "C:\\odd\\path").containsEntry("node.id", "1");
  }

  @Test
  void prepareWritesThePropertiesAndKeepsTheClusterIdAcrossStarts() throws Exception {
    StackLayout layout = StackLayout.of(config());
    String first = KafkaNode.prepare(config(), layout);
    String second = KafkaNode.prepare(config(), layout);
    assertThat(second).isEqualTo(first).hasSize(22);
    assertThat(Files.readString(layout.kafkaProperties())).contains("listeners=PLAINTEXT://127.0.0.1:19092");
    assertThat(layout.kafkaLogDir()).isDirectory();
  }

  @Test
  void theCommandRunsBrokerMainOnTheDistClassPathWithTheConfiguredHeap() {
    StackLayout layout = StackLayout.of(config());
    List<String> command = KafkaNode.command(config().withHeaps("256m", "512m"), layout, "abc");
    assertThat(command.get(0)).endsWith("/bin/java");
    assertThat(command).contains("-Xmx256m", "-cp", temp.resolve("stack/kafka/*").toString());
    assertThat(command.subList(command.size() - 3, command.size()))
        .containsExactly("io.newsflow.broker.BrokerMain", layout.kafkaProperties().toString(), "abc");
    assertThat(command).contains("-XX:TieredStopAtLevel=1");
    assertThat(KafkaNode.command(config().withJit(StackConfig.Jit.TIERED), layout, "abc")).noneMatch(a -> a.contains("TieredStopAtLevel"));
  }

  @Test
  void aMissingBrokerClassPathSaysHowToGetIt() {
    assertThatThrownBy(() -> KafkaNode.requireClassPath(StackLayout.of(config())))
        .isInstanceOf(StackException.class)
        .hasMessage("Kafka broker class path not found at " + temp.resolve("stack/kafka") + " (no jar files): build the"
            + " project (./newsflow builds on first use, or mvn package) so Maven lays it out from Maven Central");
  }
}
