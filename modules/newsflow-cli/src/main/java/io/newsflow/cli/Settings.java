package io.newsflow.cli;

import io.newsflow.elasticsearch.ElasticsearchConfig;
import io.newsflow.extract.ExtractionConfig;
import io.newsflow.extract.ParserOptions;
import io.newsflow.kafka.KafkaConfig;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Loads newsflow's one configuration file (Java properties) and applies environment-variable
 * overrides: key {@code a.b-c} is overridden by {@code NEWSFLOW_A_B_C}; pass-through client settings
 * {@code kafka.client.x.y} by {@code NEWSFLOW_KAFKA_CLIENT_X_Y}. Every default is in {@link #DEFAULTS};
 * an unknown key or a bad value fails at start with the key named.
 */
public final class Settings {

  /** The default of every key, in the order the README documents them. */
  /** A UTF-8 file of known passwords, one per line, taken verbatim (spaces, commas and all). */
  static final String PASSWORDS_FILE = "extract.passwords-file";
  static final String BATCH_NICE = "extract.batch-nice";

  static final Map<String, String> DEFAULTS = new LinkedHashMap<>();

  static {
    DEFAULTS.put("stack.mode", "local");
    DEFAULTS.put("stack.kafka.port", "9092");
    DEFAULTS.put("stack.kafka.controller-port", "9093");
    DEFAULTS.put("stack.elasticsearch.port", "9200");
    DEFAULTS.put("stack.elasticsearch.transport-port", "9300");
    DEFAULTS.put("stack.kafka.heap", "512m");
    DEFAULTS.put("stack.elasticsearch.heap", "1g");
    DEFAULTS.put("stack.start-timeout", "180s");
    DEFAULTS.put("stack.jit", io.newsflow.stack.StackConfig.Jit.C1.code());
    DEFAULTS.put("kafka.bootstrap-servers", "127.0.0.1:9092");
    DEFAULTS.put("kafka.topic-prefix", "newsflow.");
    DEFAULTS.put("kafka.partitions", "3");
    DEFAULTS.put("kafka.replication-factor", "1");
    DEFAULTS.put("elasticsearch.urls", "http://127.0.0.1:9200");
    DEFAULTS.put("elasticsearch.username", "");
    DEFAULTS.put("elasticsearch.password", "");
    DEFAULTS.put("elasticsearch.api-key", "");
    DEFAULTS.put("elasticsearch.ca-certificate", "");
    DEFAULTS.put("elasticsearch.index-alias", "newsflow-articles");
    DEFAULTS.put("elasticsearch.bulk.max-operations", "500");
    DEFAULTS.put("elasticsearch.bulk.flush-interval", "200ms");
    DEFAULTS.put("elasticsearch.request-timeout", "60s");
    DEFAULTS.put("ingest.threads", String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors())));
    DEFAULTS.put("ingest.inbox", "inbox");
    DEFAULTS.put("ingest.settle-time", "1s");
    // Taken from ExtractionConfig.defaults(), the one place the extraction defaults live.
    ExtractionConfig extract = ExtractionConfig.defaults();
    DEFAULTS.put(ExtractionConfig.MAX_FILE_SIZE, extract.maxFileSizeBytes() % (1024 * 1024) == 0
        ? extract.maxFileSizeBytes() / (1024 * 1024) + "MB" : String.valueOf(extract.maxFileSizeBytes()));
    DEFAULTS.put(ExtractionConfig.MAX_TEXT_CHARS, String.valueOf(extract.maxTextChars()));
    DEFAULTS.put(ExtractionConfig.TIMEOUT, extract.timeout().toSeconds() + "s");
    DEFAULTS.put(ExtractionConfig.ISOLATION, extract.isolation().code());
    DEFAULTS.put(ExtractionConfig.WORKERS, String.valueOf(extract.workers()));
    DEFAULTS.put(ExtractionConfig.WORKER_HEAP, extract.workerHeapBytes() / (1024 * 1024) + "MB");
    DEFAULTS.put(ExtractionConfig.MAX_EMBEDDED, String.valueOf(extract.maxEmbedded()));
    DEFAULTS.put(ExtractionConfig.MAX_EMBEDDED_DEPTH, String.valueOf(extract.maxEmbeddedDepth()));
    DEFAULTS.put(ExtractionConfig.PASSWORDS, "");
    DEFAULTS.put(PASSWORDS_FILE, "");
    // Measured on 2 cores (README, Benchmark): 4 took the live p99 from 2.0-4.6 s to 1.0-1.7 s, at about a sixth of an
    // import's throughput while live uploads arrive.
    DEFAULTS.put(BATCH_NICE, "4");
    DEFAULTS.put(ParserOptions.OCR, extract.parsers().ocr().code());
    DEFAULTS.put(ParserOptions.OCR_LANGUAGE, extract.parsers().ocrLanguage());
    DEFAULTS.put(ParserOptions.MACROS, String.valueOf(extract.parsers().macros()));
    DEFAULTS.put(ParserOptions.TRACKED_CHANGES, String.valueOf(extract.parsers().trackedChanges()));
    DEFAULTS.put("enrich.workers", "1");
    DEFAULTS.put("enrich.entities", "corenlp");
    DEFAULTS.put("enrich.max-chars", "100000");
    // Batch enrichment pauses while the batch lane's input grows (an import is publishing) and for this long after;
    // 0 turns it off. On one host the import's extraction and CoreNLP share the cores: search freshness first.
    DEFAULTS.put("enrich.batch-yield", "5s");
    DEFAULTS.put("index.workers", "1");
    DEFAULTS.put("index.batch-gather", "250ms");
    DEFAULTS.put("dashboard.host", "127.0.0.1");
    DEFAULTS.put("dashboard.port", "8080");
    DEFAULTS.put("dashboard.token", "");
    DEFAULTS.put("dashboard.max-upload-size", "100MB");
  }

  private static final String KAFKA_CLIENT = "kafka.client.";
  private static final Set<String> SECRETS = Set.of("elasticsearch.password", "elasticsearch.api-key", "dashboard.token",
      ExtractionConfig.PASSWORDS);

  /** How newsflow reaches Kafka and Elasticsearch. */
  public enum StackMode {
    /** The embedded stack that {@code newsflow up} starts on this machine. */
    LOCAL,
    /** An existing cluster, addressed by {@code kafka.bootstrap-servers} and {@code elasticsearch.urls}. */
    EXTERNAL
  }

  private final Map<String, String> values;
  private final Map<String, String> kafkaClient;
  private final Path dataDir;

  private Settings(Map<String, String> values, Map<String, String> kafkaClient, Path dataDir) {
    this.values = values;
    this.kafkaClient = kafkaClient;
    this.dataDir = dataDir;
  }

  /**
   * Loads {@code file} (may be {@code null} for defaults only) and the environment.
   *
   * @throws IllegalArgumentException naming the key, for an unknown key or a bad value
   */
  public static Settings load(Path file, Map<String, String> env, Path dataDir) {
    Map<String, String> values = new LinkedHashMap<>(DEFAULTS);
    Map<String, String> kafkaClient = new HashMap<>();
    if (file != null) {
      Properties props = new Properties();
      try (Reader in = Files.newBufferedReader(file)) {
        props.load(in);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read configuration file " + file + ": " + e.getMessage(), e);
      }
      for (String key : props.stringPropertyNames()) {
        put(values, kafkaClient, key, props.getProperty(key).trim(), "in " + file);
      }
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (!e.getKey().startsWith("NEWSFLOW_")) {
        continue;
      }
      String key = keyOfEnv(e.getKey());
      if (key != null) {
        put(values, kafkaClient, key, e.getValue().trim(), "from " + e.getKey());
      }
    }
    Settings settings = new Settings(values, kafkaClient, dataDir);
    settings.validate();
    return settings;
  }

  /** Maps {@code NEWSFLOW_KAFKA_BOOTSTRAP_SERVERS} to {@code kafka.bootstrap-servers}, or null if not a setting. */
  static String keyOfEnv(String name) {
    String rest = name.substring("NEWSFLOW_".length()).toLowerCase(Locale.ROOT);
    if (rest.startsWith("kafka_client_")) {
      return KAFKA_CLIENT + rest.substring("kafka_client_".length()).replace('_', '.');
    }
    for (String key : DEFAULTS.keySet()) {
      if (key.replace('.', '_').replace('-', '_').equals(rest)) {
        return key;
      }
    }
    return null; // NEWSFLOW_DATA_DIR, NEWSFLOW_CONFIG and the like are not settings
  }

  private static void put(Map<String, String> values, Map<String, String> kafkaClient, String key, String value, String where) {
    if (key.startsWith(KAFKA_CLIENT)) {
      kafkaClient.put(key.substring(KAFKA_CLIENT.length()), value);
    } else if (DEFAULTS.containsKey(key)) {
      values.put(key, value);
    } else {
      throw new IllegalArgumentException("unknown setting '" + key + "' " + where + "; known settings: " + new TreeSet<>(DEFAULTS.keySet()));
    }
  }

  private void validate() {
    stackMode();
    for (String key : List.of("stack.kafka.port", "stack.kafka.controller-port", "stack.elasticsearch.port", "stack.elasticsearch.transport-port")) {
      int port = integer(key);
      if (port < 1 || port > 65535) {
        throw new IllegalArgumentException(key + " must be a TCP port (1-65535), got " + port);
      }
    }
    duration("stack.start-timeout");
    io.newsflow.stack.StackConfig.Jit.parse(io.newsflow.stack.StackConfig.JIT, get(io.newsflow.stack.StackConfig.JIT));
    duration("ingest.settle-time");
    duration("enrich.batch-yield");
    batchNice();
    if (duration("index.batch-gather").compareTo(Duration.ofSeconds(5)) > 0) {
      throw new IllegalArgumentException("index.batch-gather must be at most 5s (it delays every batch document), got "
          + get("index.batch-gather"));
    }
    for (String key : List.of("ingest.threads", "enrich.workers", "index.workers")) {
      if (integer(key) < 1) {
        throw new IllegalArgumentException(key + " must be >= 1, got " + values.get(key));
      }
    }
    entityRecognizer();
    if (integer("enrich.max-chars") < 1) {
      throw new IllegalArgumentException("enrich.max-chars must be >= 1, got " + values.get("enrich.max-chars"));
    }
    kafka();
    elasticsearch();
    dashboard();
    extraction();
  }

  /** Returns the extraction configuration ({@code extract.*}). */
  /**
   * Returns {@value #BATCH_NICE}: the CPU priority (nice, 0 to 19) of the parse workers of an import,
   * so that live traffic and the stack go first on a shared host; 0 keeps them at the importer's.
   */
  public int batchNice() {
    int nice = integer(BATCH_NICE);
    if (nice < 0 || nice > 19) {
      throw new IllegalArgumentException(BATCH_NICE + " must be 0 to 19 (a nice value), got " + get(BATCH_NICE));
    }
    return nice;
  }

  public ExtractionConfig extraction() {
    // Passwords in the setting are separated by commas and stripped; those that contain a comma or
    // begin or end with a space go in the passwords file, one per line, verbatim.
    List<String> passwords = new ArrayList<>(java.util.Arrays.stream(get(ExtractionConfig.PASSWORDS).split(","))
        .map(String::strip).filter(p -> !p.isEmpty()).toList());
    for (String password : passwordsFile()) {
      if (!passwords.contains(password)) {
        passwords.add(password);
      }
    }
    return new ExtractionConfig(bytes(ExtractionConfig.MAX_FILE_SIZE), integer(ExtractionConfig.MAX_TEXT_CHARS),
        duration(ExtractionConfig.TIMEOUT), ExtractionConfig.Isolation.ofCode(get(ExtractionConfig.ISOLATION)),
        integer(ExtractionConfig.WORKERS), bytes(ExtractionConfig.WORKER_HEAP), integer(ExtractionConfig.MAX_EMBEDDED),
        integer(ExtractionConfig.MAX_EMBEDDED_DEPTH), passwords,
        new ParserOptions(ParserOptions.Ocr.ofCode(get(ParserOptions.OCR)), get(ParserOptions.OCR_LANGUAGE).strip(),
            bool(ParserOptions.MACROS), bool(ParserOptions.TRACKED_CHANGES)));
  }

  /**
   * Reads {@value #PASSWORDS_FILE}: one password per line, UTF-8, nothing stripped but the line
   * break (a line of four spaces is the password of four spaces); empty lines are skipped.
   */
  private List<String> passwordsFile() {
    String name = get(PASSWORDS_FILE);
    if (name.isBlank()) {
      return List.of();
    }
    Path file = Path.of(name.strip());
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
      if (!lines.isEmpty() && lines.get(0).startsWith("\uFEFF")) {
        lines.set(0, lines.get(0).substring(1)); // a byte-order mark some editors write
      }
      return lines.stream().filter(line -> !line.isEmpty()).toList();
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(PASSWORDS_FILE + ": " + file + " is not UTF-8 text");
    } catch (IOException e) {
      throw new IllegalArgumentException(PASSWORDS_FILE + ": cannot read " + file + " (" + e.getMessage() + ")");
    }
  }

  private static final Pattern DATA_SIZE = Pattern.compile("(?i)(\\d+)\\s*(b|kb|mb|gb)?");

  /** Parses a size in bytes: {@code 1048576}, {@code 512KB}, {@code 100MB}, {@code 2GB} (binary units). */
  public long bytes(String key) {
    Matcher m = DATA_SIZE.matcher(get(key).trim());
    if (!m.matches()) {
      throw new IllegalArgumentException(key + " must be a size like 1048576, 512KB, 100MB or 2GB, got '" + get(key) + "'");
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
    return switch (unit) {
      case "kb" -> n * 1024;
      case "mb" -> n * 1024 * 1024;
      case "gb" -> n * 1024 * 1024 * 1024;
      default -> n;
    };
  }

  /** Returns the dashboard server's configuration. */
  public io.newsflow.dashboard.DashboardConfig dashboard() {
    return new io.newsflow.dashboard.DashboardConfig(get("dashboard.host"), integer("dashboard.port"),
        blankToNull("dashboard.token"), bytes("dashboard.max-upload-size"));
  }

  /** Which entity recogniser the enrich stage uses. */
  public enum EntityRecognizerKind {
    /** Stanford CoreNLP's CoNLL 4-class CRF (GPL-3.0). */
    CORENLP,
    /** None: documents get no entities and no quote speakers, and no model is loaded. */
    NONE
  }

  public EntityRecognizerKind entityRecognizer() {
    String kind = values.get("enrich.entities");
    try {
      return EntityRecognizerKind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("enrich.entities must be 'corenlp' or 'none', got '" + kind + "'");
    }
  }

  public StackMode stackMode() {
    String mode = values.get("stack.mode");
    try {
      return StackMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("stack.mode must be 'local' or 'external', got '" + mode + "'");
    }
  }

  public Path dataDir() {
    return dataDir;
  }

  public String get(String key) {
    if (!values.containsKey(key)) {
      throw new IllegalArgumentException("no such setting: " + key);
    }
    return values.get(key);
  }

  /** Parses {@code true} or {@code false}. */
  public boolean bool(String key) {
    String value = get(key).strip().toLowerCase(Locale.ROOT);
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(key + " must be true or false, got '" + get(key) + "'");
    }
    return Boolean.parseBoolean(value);
  }

  public int integer(String key) {
    try {
      return Integer.parseInt(get(key));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + " must be a whole number, got '" + get(key) + "'");
    }
  }

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

  /** Parses {@code 200ms}, {@code 30s}, {@code 5m}, {@code 1h}. */
  public Duration duration(String key) {
    Duration d = parseDuration(get(key));
    if (d == null) {
      throw new IllegalArgumentException(key + " must be a duration like 200ms, 30s, 5m or 1h, got '" + get(key) + "'");
    }
    return d;
  }

  /** Parses {@code 200ms}, {@code 30s}, {@code 5m} or {@code 1h}; returns null for anything else. */
  static Duration parseDuration(String value) {
    Matcher m = DURATION.matcher(value.trim());
    if (!m.matches()) {
      return null;
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofHours(n);
    };
  }

  /** Returns the Kafka configuration; in local mode it points at the local stack's port. */
  public KafkaConfig kafka() {
    String servers = stackMode() == StackMode.LOCAL ? "127.0.0.1:" + integer("stack.kafka.port") : get("kafka.bootstrap-servers");
    short rf;
    try {
      rf = Short.parseShort(get("kafka.replication-factor"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("kafka.replication-factor must be a small whole number, got '" + get("kafka.replication-factor") + "'");
    }
    return new KafkaConfig(servers, get("kafka.topic-prefix"), integer("kafka.partitions"), rf, kafkaClient);
  }

  /** Returns the Elasticsearch configuration; in local mode it points at the local stack's port. */
  public ElasticsearchConfig elasticsearch() {
    List<URI> urls = new ArrayList<>();
    if (stackMode() == StackMode.LOCAL) {
      urls.add(URI.create("http://127.0.0.1:" + integer("stack.elasticsearch.port")));
    } else {
      for (String url : get("elasticsearch.urls").split(",")) {
        try {
          urls.add(new URI(url.trim()));
        } catch (java.net.URISyntaxException e) {
          throw new IllegalArgumentException("elasticsearch.urls: '" + url.trim() + "' is not a URL");
        }
      }
    }
    return new ElasticsearchConfig(urls, blankToNull("elasticsearch.username"), blankToNull("elasticsearch.password"),
        blankToNull("elasticsearch.api-key"),
        blankToNull("elasticsearch.ca-certificate") == null ? null : Path.of(get("elasticsearch.ca-certificate")),
        get("elasticsearch.index-alias"), integer("elasticsearch.bulk.max-operations"),
        duration("elasticsearch.bulk.flush-interval"), duration("elasticsearch.request-timeout"));
  }

  /** Resolves the inbox folder: relative paths are inside the data folder. */
  public Path inbox() {
    return dataDir.resolve(get("ingest.inbox"));
  }

  private String blankToNull(String key) {
    String v = get(key);
    return v == null || v.isBlank() ? null : v;
  }

  /** Lists every setting with its value, secrets masked, for {@code newsflow config}. */
  public Map<String, String> describe() {
    Map<String, String> shown = new LinkedHashMap<>();
    values.forEach((k, v) -> shown.put(k, SECRETS.contains(k) && !v.isEmpty() ? "****" : v));
    kafkaClient.forEach((k, v) -> shown.put(KAFKA_CLIENT + k, k.contains("password") || k.contains("jaas") ? "****" : v));
    return shown;
  }
}
