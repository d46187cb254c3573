package io.newsflow.extract.internal;

import java.util.Collection;
import java.util.Collections;
import java.util.Map;
import org.apache.tika.config.ServiceLoader;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MediaTypeRegistry;
import org.apache.tika.parser.DefaultParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.renderer.Renderer;

/**
 * Tika's {@link DefaultParser} (every parser on the class path, less the excluded ones) that builds its map from
 * media type to parser once per parse rather than on every question. Tika asks it several times for each document:
 * for its supported types (once per enclosing composite parser) and for the parser of the document, and each time
 * {@code DefaultParser} asks all of its parsers for their types and builds a new map of about 1,500 types: 4 to 6%
 * of a parse worker's CPU (JFR, generated news archive). The map is kept for the last {@link ParseContext} it was
 * built for, and a file and its embedded documents share one context, so the answer is the one {@code DefaultParser}
 * gives for that context. Tika's configuration names this class in place of {@code DefaultParser}. Thread-safe.
 */
public class CachingDefaultParser extends DefaultParser {

  private static final long serialVersionUID = 1L;

  private record Built(ParseContext context, Map<MediaType, Parser> parsers) {}

  // Null after deserialization too: then built again.
  private transient volatile Built last;

  /** Creates the parser as Tika's configuration loader creates a {@code DefaultParser} with exclusions. */
  public CachingDefaultParser(MediaTypeRegistry registry, ServiceLoader loader,
      Collection<Class<? extends Parser>> excludeParsers, EncodingDetector encodingDetector, Renderer renderer) {
    super(registry, loader, excludeParsers, encodingDetector, renderer);
  }

  /** Returns the map of {@link DefaultParser#getParsers}, unmodifiable, built once per context. */
  @Override
  public Map<MediaType, Parser> getParsers(ParseContext context) {
    Built built = last;
    if (built != null && built.context() == context) {
      return built.parsers();
    }
    Map<MediaType, Parser> parsers = Collections.unmodifiableMap(super.getParsers(context));
    last = new Built(context, parsers);
    return parsers;
  }
}
