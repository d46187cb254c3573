package io.newsflow.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.api.DocumentId;
import io.newsflow.api.Json;
import io.newsflow.bench.CorpusGenerator;
import io.newsflow.bench.CpuAccount;
import io.newsflow.bench.LatencyTracker;
import io.newsflow.ingest.ImportSummary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Measures end-to-end throughput and latency: generates (or takes) a corpus, imports it through the
 * running pipeline, and polls search until every document is searchable and enriched.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = BenchEnrichCommand.class,
    description = {"Benchmark the running pipeline end to end (start it first: `newsflow up --detach --no-demo`).",
        "Generates a mixed corpus (HTML with site boilerplate, text, multi-page PDF, DOCX) unless --corpus is given,",
        "imports it, and reports documents/s, MB/s, and file-seen -> searchable / -> enriched latency percentiles.",
        "`newsflow bench enrich` measures the enrich stage alone, in process."})
final class BenchCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Option(names = "--files", description = "Files to generate (default: ${DEFAULT-VALUE}).", defaultValue = "3200")
  int files;

  @Option(names = "--profile", description = "Generated corpus: news-archive (3,200 files ~ 100 MB), light or tiny (default: ${DEFAULT-VALUE}).",
      defaultValue = "news-archive")
  String profile;

  @Option(names = "--live-probes", description = {"While the import runs, upload this many small files through the dashboard's",
      "live path (one a second) and report their upload -> searchable latency (default: ${DEFAULT-VALUE})."}, defaultValue = "0")
  int liveProbes;

  @Option(names = "--corpus", description = "Import this folder instead of a generated corpus (it must not be indexed yet).")
  Path corpus;

  @Option(names = "--seed", description = "Seed of the generated corpus (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  @Option(names = "--timeout", description = "Give up after (default: ${DEFAULT-VALUE}).", defaultValue = "30m", converter = DurationConverter.class)
  Duration timeout;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Option(names = "--searchable-only", description = {"Stop once every document is searchable, without waiting for enrichment",
      "(for throughput A/B runs; enriched_seconds and latency_enriched_ms are then left out)."})
  boolean searchableOnly;

  @Override
  public Integer call() throws Exception {
    Environment env = main.environment();
    Path dir = corpus;
    if (dir == null) {
      // A fresh folder each run: the same paths would be skipped as unchanged.
      dir = env.dataDir.resolve("bench/corpus-" + UUID.randomUUID().toString().substring(0, 8));
      System.err.println("bench: generating " + files + " files in " + dir + " ...");
      new CorpusGenerator(seed).generate(dir, files, GenerateCommand.profile(profile));
    }
    Set<String> ids;
    long bytes;
    try (Stream<Path> walk = Files.walk(dir)) {
      List<Path> all = walk.filter(Files::isRegularFile).toList();
      ids = all.stream().map(p -> DocumentId.ofSource(p.toAbsolutePath().normalize().toUri()).value()).collect(Collectors.toSet());
      bytes = 0;
      for (Path p : all) {
        bytes += Files.size(p);
      }
    }
    try (Pipeline pipeline = new Pipeline(env.settings(), new SimpleMeterRegistry()).batch().prepare()) {
      String jobId = "bench-" + UUID.randomUUID();
      LatencyTracker tracker = new LatencyTracker(
          (batch, enrichedOnly) -> visible(pipeline.search().searchable(batch, enrichedOnly)),
          (since, enrichedOnly) -> visible(pipeline.search().searchableSince(jobId, since, enrichedOnly, 10_000)),
          ids);
      AtomicBoolean importing = new AtomicBoolean(true);
      java.util.concurrent.atomic.AtomicReference<ImportSummary> imported = new java.util.concurrent.atomic.AtomicReference<>();
      boolean retained = false;
      List<CpuAccount.Role> roles = cpuRoles(env);
      CpuAccount.Snapshot cpuAtStart = CpuAccount.take(roles);
      CpuAccount.Snapshot cpuAtSearchable = null;
      Instant start = Instant.now();
      Path importDir = dir;
      Thread importer = new Thread(() -> {
        try {
          ImportSummary summary = pipeline.importer().run(List.of(importDir), jobId, p -> {});
          imported.set(summary);
          System.err.printf("bench: import published %d, failed %d in %.1f s%n", summary.published(), summary.failed(),
              Duration.between(start, Instant.now()).toMillis() / 1000.0);
        } finally {
          importing.set(false);
        }
      }, "bench-import");
      importer.start();
      LiveProbe probe = liveProbes > 0 ? LiveProbe.start(pipeline, env.settings().dashboard(), liveProbes, importing) : null;
      Instant deadline = start.plus(timeout);
      while (!(searchableOnly ? tracker.pollSearchable() : tracker.poll()) && Instant.now().isBefore(deadline)) {
        if (!retained && imported.get() != null) {
          retained = true;
          Set<String> published = imported.get().publishedDocuments().stream().map(p -> p.id().value()).collect(Collectors.toSet());
          int skipped = tracker.retainOnly(published);
          if (skipped > 0) {
            System.err.println("bench: " + skipped + " file(s) were not published (duplicates of indexed documents, unchanged or"
                + " failed) and are left out; use a new --seed for a corpus of its own");
          }
        }
        if (cpuAtSearchable == null && tracker.pendingSearchable() == 0) {
          cpuAtSearchable = CpuAccount.take(roles).since(cpuAtStart);
        }
        Thread.sleep(250);
      }
      if (cpuAtSearchable == null && tracker.pendingSearchable() == 0) {
        cpuAtSearchable = CpuAccount.take(roles).since(cpuAtStart);
      }
      importer.join();
      Map<String, Object> live = probe == null ? null : probe.finish();
      double searchableSeconds = tracker.lastSearchable() == null ? 0 : Duration.between(start, tracker.lastSearchable()).toMillis() / 1000.0;
      double enrichedSeconds = tracker.lastEnriched() == null ? 0 : Duration.between(start, tracker.lastEnriched()).toMillis() / 1000.0;
      Map<String, Object> report = new LinkedHashMap<>();
      report.put("files", ids.size());
      report.put("megabytes", Math.round(bytes / 1e4) / 100.0);
      report.put("cores", Runtime.getRuntime().availableProcessors());
      report.put("searchable_seconds", searchableSeconds);
      report.put("documents_per_second", searchableSeconds == 0 ? 0 : Math.round(tracker.searchable().count() / searchableSeconds * 10) / 10.0);
      report.put("megabytes_per_second", searchableSeconds == 0 ? 0 : Math.round(bytes / 1e6 / searchableSeconds * 100) / 100.0);
      if (!searchableOnly) {
        report.put("enriched_seconds", enrichedSeconds);
      }
      report.put("latency_searchable_ms", tracker.searchable());
      if (!searchableOnly) {
        report.put("latency_enriched_ms", tracker.enriched());
      }
      report.put("not_searchable", tracker.pendingSearchable());
      if (!searchableOnly) {
        report.put("not_enriched", tracker.pendingEnriched());
      }
      if (live != null) {
        report.put("live_probe", live);
      }
      if (cpuAtSearchable != null && !cpuAtSearchable.seconds().isEmpty()) {
        report.put("cpu_until_searchable", cpuReport(cpuAtSearchable, tracker.searchable().count()));
      }
      if (json) {
        System.out.println(Json.encodeToString(report));
      } else {
        report.forEach((k, v) -> System.out.printf("%-22s %s%n", k, v));
      }
      return tracker.pendingSearchable() == 0 && (searchableOnly || tracker.pendingEnriched() == 0) ? 0 : Main.EXIT_FAILURES;
    }
  }

  private static Map<String, LatencyTracker.Visible> visible(Map<String, io.newsflow.elasticsearch.ArticleSearch.Searchable> found) {
    Map<String, LatencyTracker.Visible> out = new HashMap<>();
    found.forEach((id, s) -> out.put(id, new LatencyTracker.Visible(s.seenAt(), s.enriched(), s.indexedAt(), s.enrichmentIndexedAt())));
    return out;
  }

  /**
   * The processes whose CPU the report accounts for: this process (the importer) and the parse workers it forks, and,
   * when the local stack runs from this data folder, Elasticsearch, Kafka and the stage process with its own workers.
   */
  private static List<CpuAccount.Role> cpuRoles(Environment env) {
    List<CpuAccount.Role> roles = new java.util.ArrayList<>();
    long self = ProcessHandle.current().pid();
    roles.add(new CpuAccount.Role("importer", self, true, false));
    roles.add(new CpuAccount.Role("parse_workers_import", self, false, true));
    pid(env.dataDir.resolve("elasticsearch.pid")).ifPresent(pid -> roles.add(new CpuAccount.Role("elasticsearch", pid, true, true)));
    pid(env.dataDir.resolve("kafka.pid")).ifPresent(pid -> roles.add(new CpuAccount.Role("kafka", pid, true, true)));
    pid(env.dataDir.resolve("newsflow.pid")).ifPresent(pid -> {
      roles.add(new CpuAccount.Role("stages", pid, true, false));
      roles.add(new CpuAccount.Role("parse_workers_live", pid, false, true));
    });
    return roles;
  }

  /** The pid in a pid file: its only line, or its {@code pid=} line. */
  private static java.util.Optional<Long> pid(Path file) {
    try {
      for (String line : Files.readAllLines(file)) {
        String value = line.startsWith("pid=") ? line.substring(4) : line;
        if (value.strip().matches("\\d+")) {
          return java.util.Optional.of(Long.parseLong(value.strip()));
        }
      }
    } catch (java.io.IOException e) {
      // no local stack here
    }
    return java.util.Optional.empty();
  }

  private static Map<String, Object> cpuReport(CpuAccount.Snapshot spent, int documents) {
    Map<String, Object> out = new LinkedHashMap<>();
    double total = spent.seconds().values().stream().mapToDouble(Double::doubleValue).sum();
    Map<String, Object> seconds = new LinkedHashMap<>();
    spent.seconds().entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue().reversed())
        .forEach(e -> seconds.put(e.getKey(), Math.round(e.getValue() * 10) / 10.0));
    out.put("seconds", seconds);
    // Of those seconds, what the processes' JIT compiler threads spent: most of a young JVM's CPU on a small machine.
    Map<String, Object> compiler = new LinkedHashMap<>();
    spent.compilerSeconds().forEach((role, s) -> {
      if (s > 0) {
        compiler.put(role, Math.round(s * 10) / 10.0);
      }
    });
    out.put("jit_compiler_seconds", compiler);
    out.put("newsflow_seconds", Math.round(total * 10) / 10.0);
    out.put("machine_busy_seconds", Math.round(spent.machineBusy() * 10) / 10.0);
    out.put("ms_per_document", documents == 0 ? 0 : Math.round(total * 1000 / documents * 10) / 10.0);
    return out;
  }
}
