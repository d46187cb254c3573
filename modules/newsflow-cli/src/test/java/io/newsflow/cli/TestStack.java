package io.newsflow.cli;

import io.newsflow.api.Stage;
import io.newsflow.stack.LocalStack;
import io.newsflow.stack.StackConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

/**
 * Starts one real Kafka and one real Elasticsearch for the whole integration-test run (not per test
 * class), with the project's own stack code, plus one pipeline running every stage against them.
 * They stop when the test JVM exits.
 */
final class TestStack {

  /** Ports are base+92, +93, +200, +300; set -Dnewsflow.it.port-base to run two test runs side by side. */
  static final int PORT_BASE = Integer.getInteger("newsflow.it.port-base", 29000);
  static final int KAFKA_PORT = PORT_BASE + 92;
  static final int KAFKA_CONTROLLER_PORT = PORT_BASE + 93;
  static final int ELASTICSEARCH_PORT = PORT_BASE + 200;
  static final int ELASTICSEARCH_TRANSPORT_PORT = PORT_BASE + 300;

  private static LocalStack stack;
  private static Pipeline pipeline;
  private static Path config;
  private static io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters;

  private TestStack() {}

  /** Returns the configuration file pointing at the test stack, starting it on first use. */
  static synchronized Path config() {
    if (stack == null) {
      start();
    }
    return config;
  }

  static synchronized Pipeline pipeline() {
    config();
    return pipeline;
  }

  /** Returns the test pipeline's meters, as {@code /metrics} serves them. */
  static synchronized io.micrometer.prometheusmetrics.PrometheusMeterRegistry meters() {
    config();
    return meters;
  }

  /** Parses a command's JSON output. */
  static com.fasterxml.jackson.databind.JsonNode json(String text) throws IOException {
    return io.newsflow.api.Json.mapper().readTree(text.trim());
  }

  /** A word no other test uses, so each test can count its own documents. */
  static String uniqueWord() {
    return "zq" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  /** How many documents `newsflow search` finds for {@code word}. */
  static long hitsFor(String word) throws IOException {
    Run run = cli("search", "--json", "--size", "100", word);
    org.assertj.core.api.Assertions.assertThat(run.exitCode()).as(run.err()).isZero();
    return json(run.out()).get("total").asLong();
  }

  static Path dataDir() {
    return Path.of(System.getProperty("newsflow.data-dir")).toAbsolutePath();
  }

  /**
   * The last {@code lines} lines of the test broker's log, for a failure message: the stack's data
   * directory goes away with a CI clone, and the broker's view is the other half of a client error.
   */
  static String kafkaLogTail(int lines) {
    Path log = dataDir().resolve("logs").resolve("kafka.log");
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException | UncheckedIOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }

  static Path distribution() {
    return Path.of(System.getProperty("newsflow.home")).toAbsolutePath();
  }

  static Path root() {
    return Path.of(System.getProperty("newsflow.root")).toAbsolutePath().normalize();
  }

  private static void start() {
    try {
      // Every run starts from empty Kafka and Elasticsearch, as on CI's fresh clone: documents left by an earlier run
      // would otherwise be recognised as already indexed (or as duplicates) and change what the tests see.
      deleteRecursively(dataDir());
      Files.createDirectories(dataDir());
      StackConfig stackConfig = StackConfig.defaults(dataDir(), distribution().resolve("stack"))
          .withPorts(KAFKA_PORT, KAFKA_CONTROLLER_PORT, ELASTICSEARCH_PORT, ELASTICSEARCH_TRANSPORT_PORT)
          .withHeaps("384m", "768m");
      stack = LocalStack.start(stackConfig);
      config = writeConfig(dataDir().resolve("it.properties"), Map.of());
      Settings settings = Settings.load(config, Map.of(), dataDir());
      // The registry `newsflow up` serves on /metrics, so tests can check what Prometheus would scrape.
      meters = Metrics.prometheus();
      pipeline = new Pipeline(settings, meters).prepare();
      pipeline.startStages(EnumSet.allOf(Stage.class));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        pipeline.close();
        stack.close();
      }));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (var paths = Files.walk(dir)) {
      for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Writes a configuration file for the test stack, with {@code overrides} on top. */
  static Path writeConfig(Path file, Map<String, String> overrides) throws IOException {
    Map<String, String> values = new java.util.LinkedHashMap<>();
    values.put("stack.mode", "local");
    values.put("stack.kafka.port", String.valueOf(KAFKA_PORT));
    values.put("stack.kafka.controller-port", String.valueOf(KAFKA_CONTROLLER_PORT));
    values.put("stack.elasticsearch.port", String.valueOf(ELASTICSEARCH_PORT));
    values.put("stack.elasticsearch.transport-port", String.valueOf(ELASTICSEARCH_TRANSPORT_PORT));
    values.put("kafka.partitions", "3");
    values.put("ingest.inbox", dataDir().resolve("inbox").toString());
    values.put("ingest.settle-time", "300ms");
    values.put("ingest.threads", "2");
    values.putAll(overrides);
    StringBuilder sb = new StringBuilder();
    values.forEach((k, v) -> sb.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
    Files.writeString(file, sb.toString());
    return file;
  }

  /** What a CLI command printed and returned. */
  record Run(int exitCode, String out, String err) {}

  /** Runs the CLI in this JVM, as `newsflow --config <test config> args...`. Not thread-safe. */
  static synchronized Run cli(String... args) {
    return cliWith(config(), args);
  }

  static synchronized Run cliWith(Path configFile, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("--config", configFile.toString()));
    all.addAll(List.of(args));
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int code = Main.commandLine().execute(all.toArray(String[]::new));
      return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }
}
