package io.newsflow.extract.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AbstractParser;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;

/**
 * Writes a temporary file the way Tika does (an {@code apache-tika-*.tmp} in {@code java.io.tmpdir}), records its path in
 * the witness file the parsed file names, then never returns, as a parser stuck on a hostile file after spooling it does:
 * only killing the worker stops it, and the temporary file is left behind. Test-only: Tika's service loader finds it
 * through this module's test resources (in the test JVM and in Tika's pipes workers, which share its class path); it
 * reads only {@value #TYPE}, which {@link LeakingDetector} detects by the magic {@value #MAGIC} at offset 0.
 *
 * <p>A file for it: the magic, a newline, the witness file's absolute path, a newline.
 */
public final class LeakingParser extends AbstractParser {

  public static final String TYPE = "application/x-newsflow-leaks-temp-file";
  public static final String MAGIC = "NEWSFLOW-LEAKS-TEMP-FILE";

  @Override
  public Set<MediaType> getSupportedTypes(ParseContext context) {
    return Set.of(MediaType.parse(TYPE));
  }

  @Override
  @SuppressWarnings("InfiniteLoopStatement")
  public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) throws IOException {
    String[] lines = new String(stream.readAllBytes(), StandardCharsets.UTF_8).split("\n");
    Path spooled = Files.createTempFile("apache-tika-", ".tmp");
    Files.writeString(spooled, "spooled copy of the parsed file");
    Files.writeString(Path.of(lines[1].strip()), spooled.toAbsolutePath().toString());
    while (true) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        // Deliberately ignored: only killing the process stops this parse.
      }
    }
  }
}
