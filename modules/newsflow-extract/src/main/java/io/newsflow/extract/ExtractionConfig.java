package io.newsflow.extract;

import java.time.Duration;

/**
 * Configures {@link TikaExtractor}. Immutable; {@link #defaults()} is the one place defaults live.
 *
 * @param maxFileSizeBytes files larger than this many bytes are rejected as too large, unread
 *     ({@value #MAX_FILE_SIZE})
 * @param maxTextChars extracted text is cut after this many characters and marked truncated
 *     ({@value #MAX_TEXT_CHARS})
 * @param timeout a file whose extraction takes longer is rejected as timed out ({@value #TIMEOUT})
 */
public record ExtractionConfig(long maxFileSizeBytes, int maxTextChars, Duration timeout) {

  public static final String MAX_FILE_SIZE = "extract.max-file-size";
  public static final String MAX_TEXT_CHARS = "extract.max-text-chars";
  public static final String TIMEOUT = "extract.timeout";

  // 100 MiB is Elasticsearch's default http.max_content_length: a larger source rarely yields a
  // document we could send in one request. 4,000,000 characters is the pipeline's agreed text
  // ceiling; note it is far above Kafka's default 1 MiB message.max.bytes, so the topic needs more.
  private static final long DEFAULT_MAX_FILE_SIZE_BYTES = 100L * 1024 * 1024;
  private static final int DEFAULT_MAX_TEXT_CHARS = 4_000_000;
  // Tika's own pipes default (PipesConfigBase.DEFAULT_TIMEOUT_MILLIS) is 60 s; a 100 MiB PDF parses
  // in well under that on one core.
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

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
  }

  /** Returns the defaults: files up to 100 MiB, text up to 4,000,000 characters, 60 s a file. */
  public static ExtractionConfig defaults() {
    return new ExtractionConfig(DEFAULT_MAX_FILE_SIZE_BYTES, DEFAULT_MAX_TEXT_CHARS, DEFAULT_TIMEOUT);
  }

  /** Returns a copy with {@code maxFileSizeBytes} replaced. */
  public ExtractionConfig withMaxFileSizeBytes(long maxFileSizeBytes) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars, timeout);
  }

  /** Returns a copy with {@code maxTextChars} replaced. */
  public ExtractionConfig withMaxTextChars(int maxTextChars) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars, timeout);
  }

  /** Returns a copy with {@code timeout} replaced. */
  public ExtractionConfig withTimeout(Duration timeout) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars, timeout);
  }
}
