package io.newsflow.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.api.DeadLetter;
import io.newsflow.api.DocumentId;
import io.newsflow.api.Json;
import io.newsflow.api.Stage;
import io.newsflow.ingest.ImportReport;
import io.newsflow.ingest.ImportSummary;
import io.newsflow.ingest.Importer;
import io.newsflow.ingest.ItemSource;
import io.newsflow.ingest.JobJournal;
import io.newsflow.ingest.JobStore;
import io.newsflow.ingest.JournalEntry;
import io.newsflow.kafka.DeadLetterReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * Imports directories, files, ZIP/TAR archives, WARC files and list files as a job with a journal;
 * reports on a job, retries its failures, lists jobs.
 */
@Command(name = "import", mixinStandardHelpOptions = true,
    subcommands = {ImportCommand.Report.class, ImportCommand.Retry.class, ImportCommand.Jobs.class},
    description = {"Import files, directories (recursively), ZIP/TAR archives (.zip .tar .tar.gz .tgz .tar.bz2 .tar.xz: each entry",
        "is an item), WARC files (.warc .warc.gz: each archived 2xx response is an item) and paths listed in a file (--from).",
        "Each run is a job with a journal under <data>/jobs/<id>/; an interrupted job (Ctrl-C, kill -9) continues where it",
        "stopped when the same import runs again, or with --resume ID. Unchanged items (same modification time and size as",
        "indexed) are skipped; items whose bytes repeat an indexed document are recorded as duplicates.",
        "Exit code 1 if any item failed."})
