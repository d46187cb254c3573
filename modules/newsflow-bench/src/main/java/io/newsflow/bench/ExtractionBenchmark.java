package io.newsflow.bench;

import io.newsflow.api.Extractor;
import io.newsflow.api.Outcome;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Measures extraction throughput (files/s, MB/s) on a folder of files with an extractor as the ingest
 * stage builds it, for each extractor given (isolated in worker processes, in process). Each run
 * starts from a new extractor, so the worker processes' start-up is part of the figure, as it is of
 * an import.
 */
public final class ExtractionBenchmark {

  /**
   * One extractor's run: its label, the timings, files per outcome, and the CPU seconds (user + system,
   * Linux only, else 0) of the benchmark's own process ({@code callerCpuSeconds}: in process the parsing,
   * isolated the client side) and of the worker processes it started ({@code workerCpuSeconds}, 0 in process).
   */
  public record Run(String label, ExtractionRun.Result result, Map<String, Integer> outcomes, double callerCpuSeconds,
      double workerCpuSeconds) {

    /** Returns the workers' CPU milliseconds per file of the run. */
    public double workerCpuMsPerFile() {
      return result.files().isEmpty() ? 0 : workerCpuSeconds * 1000 / result.files().size();
    }

    /** Returns the benchmark process's own CPU milliseconds per file of the run. */
    public double callerCpuMsPerFile() {
      return result.files().isEmpty() ? 0 : callerCpuSeconds * 1000 / result.files().size();
    }
  }

  private static final String CALLER = "caller";
  private static final String WORKERS = "workers";

  private ExtractionBenchmark() {}

  /**
   * Returns the files to run: {@code files/} of a formats corpus, the pages of a main-text evaluation
   * corpus (gzip'd HTML under {@code cache/} and {@code eval/}, unpacked into {@code scratch} as
   * {@code .html} files), or every file below {@code corpus} otherwise.
   */
  public static List<Path> files(Path corpus, Path scratch) throws IOException {
    if (Files.isDirectory(corpus.resolve("files")) && Files.isRegularFile(corpus.resolve("manifest.json"))) {
      return ExtractionRun.files(corpus.resolve("files"));
    }
    if (Files.isRegularFile(corpus.resolve("evaldata.json"))) {
      List<Path> pages = new ArrayList<>();
      for (String dir : List.of("cache", "eval")) {
        if (!Files.isDirectory(corpus.resolve(dir))) {
          continue;
        }
        try (Stream<Path> gz = Files.list(corpus.resolve(dir))) {
          for (Path p : gz.filter(f -> f.getFileName().toString().endsWith(".html.gz")).sorted().toList()) {
            String name = p.getFileName().toString();
            Path out = scratch.resolve(dir + "-" + name.substring(0, name.length() - ".gz".length()));
            try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
              Files.copy(in, out);
            }
            pages.add(out);
          }
        }
      }
      return pages;
    }
    return ExtractionRun.files(corpus);
  }

  /**
   * Runs {@code files} through a new extractor from {@code extractor}, closing it afterwards. The CPU account
   * counts from before the extractor is made (worker start-up included, as in an import) until the last file is
   * done, before the extractor closes (so the workers are still running and counted whole).
   */
  public static Run run(String label, Supplier<Extractor> extractor, List<Path> files, int threads)
      throws InterruptedException {
    long self = ProcessHandle.current().pid();
    List<CpuAccount.Role> roles = List.of(new CpuAccount.Role(CALLER, self, true, false),
        new CpuAccount.Role(WORKERS, self, false, true));
    CpuAccount.Snapshot before = CpuAccount.take(roles);
    try (Extractor e = extractor.get()) {
      ExtractionRun.Result result = ExtractionRun.run(e, files, threads);
      CpuAccount.Snapshot spent = CpuAccount.take(roles).since(before);
      Map<String, Integer> outcomes = new TreeMap<>();
      for (ExtractionRun.FileResult r : result.files()) {
        String outcome = r.outcome() instanceof Outcome.Rejected<?> rej ? rej.reason().code()
            : r.outcome() instanceof Outcome.Success<?> ? "success" : "retry";
        outcomes.merge(outcome, 1, Integer::sum);
      }
      return new Run(label, result, outcomes, spent.seconds().getOrDefault(CALLER, 0.0),
          spent.seconds().getOrDefault(WORKERS, 0.0));
    }
  }

  /** Deletes {@code dir} and what it holds (the unpacked pages). */
  public static void deleteScratch(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
