package io.newsflow.extract;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Configures {@link TikaExtractor}. Immutable; {@link #defaults()} is the one place defaults live.
 *
 * @param maxFileSizeBytes files larger than this many bytes are rejected as too large, unread
 *     ({@value #MAX_FILE_SIZE})
 * @param maxTextChars extracted text is cut after this many characters and marked truncated; the
 *     limit holds for a container and its embedded documents together ({@value #MAX_TEXT_CHARS})
 * @param timeout a file whose extraction takes longer is rejected as timed out ({@value #TIMEOUT})
 * @param isolation where Tika parses: in worker processes or in this JVM ({@value #ISOLATION})
 * @param workers how many worker processes parse at once ({@value #WORKERS}); ignored in process
 * @param workerHeapBytes maximum heap of one worker process ({@value #WORKER_HEAP}); a file that
 *     needs more is rejected as over a limit and costs that worker, which is replaced
 * @param maxEmbedded embedded documents read from one file at most ({@value #MAX_EMBEDDED}); further
 *     ones are skipped and the container marked
 * @param maxEmbeddedDepth how deep containers may nest in one another ({@value #MAX_EMBEDDED_DEPTH});
 *     deeper nesting is a zip bomb's trait and rejects the file as over a limit
 * @param passwords passwords tried, in order, on an encrypted file ({@value #PASSWORDS}); never
 *     printed by {@link #toString()}
 * @param parsers what the parsers read beyond ordinary text: OCR, macros ({@link ParserOptions#defaults()}
 *     when {@code null})
 */
public record ExtractionConfig(long maxFileSizeBytes, int maxTextChars, Duration timeout, Isolation isolation,
    int workers, long workerHeapBytes, int maxEmbedded, int maxEmbeddedDepth, List<String> passwords,
    ParserOptions parsers) {

  public static final String MAX_FILE_SIZE = "extract.max-file-size";
  public static final String MAX_TEXT_CHARS = "extract.max-text-chars";
  public static final String TIMEOUT = "extract.timeout";
  public static final String ISOLATION = "extract.isolation";
  public static final String WORKERS = "extract.workers";
  public static final String WORKER_HEAP = "extract.worker-heap";
  public static final String MAX_EMBEDDED = "extract.max-embedded";
  public static final String MAX_EMBEDDED_DEPTH = "extract.max-embedded-depth";
  public static final String PASSWORDS = "extract.passwords";

  /** Where Tika parses a file. */
  public enum Isolation {
    /**
     * In a pool of worker JVMs (Tika's pipes): a file that hangs or exhausts memory costs one worker,
     * which is replaced, and nothing else.
     */
    FORK("fork"),
    /** In this JVM: faster to start, but a parser that ignores interrupts or fills the heap hurts all. */
    IN_PROCESS("in-process");

    private final String code;

    Isolation(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    /**
     * Returns the value written as {@code code}.
     *
     * @throws IllegalArgumentException naming {@value #ISOLATION} for an unknown value
     */
    public static Isolation ofCode(String code) {
      for (Isolation i : values()) {
        if (i.code.equals(code.trim().toLowerCase(Locale.ROOT))) {
          return i;
        }
      }
      throw new IllegalArgumentException(ISOLATION + " must be 'fork' or 'in-process', got '" + code + "'");
    }
  }

  // 100 MiB is Elasticsearch's default http.max_content_length: a larger source rarely yields a
  // document we could send in one request. 4,000,000 characters is the pipeline's agreed text
  // ceiling; note it is far above Kafka's default 1 MiB message.max.bytes, so the topic needs more.
  private static final long DEFAULT_MAX_FILE_SIZE_BYTES = 100L * 1024 * 1024;
  private static final int DEFAULT_MAX_TEXT_CHARS = 4_000_000;
  // Tika's own pipes default (PipesConfigBase.DEFAULT_TIMEOUT_MILLIS) is 60 s; a 100 MiB PDF parses
  // in well under that on one core.
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
  // One worker per core: parsing is CPU-bound, more workers only share the same cores.
  private static final int DEFAULT_WORKERS = Math.max(1, Runtime.getRuntime().availableProcessors());
  // 512 MiB: Tika's own test suite runs its parsers with -Xmx512m; a worker holds one file at a time.
  private static final long DEFAULT_WORKER_HEAP_BYTES = 512L * 1024 * 1024;
  // An e-mail archive or a zip of a few hundred attachments fits; a 10,000-entry zip is a bomb or a
  // backup, not a document.
  private static final int DEFAULT_MAX_EMBEDDED = 1_000;
  // Tika's SecureContentHandler allows 100 nested packages; real mail and office files nest 3 or 4
  // deep (zip > mail > attachment > embedded object), so 10 leaves room and still stops recursion bombs.
  private static final int DEFAULT_MAX_EMBEDDED_DEPTH = 10;

  /**
   * Validates the values.
   *
   * @throws IllegalArgumentException naming the configuration key of the first bad value
   */
  public ExtractionConfig {
    if (maxFileSizeBytes <= 0) {
      throw new IllegalArgumentException(MAX_FILE_SIZE + " must be > 0 bytes, got " + maxFileSizeBytes);
    }
    if (maxTextChars <= 0) {
      throw new IllegalArgumentException(MAX_TEXT_CHARS + " must be > 0 characters, got " + maxTextChars);
    }
    if (timeout == null || timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException(TIMEOUT + " must be a positive duration, got " + timeout);
    }
    if (isolation == null) {
      throw new IllegalArgumentException(ISOLATION + " must be 'fork' or 'in-process', got null");
    }
    if (workers < 1) {
      throw new IllegalArgumentException(WORKERS + " must be >= 1, got " + workers);
    }
    // Below 64 MiB a worker JVM cannot even load Tika's parsers.
    if (workerHeapBytes < 64L * 1024 * 1024) {
      throw new IllegalArgumentException(WORKER_HEAP + " must be at least 64MB, got " + workerHeapBytes + " bytes");
    }
    if (maxEmbedded < 0) {
      throw new IllegalArgumentException(MAX_EMBEDDED + " must be >= 0, got " + maxEmbedded);
    }
    if (maxEmbeddedDepth < 1) {
      throw new IllegalArgumentException(MAX_EMBEDDED_DEPTH + " must be >= 1, got " + maxEmbeddedDepth);
    }
    passwords = passwords == null ? List.of() : List.copyOf(passwords);
    parsers = parsers == null ? ParserOptions.defaults() : parsers;
  }

  /** Creates a configuration with the given limits and the defaults for everything else. */
  public ExtractionConfig(long maxFileSizeBytes, int maxTextChars, Duration timeout) {
    this(maxFileSizeBytes, maxTextChars, timeout, Isolation.FORK, DEFAULT_WORKERS, DEFAULT_WORKER_HEAP_BYTES,
        DEFAULT_MAX_EMBEDDED, DEFAULT_MAX_EMBEDDED_DEPTH, List.of(), ParserOptions.defaults());
  }

  /** Returns the defaults: files up to 100 MiB, text up to 4,000,000 characters, 60 s a file, forked. */
  public static ExtractionConfig defaults() {
    return new ExtractionConfig(DEFAULT_MAX_FILE_SIZE_BYTES, DEFAULT_MAX_TEXT_CHARS, DEFAULT_TIMEOUT);
  }

  /** Returns a copy with {@code maxFileSizeBytes} replaced. */
  public ExtractionConfig withMaxFileSizeBytes(long maxFileSizeBytes) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars, timeout, isolation, workers, workerHeapBytes,
        maxEmbedded, maxEmbeddedDepth, passwords, parsers);
  }

  /** Returns a copy with {@code maxTextChars} replaced. */
  public ExtractionConfig withMaxTextChars(int maxTextChars) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars, timeout, isolation, workers, workerHeapBytes,
        maxEmbedded, maxEmbeddedDepth, passwords, parsers);
  }

  /** Returns a copy with {@code timeout} replaced. */
  public ExtractionConfig withTimeout(Duration timeout) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars, timeout, isolation, workers, workerHeapBytes,
        maxEmbedded, maxEmbeddedDepth, passwords, parsers);
  }

  /** Returns a copy with {@code isolation} replaced. */
  public ExtractionConfig withIsolation(Isolation isolation) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars, timeout, isolation, workers, workerHeapBytes,
        maxEmbedded, maxEmbeddedDepth, passwords, parsers);
  }

  /** Returns a copy with {@code workers} and {@code workerHeapBytes} replaced. */
  public ExtractionConfig withWorkers(int workers, long workerHeapBytes) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars, timeout, isolation, workers, workerHeapBytes,
        maxEmbedded, maxEmbeddedDepth, passwords, parsers);
  }

  /** Returns a copy with {@code passwords} replaced. */
  public ExtractionConfig withPasswords(List<String> passwords) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars, timeout, isolation, workers, workerHeapBytes,
        maxEmbedded, maxEmbeddedDepth, passwords, parsers);
  }

  /** Returns a copy with {@code parsers} replaced. */
  public ExtractionConfig withParsers(ParserOptions parsers) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars, timeout, isolation, workers, workerHeapBytes,
        maxEmbedded, maxEmbeddedDepth, passwords, parsers);
  }

  /** Describes the configuration with the passwords masked. */
  @Override
  public String toString() {
    return "ExtractionConfig[maxFileSizeBytes=" + maxFileSizeBytes + ", maxTextChars=" + maxTextChars + ", timeout="
        + timeout + ", isolation=" + isolation.code() + ", workers=" + workers + ", workerHeapBytes=" + workerHeapBytes
        + ", maxEmbedded=" + maxEmbedded + ", maxEmbeddedDepth=" + maxEmbeddedDepth + ", passwords="
        + (passwords.isEmpty() ? "none" : passwords.size() + " (masked)") + ", parsers=" + parsers + "]";
  }
}
