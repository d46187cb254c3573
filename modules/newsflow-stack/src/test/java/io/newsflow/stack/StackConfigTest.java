package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackConfigTest {

  private final StackConfig defaults = StackConfig.defaults(Path.of("/work/.newsflow"), Path.of("/opt/newsflow/stack"));

  @Test
  void defaultsAreTheDocumentedPortsHeapsAndTimeout() {
    assertThat(defaults.kafkaPort()).isEqualTo(9092);
    assertThat(defaults.kafkaControllerPort()).isEqualTo(9093);
    assertThat(defaults.elasticsearchPort()).isEqualTo(9200);
    assertThat(defaults.elasticsearchTransportPort()).isEqualTo(9300);
    assertThat(defaults.kafkaHeap()).isEqualTo("512m");
    assertThat(defaults.elasticsearchHeap()).isEqualTo("512m");
    assertThat(defaults.startTimeout()).isEqualTo(Duration.ofSeconds(120));
    assertThat(defaults.jit()).isEqualTo(StackConfig.Jit.C1);
    assertThat(defaults.kafkaBootstrapServers()).isEqualTo("127.0.0.1:9092");
    assertThat(defaults.elasticsearchUrl()).isEqualTo(URI.create("http://127.0.0.1:9200"));
  }

  @Test
  void relativeDirectoriesAreMadeAbsolute() {
    StackConfig config = StackConfig.defaults(Path.of(".newsflow"), Path.of("stack/../stack"));
    assertThat(config.dataDir()).isEqualTo(Path.of("").toAbsolutePath().resolve(".newsflow"));
    assertThat(config.artifactsDir()).isEqualTo(Path.of("").toAbsolutePath().resolve("stack"));
  }

  @Test
  void aPortOutOfRangeIsRejectedNamingItsKey() {
    assertThatThrownBy(() -> defaults.withPorts(9092, 9093, 80, 9300))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stack.elasticsearch.port must be between 1024 and 65535, got 80");
    assertThatThrownBy(() -> defaults.withPorts(9092, 70000, 9200, 9300))
        .hasMessageStartingWith("stack.kafka.controller-port must be between");
  }

  @Test
  void twoServicesOnTheSamePortAreRejectedNamingBothKeys() {
    assertThatThrownBy(() -> defaults.withPorts(9092, 9093, 9200, 9093))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("stack.elasticsearch.transport-port 9093 is the same as stack.kafka.controller-port;"
            + " the four stack ports must all differ");
  }

  @Test
  void aHeapMustBeInJvmSizeSyntax() {
    assertThat(defaults.withHeaps("1g", "768M").elasticsearchHeap()).isEqualTo("768M");
    assertThatThrownBy(() -> defaults.withHeaps("512", "512m"))
        .hasMessage("stack.kafka.heap must be a JVM heap size like 512m or 1g, got 512");
    assertThatThrownBy(() -> defaults.withHeaps("512m", "-Xmx1g"))
        .hasMessageStartingWith("stack.elasticsearch.heap must be a JVM heap size");
  }

  @Test
  void theJitModeIsReadByItsCodeAndABadOneIsRejectedNamingTheVariable() {
    assertThat(defaults.withEnvironment(Map.of("NEWSFLOW_STACK_JIT", "tiered")).jit()).isEqualTo(StackConfig.Jit.TIERED);
    assertThat(StackConfig.Jit.C1.jvmOptions()).containsExactly("-XX:TieredStopAtLevel=1");
    assertThat(StackConfig.Jit.TIERED.jvmOptions()).isEmpty();
    assertThatThrownBy(() -> defaults.withEnvironment(Map.of("NEWSFLOW_STACK_JIT", "c2")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("NEWSFLOW_STACK_JIT must be c1 or tiered, got 'c2'");
  }

  @Test
  void theStartTimeoutMustBePositive() {
    assertThatThrownBy(() -> defaults.withStartTimeout(Duration.ZERO))
        .hasMessage("stack.start-timeout must be positive, got PT0S");
  }

  @Test
  void missingDirectoriesAreRejectedNamingTheKey() {
    assertThatThrownBy(() -> StackConfig.defaults(null, Path.of("stack"))).hasMessage("stack.data-dir must be set");
    assertThatThrownBy(() -> StackConfig.defaults(Path.of("data"), null)).hasMessage("stack.artifacts-dir must be set");
  }

  @Test
  void environmentVariablesAreTheKeysInUpperCase() {
    assertThat(StackConfig.environmentVariable(StackConfig.KAFKA_CONTROLLER_PORT)).isEqualTo("NEWSFLOW_STACK_KAFKA_CONTROLLER_PORT");
    assertThat(StackConfig.environmentVariable(StackConfig.START_TIMEOUT)).isEqualTo("NEWSFLOW_STACK_START_TIMEOUT");
  }

  @Test
  void theEnvironmentOverridesOnlyWhatItSets() {
    StackConfig config = defaults.withEnvironment(Map.of(
        "NEWSFLOW_STACK_ELASTICSEARCH_PORT", "19200",
        "NEWSFLOW_STACK_KAFKA_HEAP", "1g",
        "NEWSFLOW_STACK_START_TIMEOUT", "45",
        "NEWSFLOW_STACK_DATA_DIR", "/tmp/other",
        "UNRELATED", "x"));
    assertThat(config.elasticsearchPort()).isEqualTo(19200);
    assertThat(config.kafkaHeap()).isEqualTo("1g");
    assertThat(config.startTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/other"));
    assertThat(config.kafkaPort()).isEqualTo(9092);
    assertThat(config.artifactsDir()).isEqualTo(defaults.artifactsDir());
    assertThat(defaults.withEnvironment(Map.of("NEWSFLOW_STACK_START_TIMEOUT", "PT3M")).startTimeout())
        .isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void aBadEnvironmentValueIsRejectedNamingTheVariable() {
    assertThatThrownBy(() -> defaults.withEnvironment(Map.of("NEWSFLOW_STACK_KAFKA_PORT", "nine")))
        .hasMessage("NEWSFLOW_STACK_KAFKA_PORT must be a port number, got 'nine'");
    assertThatThrownBy(() -> defaults.withEnvironment(Map.of("NEWSFLOW_STACK_START_TIMEOUT", "2 minutes")))
        .hasMessageStartingWith("NEWSFLOW_STACK_START_TIMEOUT must be whole seconds or an ISO-8601 duration");
  }
}
