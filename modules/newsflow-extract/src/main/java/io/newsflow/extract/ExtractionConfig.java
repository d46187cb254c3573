package io.newsflow.extract;

/**
 * Configures {@link TikaExtractor}. Immutable; {@link #defaults()} is the one place defaults live.
 *
 * @param maxFileSizeBytes files larger than this many bytes are rejected as too large, unread
 *     ({@value #MAX_FILE_SIZE})
 * @param maxTextChars extracted text is cut after this many characters and marked truncated
 *     ({@value #MAX_TEXT_CHARS})
 */
public record ExtractionConfig(long maxFileSizeBytes, int maxTextChars) {

  public static final String MAX_FILE_SIZE = "extract.max-file-size";
  public static final String MAX_TEXT_CHARS = "extract.max-text-chars";

  // 100 MiB is Elasticsearch's default http.max_content_length: a larger source rarely yields a
  // document we could send in one request. 4,000,000 characters is the pipeline's agreed text
  // ceiling; note it is far above Kafka's default 1 MiB message.max.bytes, so the topic needs more.
  private static final long DEFAULT_MAX_FILE_SIZE_BYTES = 100L * 1024 * 1024;
  private static final int DEFAULT_MAX_TEXT_CHARS = 4_000_000;

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
  }

  /** Returns the defaults: files up to 100 MiB, text up to 4,000,000 characters. */
  public static ExtractionConfig defaults() {
    return new ExtractionConfig(DEFAULT_MAX_FILE_SIZE_BYTES, DEFAULT_MAX_TEXT_CHARS);
  }

  /** Returns a copy with {@code maxFileSizeBytes} replaced. */
  public ExtractionConfig withMaxFileSizeBytes(long maxFileSizeBytes) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars);
  }

  /** Returns a copy with {@code maxTextChars} replaced. */
  public ExtractionConfig withMaxTextChars(int maxTextChars) {
    return new ExtractionConfig(maxFileSizeBytes, maxTextChars);
  }
}
