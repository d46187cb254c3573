package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts a real Kafka and Elasticsearch once for this class and stops them at the end. Needs a
 * laid-out distribution's {@code stack} directory, looked up in this order: system property
 * {@code newsflow.stack.artifacts}, {@code <newsflow.home>/stack}, then the CLI module's
 * {@code target/newsflow/stack}; skipped when none holds the Elasticsearch zip. Uses free ports
 * and a data dir under {@code target/}, so it does not meet a developer's own stack.
 */
class LocalStackIT {

  private static StackConfig config;
  private static LocalStack stack;

  @BeforeAll
  static void startStack() throws IOException {
    Optional<Path> artifacts = artifactsDir();
    Assumptions.assumeTrue(artifacts.isPresent(), "no laid-out distribution; build newsflow-cli or pass -Dnewsflow.stack.artifacts");
    int[] ports = freePorts();
    config = StackConfig.defaults(Path.of("target", "stack-it").toAbsolutePath(), artifacts.get())
        .withPorts(ports[0], ports[1], ports[2], ports[3]);
    stack = LocalStack.start(config);
  }

  @AfterAll
  static void stopStack() {
    if (stack == null) {
      return;
    }
    StackState running = LocalStack.state(config);
    stack.close();
    stack.close();
    StackState stopped = LocalStack.state(config);
    assertThat(stopped.kafka().status()).isEqualTo(ServiceState.Status.STOPPED);
    assertThat(stopped.elasticsearch().status()).isEqualTo(ServiceState.Status.STOPPED);
    // close() returns once the processes have exited; the JDK reaps its children a moment later.
    Stream.of(running.kafka().pid(), running.elasticsearch().pid()).forEach(pid -> Awaitility.await()
        .atMost(Duration.ofSeconds(5))
        .until(() -> ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive).isEmpty()));
    assertThat(config.dataDir().resolve("kafka.pid")).doesNotExist();
    assertThat(config.dataDir().resolve("elasticsearch.pid")).doesNotExist();
  }

  @Test
  void kafkaCreatesATopic() throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
      // The data dir survives between runs (a warm start is the fast path), so are its topics.
      String topic = "local-stack-it-" + System.currentTimeMillis();
      admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      // CreateTopics returns when the controller has committed the topic; the broker lists it a moment later.
      Awaitility.await().atMost(Duration.ofSeconds(10))
          .untilAsserted(() -> assertThat(admin.listTopics().names().get()).contains(topic));
    }
  }

  @Test
  void elasticsearchIsHealthy() throws Exception {
    HttpResponse<String> health = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(stack.elasticsearchUrl().resolve("/_cluster/health")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).containsAnyOf("\"status\":\"green\"", "\"status\":\"yellow\"");
    assertThat(stack.elasticsearchUrl()).isEqualTo(URI.create("http://127.0.0.1:" + config.elasticsearchPort()));
  }

  @Test
  void stateReportsBothServicesRunning() {
    StackState state = LocalStack.state(config);
    assertThat(state.running()).as(state.describe()).isTrue();
  }

  @Test
  void startingAgainFromTheSameDataDirReusesTheRunningStackAndLeavesItRunning() {
    try (LocalStack again = LocalStack.start(config)) {
      assertThat(again.reused()).isTrue();
    }
    assertThat(LocalStack.state(config).running()).isTrue();
  }

  @Test
  void anotherStackOnTakenPortsFailsNamingThePort() {
    StackConfig other = config.withDataDir(config.dataDir().resolveSibling("stack-it-other"));
    assertThatThrownBy(() -> LocalStack.start(other))
        .isInstanceOf(StackException.class)
        .hasMessage("port " + config.kafkaPort() + " (stack.kafka.port) is already in use on 127.0.0.1;"
            + " stop what uses it or set NEWSFLOW_STACK_KAFKA_PORT to a free port");
  }

  private static Optional<Path> artifactsDir() {
    Stream<String> candidates = Stream.of(
        System.getProperty("newsflow.stack.artifacts"),
        System.getProperty("newsflow.home") == null ? null : Path.of(System.getProperty("newsflow.home"), "stack").toString(),
        Path.of("..", "newsflow-cli", "target", "newsflow", "stack").toString());
    return candidates.filter(candidate -> candidate != null && !candidate.isBlank())
        .map(candidate -> Path.of(candidate).toAbsolutePath().normalize())
        .filter(dir -> Files.isRegularFile(dir.resolve("elasticsearch-8.19.21.zip")))
        .findFirst();
  }

  // Held open together so the four are distinct; released just before the stack binds them.
  private static int[] freePorts() throws IOException {
    try (ServerSocket a = listen(); ServerSocket b = listen(); ServerSocket c = listen(); ServerSocket d = listen()) {
      return new int[] {a.getLocalPort(), b.getLocalPort(), c.getLocalPort(), d.getLocalPort()};
    }
  }

  private static ServerSocket listen() throws IOException {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return socket;
  }
}
