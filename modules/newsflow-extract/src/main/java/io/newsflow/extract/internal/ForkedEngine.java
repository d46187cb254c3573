package io.newsflow.extract.internal;

import io.newsflow.api.FailureReason;
import io.newsflow.extract.ExtractionConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.tika.exception.TikaConfigException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.pipes.FetchEmitTuple;
import org.apache.tika.pipes.PipesConfig;
import org.apache.tika.pipes.PipesException;
import org.apache.tika.pipes.PipesParser;
import org.apache.tika.pipes.PipesResult;
import org.apache.tika.pipes.emitter.EmitKey;
import org.apache.tika.pipes.fetcher.FetchKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses files in a pool of worker JVMs with Tika's own pipes ({@link PipesParser}): each worker
 * reads the file from disk, parses it recursively and sends the metadata list back. A worker that
 * exceeds the timeout is killed by its own watchdog, one that runs out of heap exits, one that
 * crashes just ends: in each case Tika starts a new one for the next file and the others carry on.
 * Thread-safe; a call blocks while all workers are busy.
 */
public final class ForkedEngine implements ParseEngine {

  private static final Logger LOG = LoggerFactory.getLogger(ForkedEngine.class);

  private final ExtractionConfig config;
  private final PipesParser pipes;
  private final AtomicLong ids = new AtomicLong();

  /**
   * Starts no process yet: workers start on first use.
   *
   * @param tikaConfig the file {@link TikaSetup#write} wrote for {@code config}
   * @throws IllegalStateException if Tika refuses the configuration
   */
  public ForkedEngine(ExtractionConfig config, Path tikaConfig) {
    this.config = config;
    try {
      PipesConfig pipesConfig = PipesConfig.load(tikaConfig);
      // Waiting for a free worker is bounded by the work queued before us, not by one file.
      pipesConfig.setMaxWaitForClientMillis(Long.MAX_VALUE / 4);
      this.pipes = new PipesParser(pipesConfig);
    } catch (IOException | TikaConfigException e) {
      throw new IllegalStateException("cannot configure Tika's pipes from " + tikaConfig + ": " + e.getMessage(), e);
    }
  }

  @Override
  public RawParse parse(Path file, String resourceName, ParseContext context) throws InterruptedException {
    Metadata user = new Metadata();
    String key = file.toAbsolutePath().toString();
    // The fetcher's base path is "/": a key relative to it names the absolute path.
    key = key.startsWith("/") ? key.substring(1) : key;
    FetchEmitTuple tuple = new FetchEmitTuple("newsflow-" + ids.incrementAndGet(), new FetchKey(TikaSetup.FETCHER, key),
        new EmitKey(), user, context, FetchEmitTuple.ON_PARSE_EXCEPTION.EMIT);
    PipesResult result;
    try {
      result = pipes.parse(tuple);
    } catch (PipesException | IOException e) {
      LOG.warn("Tika's pipes failed on {}: {}", file, e.toString());
      return RawParse.failed(FailureReason.INTERNAL, "the parse worker pool failed: " + e, e.getClass().getName());
    }
    return switch (result.getStatus()) {
      case PARSE_SUCCESS, PARSE_SUCCESS_WITH_EXCEPTION, PARSE_EXCEPTION_EMIT, EMIT_SUCCESS,
          EMIT_SUCCESS_PARSE_EXCEPTION, INTERMEDIATE_RESULT -> {
        List<Metadata> list = result.getEmitData() == null ? List.of() : result.getEmitData().getMetadataList();
        if (list == null || list.isEmpty()) {
          yield RawParse.failed(FailureReason.EMPTY, "the parser produced nothing", null);
        }
        String stack = result.getEmitData().getContainerStackTrace();
        if (stack != null && !stack.isBlank() && list.get(0).get(TikaCoreProperties.CONTAINER_EXCEPTION) == null) {
          list.get(0).set(TikaCoreProperties.CONTAINER_EXCEPTION, stack);
        }
        yield RawParse.of(list);
      }
      case PARSE_EXCEPTION_NO_EMIT -> RawParse.of(List.of(containerException(result.getMessage())));
      case TIMEOUT -> RawParse.failed(FailureReason.TIMEOUT, "parsing took longer than " + ExtractionConfig.TIMEOUT
          + " = " + config.timeout() + "; the worker was stopped and replaced", TimeoutException.class.getName());
      case OOM -> RawParse.failed(FailureReason.LIMIT_EXCEEDED, "parsing ran out of memory (" + ExtractionConfig.WORKER_HEAP
          + " = " + config.workerHeapBytes() / (1024 * 1024) + "MB); the worker was replaced", OutOfMemoryError.class.getName());
      case UNSPECIFIED_CRASH -> RawParse.failed(FailureReason.CORRUPT, "the parse worker crashed on this file and was replaced"
          + (result.getMessage() == null ? "" : ": " + result.getMessage()), "worker-crash");
      case EMPTY_OUTPUT -> RawParse.failed(FailureReason.EMPTY, "the parser produced nothing", null);
      case FETCH_EXCEPTION -> RawParse.failed(FailureReason.UNREADABLE, "the worker could not read the file: "
          + firstLine(result.getMessage()), IOException.class.getName());
      case INTERRUPTED_EXCEPTION -> throw new InterruptedException("interrupted while a worker parsed " + file);
      default -> RawParse.failed(FailureReason.INTERNAL, "Tika's pipes answered " + result.getStatus() + ": "
          + firstLine(result.getMessage()), "pipes-" + result.getStatus());
    };
  }

  private static Metadata containerException(String stack) {
    Metadata m = new Metadata();
    if (stack != null) {
      m.set(TikaCoreProperties.CONTAINER_EXCEPTION, stack);
    }
    return m;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).strip();
  }

  /** Stops the worker processes. */
  @Override
  public void close() {
    try {
      pipes.close();
    } catch (IOException e) {
      LOG.warn("Could not stop every parse worker cleanly: {}", e.toString());
    }
  }
}
