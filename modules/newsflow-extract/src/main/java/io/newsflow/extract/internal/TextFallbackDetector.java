package io.newsflow.extract.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.tika.detect.DefaultDetector;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;

/**
 * Detects media types like the wrapped detector, but keeps a text file a text file when its first
 * bytes happen to match a binary format's magic number: an article opening "MZ Wallace opened..."
 * is not a Windows executable, nor "GIF89a animations..." an image. Thread-safe if the wrapped
 * detectors are.
 *
 * <p>The content type wins over the magic number only when the bytes look like text and the file
 * name does not claim the binary type too: a {@code broken.pdf} holding printable garbage stays a
 * (corrupt) PDF.
 */
public final class TextFallbackDetector implements Detector {

  // 8 KiB: a few paragraphs of prose. Tika's TextDetector judges by 512 bytes, but it only runs
  // when no magic matched; here we overrule a match, so we look further.
  static final int SAMPLE_BYTES = 8192;

  private final Detector delegate;
  private final Detector byName;
  private final MediaTypeRegistry registry;

  /**
   * Creates a detector.
   *
   * @param delegate the detector to consult first, normally Tika's default
   * @param byName detects from the metadata's resource name alone when given a {@code null} stream
   *     (Tika's {@code MimeTypes} does)
   * @param registry knows which types are text underneath
   */
  /**
   * Creates a detector around Tika's default detectors, with Tika's media types as {@link MagicTable} builds them
   * (the same decisions, cheaper magic matching); Tika's configuration file names this class, and Tika's pipes
   * workers build it with this constructor.
   */
  public TextFallbackDetector() {
    this(new DefaultDetector(MagicTable.mimeTypes()), MagicTable.mimeTypes(), MagicTable.mimeTypes().getMediaTypeRegistry());
  }

  public TextFallbackDetector(Detector delegate, Detector byName, MediaTypeRegistry registry) {
    this.delegate = delegate;
    this.byName = byName;
    this.registry = registry;
  }

  @Override
  public MediaType detect(InputStream input, Metadata metadata) throws IOException {
    MediaType detected = delegate.detect(input, metadata);
    if (input == null || isText(detected)) {
      return detected;
    }
    MediaType named = byName.detect(null, metadata);
    if (!named.equals(MediaType.OCTET_STREAM) && !isText(named)) {
      return detected;
    }
    if (!looksLikeText(sample(input))) {
      return detected;
    }
    return isText(named) ? named : MediaType.TEXT_PLAIN;
  }

  private boolean isText(MediaType type) {
    MediaType base = type.getBaseType();
    return base.equals(MediaType.TEXT_PLAIN) || registry.isSpecializationOf(base, MediaType.TEXT_PLAIN);
  }

  private static byte[] sample(InputStream input) throws IOException {
    input.mark(SAMPLE_BYTES);
    try {
      return input.readNBytes(SAMPLE_BYTES);
    } finally {
      input.reset();
    }
  }

  /**
   * Tells whether {@code bytes} read as text: no NUL byte, almost no control characters, and either
   * valid UTF-8 or mostly ASCII (a single-byte charset such as ISO-8859-1). The thresholds are those
   * of Tika's {@code TextStatistics.isMostlyAscii()}: under 2 % control bytes, over 90 % ASCII.
   */
  static boolean looksLikeText(byte[] bytes) {
    if (bytes.length == 0) {
      return false;
    }
    int controls = 0;
    int high = 0;
    for (byte b : bytes) {
      int c = b & 0xff;
      if (c == 0) {
        return false;
      }
      if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || c == 0x7f) {
        controls++;
      } else if (c >= 0x80) {
        high++;
      }
    }
    if (controls * 100 >= bytes.length * 2) {
      return false;
    }
    return isUtf8(bytes) || high * 100 < bytes.length * 10;
  }

  private static boolean isUtf8(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    // A sample cut mid-character is still UTF-8: decode without endOfInput so a trailing partial
    // sequence is left over instead of reported as malformed.
    boolean endOfInput = bytes.length < SAMPLE_BYTES;
    CharBuffer out = CharBuffer.allocate(bytes.length);
    return !decoder.decode(ByteBuffer.wrap(bytes), out, endOfInput).isError();
  }
}
