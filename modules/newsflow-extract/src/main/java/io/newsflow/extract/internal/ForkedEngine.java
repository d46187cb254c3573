package io.newsflow.extract.internal;

import io.newsflow.api.FailureReason;
import io.newsflow.extract.ExtractionConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.tika.exception.TikaConfigException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.pipes.FetchEmitTuple;
import org.apache.tika.pipes.PipesConfig;
import org.apache.tika.pipes.PipesClient;
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
 *
 * <p>Each worker has a temporary folder of its own ({@code java.io.tmpdir}), in a folder this engine
 * owns: {@code newsflow-parse-<pid>-*} under the JVM's temporary folder. A worker killed in a parse
 * cannot delete its temporary files (Tika's spooled copies, OCR output {@code *.tmp.txt}); so its
 * folder is emptied when it is replaced, the whole folder is deleted when the engine closes, and the
 * folders of engines whose process died (kill -9) are deleted when the next engine starts.
 */
public final class ForkedEngine implements ParseEngine {

  private static final Logger LOG = LoggerFactory.getLogger(ForkedEngine.class);

  private static final String TEMP_PREFIX = "newsflow-parse-";

  private final ExtractionConfig config;
  private final Path tempRoot;
  private final List<Worker> workers = new ArrayList<>();
  private final ArrayBlockingQueue<Worker> idle;
  private final AtomicLong ids = new AtomicLong();

  /** One worker process (started, and restarted, by its client on use) and its temporary folder. */
  private record Worker(PipesClient client, Path temp) {}

  /**
   * Starts no process yet: workers start on first use.
   *
   * @param tikaConfig the file {@link TikaSetup#write} wrote for {@code config}
   * @throws IllegalStateException if Tika refuses the configuration
   * @throws UncheckedIOException if the workers' temporary folders cannot be made
   */
  public ForkedEngine(ExtractionConfig config, Path tikaConfig) {
    this(config, tikaConfig, Path.of(System.getProperty("java.io.tmpdir")));
  }

  /** Creates the engine with its temporary folder in {@code tempParent}. */
  ForkedEngine(ExtractionConfig config, Path tikaConfig, Path tempParent) {
    this.config = config;
    deleteOrphans(tempParent);
    try {
      this.tempRoot = Files.createTempDirectory(tempParent, TEMP_PREFIX + ProcessHandle.current().pid() + "-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder for the parse workers in " + tempParent, e);
    }
    try {
      int n = PipesConfig.load(tikaConfig).getNumClients();
      this.idle = new ArrayBlockingQueue<>(n);
      for (int i = 0; i < n; i++) {
        // Tika's PipesParser gives every worker the same JVM options; a client of our own per worker can give each
        // its own temporary folder, which is what lets a killed worker's leftovers be deleted without touching the
        // files of a parse still running in another worker.
        PipesConfig pipesConfig = PipesConfig.load(tikaConfig);
        Path temp = Files.createDirectory(tempRoot.resolve("worker-" + i));
        List<String> jvmArgs = new ArrayList<>(pipesConfig.getForkedJvmArgs());
        jvmArgs.add("-Djava.io.tmpdir=" + temp);
        pipesConfig.setForkedJvmArgs(jvmArgs);
        Worker worker = new Worker(new PipesClient(pipesConfig), temp);
        workers.add(worker);
        idle.add(worker);
      }
    } catch (IOException | TikaConfigException e) {
      deleteTree(tempRoot);
      throw new IllegalStateException("cannot configure Tika's pipes from " + tikaConfig + ": " + e.getMessage(), e);
    }
  }

  /** Returns the folder that holds the workers' temporary folders (deleted on {@link #close}). */
  Path tempRoot() {
    return tempRoot;
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
    // Waiting for a free worker is bounded by the work queued before us, not by one file.
    Worker worker = idle.take();
    try {
      result = worker.client().process(tuple);
    } catch (IOException e) {
      clean(worker);
      LOG.warn("Tika's pipes failed on {}: {}", file, e.toString());
      return RawParse.failed(FailureReason.INTERNAL, "the parse worker pool failed: " + e, e.getClass().getName());
    } finally {
      idle.add(worker);
    }
    // These end with the worker process dead (killed by its watchdog, out of heap, crashed): whatever it had in its temporary
    // folder stays there unless deleted now. Its client starts the next process only on the next file; until this call
    // returns the worker is ours alone.
    if (result.getStatus() == PipesResult.STATUS.TIMEOUT || result.getStatus() == PipesResult.STATUS.OOM
        || result.getStatus() == PipesResult.STATUS.UNSPECIFIED_CRASH) {
      clean(worker);
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

  /** Empties a worker's temporary folder. */
  private static void clean(Worker worker) {
    try (Stream<Path> left = Files.list(worker.temp())) {
      left.forEach(ForkedEngine::deleteTree);
    } catch (IOException e) {
      LOG.warn("could not empty the parse worker's temporary folder {}: {}", worker.temp(), e.toString());
    }
  }

  /** Deletes the temporary folders of engines whose process no longer runs. */
  private static void deleteOrphans(Path tempParent) {
    try (Stream<Path> all = Files.list(tempParent)) {
      all.filter(p -> p.getFileName().toString().startsWith(TEMP_PREFIX) && Files.isDirectory(p))
          .filter(p -> ownerPid(p.getFileName().toString()).map(pid -> ProcessHandle.of(pid).isEmpty()).orElse(false))
          .forEach(ForkedEngine::deleteTree);
    } catch (IOException | RuntimeException e) {
      LOG.debug("could not look for orphaned parse worker folders in {}: {}", tempParent, e.toString());
    }
  }

  private static java.util.Optional<Long> ownerPid(String name) {
    String rest = name.substring(TEMP_PREFIX.length());
    int dash = rest.indexOf('-');
    try {
      return java.util.Optional.of(Long.parseLong(dash < 0 ? rest : rest.substring(0, dash)));
    } catch (NumberFormatException e) {
      return java.util.Optional.empty();
    }
  }

  private static void deleteTree(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      all.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          LOG.debug("could not delete {}: {}", p, e.toString());
        }
      });
    } catch (IOException e) {
      LOG.debug("could not delete {}: {}", root, e.toString());
    }
  }

  /** Stops the worker processes and deletes their temporary folders. */
  @Override
  public void close() {
    for (Worker worker : workers) {
      try {
        worker.client().close();
      } catch (IOException e) {
        LOG.warn("Could not stop every parse worker cleanly: {}", e.toString());
      }
    }
    deleteTree(tempRoot);
  }
}
