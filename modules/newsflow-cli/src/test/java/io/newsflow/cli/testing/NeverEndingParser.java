package io.newsflow.cli.testing;

import java.io.InputStream;
import java.util.Set;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AbstractParser;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;

/**
 * Never returns from {@link #parse} and ignores interrupts, as a runaway parser stuck in a loop on a
 * hostile file does. Test-only: Tika's service loader finds it through this module's test resources
 * (in the test JVM and in Tika's pipes workers, which share its class path), and it reads only
 * {@value #TYPE}, which {@link NeverEndingDetector} detects by the magic
 * {@value #MAGIC} at offset 0.
 */
public final class NeverEndingParser extends AbstractParser {

  public static final String TYPE = "application/x-newsflow-never-ends";
  public static final String MAGIC = "NEWSFLOW-NEVER-ENDS";

  @Override
  public Set<MediaType> getSupportedTypes(ParseContext context) {
    return Set.of(MediaType.parse(TYPE));
  }

  @Override
  @SuppressWarnings("InfiniteLoopStatement")
  public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context) {
    while (true) {
      try {
        Thread.sleep(1_000);
      } catch (InterruptedException e) {
        // Deliberately ignored: only killing the process stops this parse.
      }
    }
  }
}
