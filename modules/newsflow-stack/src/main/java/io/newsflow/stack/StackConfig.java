package io.newsflow.stack;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Configures the local stack: where it keeps its state, where its artifacts come from, its ports
 * on 127.0.0.1, heaps and how long a start may take. Defaults live in
 * {@link #defaults(Path, Path)} only. Each key below can be overridden through an environment
 * variable named by {@link #environmentVariable(String)}, see {@link #withEnvironment(Map)}.
 *
 * @param dataDir everything the stack writes (Elasticsearch install, Kafka and Elasticsearch
 *     data, logs, pid files); key {@code stack.data-dir}
 * @param artifactsDir the distribution's {@code stack} directory holding
 *     {@code elasticsearch-8.19.21.zip}, {@code kafka/*.jar} and plugin zips; key
 *     {@code stack.artifacts-dir}
 * @param kafkaPort the PLAINTEXT listener clients use; key {@code stack.kafka.port}
 * @param kafkaControllerPort the KRaft controller listener; key {@code stack.kafka.controller-port}
 * @param elasticsearchPort the HTTP port; key {@code stack.elasticsearch.port}
 * @param elasticsearchTransportPort the node-to-node port, bound even on a single node; key
 *     {@code stack.elasticsearch.transport-port}
 * @param kafkaHeap maximum heap of the broker JVM as a JVM size ({@code 512m}, {@code 1g}); key
 *     {@code stack.kafka.heap}
 * @param elasticsearchHeap heap of the Elasticsearch JVM, same format; key
 *     {@code stack.elasticsearch.heap}
 * @param startTimeout how long {@link LocalStack#start} waits for both services to be ready; key
 *     {@code stack.start-timeout} (ISO-8601 like {@code PT2M}, or whole seconds)
 * @param jit which JIT compilers the broker and Elasticsearch JVMs use; key {@code stack.jit}
 */
public record StackConfig(
    Path dataDir,
    Path artifactsDir,
    int kafkaPort,
    int kafkaControllerPort,
    int elasticsearchPort,
    int elasticsearchTransportPort,
    String kafkaHeap,
    String elasticsearchHeap,
    Duration startTimeout,
    Jit jit) {

  public static final String DATA_DIR = "stack.data-dir";
  public static final String ARTIFACTS_DIR = "stack.artifacts-dir";
  public static final String KAFKA_PORT = "stack.kafka.port";
  public static final String KAFKA_CONTROLLER_PORT = "stack.kafka.controller-port";
  public static final String ELASTICSEARCH_PORT = "stack.elasticsearch.port";
  public static final String ELASTICSEARCH_TRANSPORT_PORT = "stack.elasticsearch.transport-port";
  public static final String KAFKA_HEAP = "stack.kafka.heap";
  public static final String ELASTICSEARCH_HEAP = "stack.elasticsearch.heap";
  public static final String START_TIMEOUT = "stack.start-timeout";
  public static final String JIT = "stack.jit";

  /**
   * Chooses the JIT compilers of the stack's two JVMs. On a small machine, compiling is most of what a young Elasticsearch
   * or broker spends its CPU on: during a 3,200-document import on a freshly started stack (2 cores), Elasticsearch's
   * compiler threads used 21.6 CPU-s against 17.0 s for all its other threads, the broker's 5.5 s against 6.1 s, and
   * Elasticsearch's compiler was still as busy during a second import of 3,200 right after (README, Benchmark).
   */
  public enum Jit {
    /**
     * C1 only ({@code -XX:TieredStopAtLevel=1}): compiles quickly and once. Code runs somewhat slower than C2's at its
     * best, which on two cores the saved compilations more than pay for.
     */
    C1("c1", java.util.List.of("-XX:TieredStopAtLevel=1")),
    /** The JVM's default, C1 then C2 for hot code: for a large machine and a stack that runs for days. */
    TIERED("tiered", java.util.List.of());

    private final String code;
    private final java.util.List<String> jvmOptions;

    Jit(String code, java.util.List<String> jvmOptions) {
      this.code = code;
      this.jvmOptions = jvmOptions;
    }

    /** Returns the value of {@code stack.jit} that selects this. */
    public String code() {
      return code;
    }

    /** Returns the JVM options that select these compilers. */
    public java.util.List<String> jvmOptions() {
      return jvmOptions;
    }

    /**
     * Returns the mode named {@code code}.
     *
     * @throws IllegalArgumentException naming {@code key} and the allowed values
     */
    public static Jit parse(String key, String code) {
      for (Jit jit : values()) {
        if (jit.code.equals(code == null ? null : code.trim())) {
          return jit;
        }
      }
      throw new IllegalArgumentException(key + " must be c1 or tiered, got '" + code + "'");
    }
  }

  /** The address every service binds to; the stack is for this machine only. */
  public static final String HOST = "127.0.0.1";

  // The JVM's own -Xmx syntax; the heap string is passed to -Xmx/-Xms verbatim.
  private static final Pattern HEAP = Pattern.compile("[1-9][0-9]*[kKmMgG]");

  public StackConfig {
    if (dataDir == null) {
      throw new IllegalArgumentException(DATA_DIR + " must be set");
    }
    if (artifactsDir == null) {
      throw new IllegalArgumentException(ARTIFACTS_DIR + " must be set");
    }
    dataDir = dataDir.toAbsolutePath().normalize();
    artifactsDir = artifactsDir.toAbsolutePath().normalize();
    checkPort(KAFKA_PORT, kafkaPort);
    checkPort(KAFKA_CONTROLLER_PORT, kafkaControllerPort);
    checkPort(ELASTICSEARCH_PORT, elasticsearchPort);
    checkPort(ELASTICSEARCH_TRANSPORT_PORT, elasticsearchTransportPort);
    String[] keys = {KAFKA_PORT, KAFKA_CONTROLLER_PORT, ELASTICSEARCH_PORT, ELASTICSEARCH_TRANSPORT_PORT};
    int[] ports = {kafkaPort, kafkaControllerPort, elasticsearchPort, elasticsearchTransportPort};
    for (int i = 0; i < ports.length; i++) {
      for (int j = 0; j < i; j++) {
        if (ports[i] == ports[j]) {
          throw new IllegalArgumentException(keys[i] + " " + ports[i] + " is the same as " + keys[j]
              + "; the four stack ports must all differ");
        }
      }
    }
    checkHeap(KAFKA_HEAP, kafkaHeap);
    checkHeap(ELASTICSEARCH_HEAP, elasticsearchHeap);
    if (startTimeout == null || startTimeout.isNegative() || startTimeout.isZero()) {
      throw new IllegalArgumentException(START_TIMEOUT + " must be positive, got " + startTimeout);
    }
    if (jit == null) {
      throw new IllegalArgumentException(JIT + " must be set");
    }
  }

  /**
   * Returns the defaults: ports 9092 (Kafka), 9093 (KRaft controller), 9200 and 9300
   * (Elasticsearch HTTP and transport), 512m heaps, 120 s to start, C1 only.
   *
   * @param dataDir normally {@code <checkout>/.newsflow}; the caller decides
   * @param artifactsDir normally {@code <newsflow.home>/stack}
   */
  public static StackConfig defaults(Path dataDir, Path artifactsDir) {
    return new StackConfig(dataDir, artifactsDir, 9092, 9093, 9200, 9300, "512m", "512m", Duration.ofSeconds(120), Jit.C1);
  }

  /** Returns a copy with other ports, keeping every other setting. */
  public StackConfig withPorts(int kafkaPort, int kafkaControllerPort, int elasticsearchPort, int elasticsearchTransportPort) {
    return new StackConfig(dataDir, artifactsDir, kafkaPort, kafkaControllerPort, elasticsearchPort,
        elasticsearchTransportPort, kafkaHeap, elasticsearchHeap, startTimeout, jit);
  }

  /** Returns a copy with other heaps, in JVM size syntax ({@code 256m}). */
  public StackConfig withHeaps(String kafkaHeap, String elasticsearchHeap) {
    return new StackConfig(dataDir, artifactsDir, kafkaPort, kafkaControllerPort, elasticsearchPort,
        elasticsearchTransportPort, kafkaHeap, elasticsearchHeap, startTimeout, jit);
  }

  /** Returns a copy that waits {@code startTimeout} for the services to become ready. */
  public StackConfig withStartTimeout(Duration startTimeout) {
    return new StackConfig(dataDir, artifactsDir, kafkaPort, kafkaControllerPort, elasticsearchPort,
        elasticsearchTransportPort, kafkaHeap, elasticsearchHeap, startTimeout, jit);
  }

  /** Returns a copy whose JVMs use {@code jit}. */
  public StackConfig withJit(Jit jit) {
    return new StackConfig(dataDir, artifactsDir, kafkaPort, kafkaControllerPort, elasticsearchPort,
        elasticsearchTransportPort, kafkaHeap, elasticsearchHeap, startTimeout, jit);
  }

  /** Returns a copy keeping its state in another directory. */
  public StackConfig withDataDir(Path dataDir) {
    return new StackConfig(dataDir, artifactsDir, kafkaPort, kafkaControllerPort, elasticsearchPort,
        elasticsearchTransportPort, kafkaHeap, elasticsearchHeap, startTimeout, jit);
  }

  /**
   * Returns a copy with every key that {@code environment} sets overridden, for example
   * {@code NEWSFLOW_STACK_ELASTICSEARCH_PORT=19200}. Unknown variables are ignored.
   *
   * @throws IllegalArgumentException naming the variable when a value does not parse or validate
   */
  public StackConfig withEnvironment(Map<String, String> environment) {
    Path data = dataDir;
    Path artifacts = artifactsDir;
    String value;
    if ((value = environment.get(environmentVariable(DATA_DIR))) != null) {
      data = Path.of(value);
    }
    if ((value = environment.get(environmentVariable(ARTIFACTS_DIR))) != null) {
      artifacts = Path.of(value);
    }
    return new StackConfig(data, artifacts,
        intFrom(environment, KAFKA_PORT, kafkaPort),
        intFrom(environment, KAFKA_CONTROLLER_PORT, kafkaControllerPort),
        intFrom(environment, ELASTICSEARCH_PORT, elasticsearchPort),
        intFrom(environment, ELASTICSEARCH_TRANSPORT_PORT, elasticsearchTransportPort),
        environment.getOrDefault(environmentVariable(KAFKA_HEAP), kafkaHeap),
        environment.getOrDefault(environmentVariable(ELASTICSEARCH_HEAP), elasticsearchHeap),
        durationFrom(environment, START_TIMEOUT, startTimeout),
        environment.containsKey(environmentVariable(JIT)) ? Jit.parse(environmentVariable(JIT), environment.get(environmentVariable(JIT))) : jit);
  }

  /** Names the environment variable of a key: {@code stack.kafka.port} is {@code NEWSFLOW_STACK_KAFKA_PORT}. */
  public static String environmentVariable(String key) {
    return "NEWSFLOW_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  /** Returns {@code 127.0.0.1:<kafkaPort>}, the value for Kafka's {@code bootstrap.servers}. */
  public String kafkaBootstrapServers() {
    return HOST + ":" + kafkaPort;
  }

  /** Returns {@code http://127.0.0.1:<elasticsearchPort>}. */
  public URI elasticsearchUrl() {
    return URI.create("http://" + HOST + ":" + elasticsearchPort);
  }

  private static void checkPort(String key, int port) {
    // Below 1024 needs privileges that a developer stack should not ask for.
    if (port < 1024 || port > 65535) {
      throw new IllegalArgumentException(key + " must be between 1024 and 65535, got " + port);
    }
  }

  private static void checkHeap(String key, String heap) {
    if (heap == null || !HEAP.matcher(heap).matches()) {
      throw new IllegalArgumentException(key + " must be a JVM heap size like 512m or 1g, got " + heap);
    }
  }

  private static int intFrom(Map<String, String> environment, String key, int fallback) {
    String name = environmentVariable(key);
    String value = environment.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
    }
  }

  private static Duration durationFrom(Map<String, String> environment, String key, Duration fallback) {
    String name = environmentVariable(key);
    String value = environment.get(name);
    if (value == null) {
      return fallback;
    }
    String trimmed = value.trim();
    try {
      return trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()
          ? Duration.ofSeconds(Long.parseLong(trimmed))
          : Duration.parse(trimmed);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw new IllegalArgumentException(name + " must be whole seconds or an ISO-8601 duration like PT2M, got '" + value + "'");
    }
  }
}
