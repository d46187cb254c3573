package io.newsflow.extract.internal;

import io.newsflow.api.FailureReason;
import io.newsflow.extract.ExtractionConfig;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.exception.TikaException;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.RecursiveParserWrapper;
import org.apache.tika.pipes.HandlerConfig;
import org.apache.tika.sax.BasicContentHandlerFactory;
import org.apache.tika.sax.RecursiveParserWrapperHandler;
import org.apache.tika.utils.ExceptionUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * Parses files in this JVM, each on a thread of the engine's own for at most the configured timeout,
 * producing the same recursive metadata list as Tika's pipes workers. A parser that ignores the
 * interrupt keeps running on its (daemon) thread: this bounds the caller's wait, not the CPU or heap
 * a hostile file can take; {@link ForkedEngine} bounds those. Thread-safe.
 */
public final class InProcessEngine implements ParseEngine {

  private static final Logger LOG = LoggerFactory.getLogger(InProcessEngine.class);

  private final ExtractionConfig config;
  private final Parser parser;
  private final ExecutorService parsing;

  /** Creates an engine reading files with {@code parser} (Tika's auto-detecting parser, normally). */
  public InProcessEngine(ExtractionConfig config, Parser parser) {
    this.config = config;
    this.parser = new RecursiveParserWrapper(parser);
    AtomicInteger threads = new AtomicInteger();
    this.parsing = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "newsflow-parse-" + threads.incrementAndGet());
      t.setDaemon(true); // an abandoned runaway parse must not keep the JVM alive
      return t;
    });
  }

  @Override
  public RawParse parse(Path file, String resourceName, ParseContext context) throws InterruptedException {
    Future<RawParse> parse = parsing.submit(() -> parseNow(file, resourceName, context));
    try {
      return parse.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Interrupting stops parsers that check for it; one that does not keeps its thread busy.
      parse.cancel(true);
      return RawParse.failed(FailureReason.TIMEOUT, "parsing took longer than " + ExtractionConfig.TIMEOUT + " = "
          + config.timeout(), TimeoutException.class.getName());
    } catch (InterruptedException e) {
      parse.cancel(true);
      throw e;
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof OutOfMemoryError) {
        // The parse thread's allocations are garbage now; the heap recovers. A file that exhausts
        // memory is a limit case, not a bug (the formats corpus has fuzzed files that do this).
        return RawParse.failed(FailureReason.LIMIT_EXCEEDED, "parsing ran out of memory: " + cause.getMessage(),
            cause.getClass().getName());
      }
      LOG.warn("Unexpected error parsing {}; rejected as internal, report this as a newsflow bug", file, cause);
      return RawParse.failed(FailureReason.INTERNAL, "unexpected " + cause, cause.getClass().getName());
    }
  }

  private RawParse parseNow(Path file, String resourceName, ParseContext context) {
    HandlerConfig handlers = context.get(HandlerConfig.class);
    RecursiveParserWrapperHandler handler = new RecursiveParserWrapperHandler(
        new BasicContentHandlerFactory(BasicContentHandlerFactory.HANDLER_TYPE.TEXT, handlers.getWriteLimit(), false,
            context), handlers.getMaxEmbeddedResources());
    Metadata metadata = new Metadata();
    if (resourceName != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, resourceName);
    }
    String containerException = null;
    try (InputStream raw = Files.newInputStream(file); TemporaryResources tmp = new TemporaryResources()) {
      parser.parse(TikaInputStream.get(raw, tmp, metadata), handler, metadata, context);
    } catch (IOException e) {
      return RawParse.failed(FailureReason.UNREADABLE, String.valueOf(e.getMessage()), e.getClass().getName());
    } catch (SAXException | TikaException | RuntimeException e) {
      containerException = ExceptionUtils.getStackTrace(e);
    }
    List<Metadata> list = new ArrayList<>(handler.getMetadataList());
    if (list.isEmpty()) {
      list.add(metadata);
    }
    if (containerException != null && list.get(0).get(TikaCoreProperties.CONTAINER_EXCEPTION) == null) {
      list.get(0).set(TikaCoreProperties.CONTAINER_EXCEPTION, containerException);
    }
    return RawParse.of(list);
  }

  /** Stops the parse threads, interrupting any that still run. */
  @Override
  public void close() {
    parsing.shutdownNow();
  }
}
