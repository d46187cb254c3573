package io.newsflow.extract.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.tika.detect.Detector;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;

/**
 * Detects {@link LeakingParser#TYPE} by its magic at offset 0. Test-only, found by Tika's service loader through this
 * module's test resources.
 */
public final class LeakingDetector implements Detector {

  private static final byte[] MAGIC = LeakingParser.MAGIC.getBytes(StandardCharsets.US_ASCII);

  @Override
  public MediaType detect(InputStream input, Metadata metadata) throws IOException {
    if (input == null) {
      return MediaType.OCTET_STREAM;
    }
    input.mark(MAGIC.length);
    try {
      return Arrays.equals(input.readNBytes(MAGIC.length), MAGIC) ? MediaType.parse(LeakingParser.TYPE) : MediaType.OCTET_STREAM;
    } finally {
      input.reset();
    }
  }
}
