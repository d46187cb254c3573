package io.newsflow.bench;

import io.newsflow.api.Extraction;
import io.newsflow.api.Extractor;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Runs every file of a folder through an extractor, as the ingest stage does (same extractor, same
 * number of threads), and keeps each file's outcome. Not thread-safe; one run at a time.
 */
public final class ExtractionRun {

  /** What extraction made of one file. */
  public record FileResult(Path file, long bytes, Outcome<Extraction> outcome, long nanos) {}

  /** All files' results, in file order, and the wall-clock time the run took. */
  public record Result(List<FileResult> files, long wallNanos) {

    public long bytes() {
      return files.stream().mapToLong(FileResult::bytes).sum();
    }

    public double filesPerSecond() {
      return files.size() / (wallNanos / 1e9);
    }

    public double megabytesPerSecond() {
      return bytes() / (1024.0 * 1024.0) / (wallNanos / 1e9);
    }
  }

  private ExtractionRun() {}

  /** Lists the regular files at or below {@code dir}, sorted by path. */
  public static List<Path> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Extracts {@code files} with {@code threads} threads calling {@code extractor} at once.
   *
   * @throws IllegalStateException if the extractor throws (it must not: a bad file is an outcome)
   */
  public static Result run(Extractor extractor, List<Path> files, int threads) throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      long start = System.nanoTime();
      List<Future<FileResult>> futures = new ArrayList<>();
      for (Path file : files) {
        futures.add(pool.submit(() -> extract(extractor, file)));
      }
      List<FileResult> results = new ArrayList<>();
      for (Future<FileResult> f : futures) {
        try {
          results.add(f.get());
        } catch (ExecutionException e) {
          throw new IllegalStateException("the extractor threw instead of returning an outcome: " + e.getCause(),
              e.getCause());
        }
      }
      return new Result(results, System.nanoTime() - start);
    } finally {
      pool.shutdownNow();
    }
  }

  private static FileResult extract(Extractor extractor, Path file) throws IOException {
    Path abs = file.toAbsolutePath().normalize();
    long size = Files.size(abs);
    SourceFile source = new SourceFile(abs.toUri(), abs, size, Files.getLastModifiedTime(abs).toInstant(),
        Instant.now(), null);
    long start = System.nanoTime();
    Outcome<Extraction> outcome = extractor.extractAll(source);
    return new FileResult(file, size, outcome, System.nanoTime() - start);
  }
}
