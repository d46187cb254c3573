package io.newsflow.cli;

import io.newsflow.api.Json;
import io.newsflow.bench.ExtractionBenchmark;
import io.newsflow.extract.ExtractionConfig;
import io.newsflow.extract.TikaExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Measures extraction throughput with and without worker-process isolation. */
@Command(name = "bench-extraction", mixinStandardHelpOptions = true,
    description = {"Measure extraction throughput (files/s, MB/s) on a corpus, without Kafka or Elasticsearch, with",
        "ingest.threads threads and the extract.* settings: isolated in worker processes (fork), in process, or",
        "both (default), each from a cold start. CORPUS may be a formats corpus (files/ + manifest.json), a",
        "main-text evaluation corpus (its gzip'd HTML pages are unpacked first) or any folder of files.",
        "On Linux it also reports CPU milliseconds per file: of the worker processes (isolated runs) and of this",
        "process (in process the parsing itself; isolated, the client side), robust to other load on the machine."})
final class BenchExtractionCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Option(names = "--corpus", required = true, description = "The corpus folder, e.g. ../shared/corpora/formats.")
  Path corpus;

  @Option(names = "--isolation", defaultValue = "both",
      description = "fork, in-process or both (default: ${DEFAULT-VALUE}).")
  String isolation;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Settings settings = main.environment().settings();
    ExtractionConfig config = settings.extraction();
    int threads = settings.integer("ingest.threads");
    List<ExtractionConfig.Isolation> modes = isolation.equals("both")
        ? List.of(ExtractionConfig.Isolation.FORK, ExtractionConfig.Isolation.IN_PROCESS)
        : List.of(ExtractionConfig.Isolation.ofCode(isolation));
    Path scratch = Files.createTempDirectory("newsflow-bench-extraction-");
    List<ExtractionBenchmark.Run> runs = new ArrayList<>();
    try {
      List<Path> files = ExtractionBenchmark.files(corpus, scratch);
      for (ExtractionConfig.Isolation mode : modes) {
        runs.add(ExtractionBenchmark.run(mode.code(), () -> new TikaExtractor(config.withIsolation(mode)), files, threads));
      }
    } finally {
      ExtractionBenchmark.deleteScratch(scratch);
    }
    List<Map<String, Object>> out = new ArrayList<>();
    for (ExtractionBenchmark.Run r : runs) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("isolation", r.label());
      m.put("files", r.result().files().size());
      m.put("megabytes", Math.round(r.result().bytes() / 10485.76) / 100.0);
      m.put("seconds", Math.round(r.result().wallNanos() / 1e7) / 100.0);
      m.put("files_per_second", Math.round(r.result().filesPerSecond() * 10) / 10.0);
      m.put("megabytes_per_second", Math.round(r.result().megabytesPerSecond() * 100) / 100.0);
      m.put("worker_cpu_ms_per_file", Math.round(r.workerCpuMsPerFile() * 100) / 100.0);
      m.put("caller_cpu_ms_per_file", Math.round(r.callerCpuMsPerFile() * 100) / 100.0);
      m.put("outcomes", r.outcomes());
      out.add(m);
    }
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("corpus", corpus.toString());
    report.put("threads", threads);
    report.put("workers", config.workers());
    report.put("cores", Runtime.getRuntime().availableProcessors());
    report.put("runs", out);
    if (json) {
      System.out.println(Json.encodeToString(report));
      return 0;
    }
    System.out.printf("corpus %s, %d threads, %d workers, %d cores%n", corpus, threads, config.workers(),
        Runtime.getRuntime().availableProcessors());
    System.out.printf("%-11s %7s %9s %9s %9s %8s %13s %13s%n", "isolation", "files", "MB", "seconds", "files/s", "MB/s",
        "worker-CPU-ms", "caller-CPU-ms");
    for (Map<String, Object> m : out) {
      System.out.printf("%-11s %7s %9s %9s %9s %8s %13s %13s  %s%n", m.get("isolation"), m.get("files"),
          m.get("megabytes"), m.get("seconds"), m.get("files_per_second"), m.get("megabytes_per_second"),
          m.get("worker_cpu_ms_per_file"), m.get("caller_cpu_ms_per_file"), m.get("outcomes"));
    }
    return 0;
  }
}