final class ImportCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Parameters(arity = "0..*", paramLabel = "PATH", description = "Files, directories and archives to import.")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--from", paramLabel = "FILE", description = "Also import the paths listed in FILE, one per line ('#' comments; '-' reads standard input).")
  Path listFile;

  @Option(names = "--resume", paramLabel = "JOB", description = "Continue job JOB where it stopped (its own paths; give none).")
  String resume;

  @Option(names = "--new", description = "Start a new job even if an earlier import of the same paths was interrupted.")
  boolean fresh;

  @Option(names = "--wait", description = "Return only when every imported document is searchable or failed, then print the job's report.")
  boolean await;

  @Option(names = "--timeout", description = "With --wait: give up after this long (default: ${DEFAULT-VALUE}).", defaultValue = "10m", converter = DurationConverter.class)
  Duration timeout;

  @Option(names = "--json", description = "Print the summary as one JSON object (and no progress).")
  boolean json;

  @Option(names = "--reprocess", description = {"Extract and enrich items again even if the index holds them unchanged",
      "(after upgrading newsflow: their enrichment is redone; unchanged text is not rewritten)."})
  boolean reprocess;

  @Override
  public Integer call() throws Exception {
    Environment env = main.environment();
    JobStore store = jobs(env);
    JobStore.JobSpec spec;
    if (resume != null) {
      if (!paths.isEmpty() || listFile != null) {
        throw new IllegalArgumentException("--resume takes a job id and no paths: the job's own paths are imported");
      }
      spec = store.find(resume).orElseThrow(() -> new IllegalArgumentException("no such import job: " + resume
          + " (list them with `newsflow import jobs`)"));
    } else {
      if (paths.isEmpty() && listFile == null) {
        throw new IllegalArgumentException("give at least one PATH or --from FILE");
      }
      List<String> absolute = paths.stream().map(p -> p.toAbsolutePath().normalize().toString()).toList();
      String list = listFile == null ? null : listFile.toString().equals("-") ? "-" : listFile.toAbsolutePath().normalize().toString();
      JobStore.JobSpec wanted = new JobStore.JobSpec(JobStore.newId(Instant.now()), Instant.now(), absolute, list, reprocess);
      var interrupted = fresh || "-".equals(list) ? java.util.Optional.<JobStore.JobSpec>empty() : store.latestUnfinished(wanted);
      if (interrupted.isPresent()) {
        spec = interrupted.get();
        System.err.println("import: resuming job " + spec.id() + ", interrupted before it finished (--new starts afresh)");
      } else {
        spec = store.create(wanted);
      }
    }
    // Without --wait, nothing reads Kafka: the topics are made when the first item is published, if one is.
    Pipeline prepared = new Pipeline(env.settings(), new SimpleMeterRegistry()).batch();
    try (Pipeline pipeline = await ? prepared.prepare() : prepared.prepareLazily()) {
      // Resume: every item with an outcome in the journal is done; its content hash still counts for duplicates.
      Set<String> done = new HashSet<>();
      Map<String, DocumentId> contentSeen = new ConcurrentHashMap<>();
      store.read(spec.id(), e -> {
        done.add(e.item());
        if (e.sha256() != null && e.outcome() == JournalEntry.Outcome.PUBLISHED) {
          contentSeen.putIfAbsent(e.sha256(), new DocumentId(e.id()));
        }
      });
      if (!done.isEmpty()) {
        System.err.println("import: job " + spec.id() + " already has " + done.size() + " item(s) done; they are not redone");
      }
      return runJob(env, pipeline, store, spec, spec.reprocess(), done::contains, contentSeen, json, await, timeout);
    }
  }

  static JobStore jobs(Environment env) {
    return new JobStore(env.dataDir.resolve("jobs"));
  }

  /** Runs (or continues) a job's import over its sources, then prints its summary or, with {@code await}, its report. */
  static int runJob(Environment env, Pipeline pipeline, JobStore store, JobStore.JobSpec spec, boolean reprocess,
      Predicate<String> skip, Map<String, DocumentId> contentSeen, boolean json, boolean await, Duration timeout) throws Exception {
    store.reopen(spec.id());
    Settings settings = env.settings();
    ImportProgress progress = new ImportProgress(System.err, System.console() != null);
    if (!json) {
      Thread counter = new Thread(() -> {
        try {
          progress.total.set(ItemSource.count(spec.pathList(), "-".equals(spec.listFile()) ? null : spec.listFilePath()));
        } catch (Exception e) {
          // No total: the progress shows counts without a percentage.
        }
      }, "newsflow-import-count");
      counter.setDaemon(true);
      counter.setPriority(Thread.MIN_PRIORITY);
      counter.start();
    }
    long started = System.nanoTime();
    ImportSummary summary;
    try (JobJournal journal = store.journal(spec.id());
        ItemSource items = ItemSource.open(spec.pathList(), spec.listFilePath(), settings.extraction().maxFileSizeBytes())) {
      Importer.Run run = new Importer.Run(spec.id(), journal, reprocess, skip, contentSeen, false);
      summary = pipeline.importer().run(items, run, json ? p -> {} : progress);
    }
    progress.finish();
    double seconds = (System.nanoTime() - started) / 1e9;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("job_id", spec.id());
    out.put("seen", summary.seen());
    out.put("published", summary.published());
    out.put("unchanged", summary.unchanged());
    out.put("duplicates", summary.duplicates());
    out.put("failed", summary.failed());
    Map<String, Long> byReason = new LinkedHashMap<>();
    summary.failures().forEach((reason, n) -> byReason.put(reason.code(), n));
    out.put("failures", byReason);
    // Attachments and archive entries published as documents of their own (not counted as items).
    out.put("embedded", summary.embedded());
    Map<String, Long> embeddedByReason = new LinkedHashMap<>();
    summary.embeddedFailures().forEach((reason, n) -> embeddedByReason.put(reason.code(), n));
    out.put("embedded_failures", embeddedByReason);
    out.put("done_before", summary.resumed());
    out.put("bytes", summary.bytes());
    out.put("seconds", Math.round(seconds * 1000) / 1000.0);
    out.put("items_per_second", Math.round(summary.seen() / Math.max(seconds, 0.001) * 10) / 10.0);
    store.finish(spec.id(), out);
    long failed = summary.failed();
    if (await) {
      ImportReport report = waitForReport(pipeline, store, spec.id(), timeout);
      out.put("seconds_until_searchable", Math.round((System.nanoTime() - started) / 1e6) / 1000.0);
      // With --wait the counts are the reconciled ones, over the whole job (a resumed job included).
      out.put("seen", report.seen());
      out.put("indexed", report.indexed());
      out.put("unchanged", report.unchanged());
      out.put("duplicates", report.duplicates());
      out.put("failed", report.failed());
      out.put("missing", report.missing());
      out.put("failures", report.failures());
      out.put("timed_out", report.missing() > 0);
      out.put("by_format", report.byFormat());
      if (!json) {
        printReport(System.out, report, true);
      } else {
        System.out.println(Json.encodeToString(out));
      }
      if (report.missing() > 0) {
        return Main.EXIT_UNAVAILABLE;
      }
      return report.failed() > 0 ? Main.EXIT_FAILURES : 0;
    }
    if (json) {
      System.out.println(Json.encodeToString(out));
    } else {
      printRunSummary(System.out, out);
      System.out.println("  report: newsflow import report " + spec.id());
    }
    return failed > 0 ? Main.EXIT_FAILURES : 0;
  }

  private static void printRunSummary(PrintStream out, Map<String, Object> s) {
    out.printf("job %s: %s seen, %s published, %s unchanged, %s duplicates, %s failed in %s s (%s items/s)%s%n", s.get("job_id"),
        s.get("seen"), s.get("published"), s.get("unchanged"), s.get("duplicates"), s.get("failed"), s.get("seconds"),
        s.get("items_per_second"), ((Long) s.get("done_before")) > 0 ? "; " + s.get("done_before") + " done before" : "");
    @SuppressWarnings("unchecked")
    Map<String, Long> failures = (Map<String, Long>) s.get("failures");
    failures.forEach((reason, n) -> out.printf("  %-18s %d%n", reason, n));
    @SuppressWarnings("unchecked")
    Map<String, Long> embeddedFailures = (Map<String, Long>) s.get("embedded_failures");
    if ((Long) s.get("embedded") > 0 || !embeddedFailures.isEmpty()) {
      out.printf("  embedded documents (attachments, archive entries): %s published, %d failed%n", s.get("embedded"),
          embeddedFailures.values().stream().mapToLong(Long::longValue).sum());
      embeddedFailures.forEach((reason, n) -> out.printf("    %-16s %d%n", reason, n));
    }
  }

  /** Polls the reconciliation until nothing is missing any more, or the timeout. */
  static ImportReport waitForReport(Pipeline pipeline, JobStore store, String jobId, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    try (DeadLetterReader letters = new DeadLetterReader(pipeline.kafkaConfig())) {
      Map<DocumentId, ImportReport.LaterFailure> later = new HashMap<>();
      while (true) {
        for (DeadLetter letter : letters.poll(Duration.ofMillis(200))) {
          laterFailure(letter, jobId, later);
        }
        ImportReport report = reconcile(pipeline, store, jobId, later, null);
        if (report.missing() == 0 || System.nanoTime() > deadline) {
          if (report.missing() > 0) {
            System.err.println("import: " + report.missing() + " item(s) not searchable after " + timeout.toSeconds()
                + " s; is the index stage running (`newsflow status`)?");
          }
          return report;
        }
        Thread.sleep(500);
      }
    }
  }

  private static void laterFailure(DeadLetter letter, String jobId, Map<DocumentId, ImportReport.LaterFailure> later) {
    if (jobId.equals(letter.jobId()) && letter.stage() != Stage.INGEST && letter.id() != null) {
      later.put(letter.id(), new ImportReport.LaterFailure(letter.revision(), letter.stage().code(), letter.reason().code(), letter.message()));
    }
  }

  static ImportReport reconcile(Pipeline pipeline, JobStore store, String jobId, Map<DocumentId, ImportReport.LaterFailure> later,
      java.util.function.Consumer<ImportReport.Item> each) {
    return ImportReport.reconcile(jobId, store.isFinished(jobId), ImportReport.lastPerItem(store, jobId).values(), ids -> {
      // A search, not a real-time get: "indexed" means a user's search finds it, refresh included.
      Map<DocumentId, Long> revisions = new HashMap<>();
      pipeline.search().searchable(ids.stream().map(DocumentId::value).toList())
          .forEach((id, state) -> revisions.put(new DocumentId(id), state.revision()));
      return revisions;
    }, later, each);
  }

  /** Reads every later-stage dead letter of {@code jobId} from the dead-letter topic. */
  static Map<DocumentId, ImportReport.LaterFailure> laterFailures(Pipeline pipeline, String jobId) {
    Map<DocumentId, ImportReport.LaterFailure> later = new HashMap<>();
    try (DeadLetterReader letters = new DeadLetterReader(pipeline.kafkaConfig())) {
      for (DeadLetter letter : letters.readAll()) {
        laterFailure(letter, jobId, later);
      }
    }
    return later;
  }

  static void printReport(PrintStream out, ImportReport r, boolean withProblems) {
    out.printf("job %s (%s): %d seen = %d indexed + %d unchanged + %d duplicates + %d failed + %d missing%n", r.jobId(),
        r.finished() ? "finished" : "interrupted: continue it with `newsflow import --resume " + r.jobId() + "`",
        r.seen(), r.indexed(), r.unchanged(), r.duplicates(), r.failed(), r.missing());
    out.printf("  %-10s %8s %8s %9s %9s %8s %8s%n", "format", "seen", "indexed", "unchanged", "duplicate", "failed", "missing");
    r.byFormat().forEach((format, counts) -> out.printf("  %-10s %8d %8d %9d %9d %8d %8d%n", format,
        counts.values().stream().mapToLong(Long::longValue).sum(), counts.getOrDefault("indexed", 0L), counts.getOrDefault("unchanged", 0L),
        counts.getOrDefault("duplicate", 0L), counts.getOrDefault("failed", 0L), counts.getOrDefault("missing", 0L)));
    if (!r.failures().isEmpty()) {
      out.println("  failures by reason:");
      r.failures().forEach((reason, n) -> out.printf("    %-18s %d%n", reason, n));
    }
    if (withProblems && !r.problems().isEmpty()) {
      out.println("  failed and missing items (retry them with `newsflow import retry " + r.jobId() + "`):");
      for (ImportReport.Item item : r.problems()) {
        out.printf("    %-7s %-16s %s%s: %s%n", item.status(), item.reason(), item.item(),
            item.stage() == null ? "" : " (" + item.stage() + ")", item.message());
      }
    }
  }

  /** `newsflow import report ID`. */
  @Command(name = "report", mixinStandardHelpOptions = true,
      description = {"Reconcile an import job: every item of its journal against the index and the dead-letter topic.",
          "seen = indexed + unchanged + duplicates + failed + missing, per format and per failure reason.",
          "Exit code 1 if any item failed or is missing."})
  static final class Report implements Callable<Integer> {
    @ParentCommand
    ImportCommand parent;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id (`newsflow import jobs` lists them).")
    String jobId;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--items", description = "List every item with its class and document id (JSON: an \"items\" array).")
    boolean items;

    @Override
    public Integer call() {
      Environment env = parent.main.environment();
      JobStore store = jobs(env);
      store.find(jobId).orElseThrow(() -> new IllegalArgumentException("no such import job: " + jobId));
      try (Pipeline pipeline = new Pipeline(env.settings(), new SimpleMeterRegistry())) {
        List<ImportReport.Item> all = new ArrayList<>();
        ImportReport report = reconcile(pipeline, store, jobId, laterFailures(pipeline, jobId), items ? all::add : null);
        if (json) {
          Map<String, Object> out = new LinkedHashMap<>(Json.mapper().convertValue(report, Map.class));
          if (items) {
            out.put("items", all);
          }
          System.out.println(Json.encodeToString(out));
        } else {
          printReport(System.out, report, true);
          if (items) {
            for (ImportReport.Item item : all) {
              System.out.printf("  %-9s %-32s %s%s%n", item.status(), item.id() == null ? "-" : item.id(), item.item(),
                  item.duplicateOf() != null ? " (duplicate of " + item.duplicateOf() + ")" : item.reason() != null ? " (" + item.reason() + ")" : "");
            }
          }
        }
        return report.complete() ? 0 : Main.EXIT_FAILURES;
      }
    }
  }

  /** `newsflow import retry ID`. */
  @Command(name = "retry", mixinStandardHelpOptions = true,
      description = {"Import a job's failed and missing items again, as a group, into the same job and journal.",
          "Exit code 1 if any item still fails."})
  static final class Retry implements Callable<Integer> {
    @ParentCommand
    ImportCommand parent;

    @Parameters(index = "0", paramLabel = "JOB", description = "The job id.")
    String jobId;

    @Option(names = "--wait", description = "Return only when every retried document is searchable or failed, then print the report.")
    boolean await;

    @Option(names = "--timeout", description = "With --wait: give up after this long (default: ${DEFAULT-VALUE}).", defaultValue = "10m", converter = DurationConverter.class)
    Duration timeout;

    @Option(names = "--json", description = "Print the summary as one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      Environment env = parent.main.environment();
      JobStore store = jobs(env);
      JobStore.JobSpec spec = store.find(jobId).orElseThrow(() -> new IllegalArgumentException("no such import job: " + jobId));
      try (Pipeline pipeline = new Pipeline(env.settings(), new SimpleMeterRegistry()).batch().prepare()) {
        Set<String> again = new HashSet<>();
        reconcile(pipeline, store, jobId, laterFailures(pipeline, jobId), item -> {
          if (item.status().equals("failed") || item.status().equals("missing")) {
            again.add(item.item());
          }
        });
        if (again.isEmpty()) {
          System.err.println("import retry: job " + jobId + " has no failed or missing items");
          return 0;
        }
        System.err.println("import retry: " + again.size() + " item(s) of job " + jobId);
        return runJob(env, pipeline, store, spec, true, item -> !again.contains(item), new ConcurrentHashMap<>(), json, await, timeout);
      }
    }
  }

  /** Describes every job, newest first: the rows of `import jobs` and of the dashboard's /api/jobs. */
  static List<Map<String, Object>> jobRows(JobStore store) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (JobStore.JobSpec spec : store.list()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("job_id", spec.id());
      row.put("created", spec.created().toString());
      row.put("finished", store.isFinished(spec.id()));
      row.put("paths", spec.paths());
      if (spec.listFile() != null) {
        row.put("list_file", spec.listFile());
      }
      rows.add(row);
    }
    return rows;
  }

  /** `newsflow import jobs`. */
  @Command(name = "jobs", mixinStandardHelpOptions = true, description = "List import jobs, newest first.")
  static final class Jobs implements Callable<Integer> {
    @ParentCommand
    ImportCommand parent;

    @Option(names = "--json", description = "Print one JSON array.")
    boolean json;

    @Override
    public Integer call() {
      List<Map<String, Object>> rows = jobRows(jobs(parent.main.environment()));
      if (json) {
        System.out.println(Json.encodeToString(rows));
      } else {
        for (Map<String, Object> row : rows) {
          System.out.printf("%-30s %-24s %-11s %s%n", row.get("job_id"), row.get("created"),
              Boolean.TRUE.equals(row.get("finished")) ? "finished" : "interrupted", row.get("paths"));
        }
      }
      return 0;
    }
  }
}
