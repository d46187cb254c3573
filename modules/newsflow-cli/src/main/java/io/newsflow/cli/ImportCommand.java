package io.newsflow.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.api.DeadLetter;
import io.newsflow.api.DocumentId;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Json;
import io.newsflow.elasticsearch.ArticleSearch;
import io.newsflow.ingest.ImportSummary;
import io.newsflow.kafka.DeadLetterReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Imports files and folders: extracts them and publishes them to Kafka, optionally waiting until searchable. */
@Command(name = "import", mixinStandardHelpOptions = true,
    description = {"Import files and directories (recursively). Unchanged files (same modification time and size as indexed) are skipped.",
        "Exit code 1 if any file failed."})
final class ImportCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Parameters(arity = "1..*", paramLabel = "PATH", description = "Files or directories to import.")
  List<Path> paths;

  @Option(names = "--wait", description = "Return only when every imported document is searchable or dead-lettered.")
  boolean await;

  @Option(names = "--timeout", description = "With --wait: give up after this long (default: ${DEFAULT-VALUE}).", defaultValue = "10m", converter = DurationConverter.class)
  Duration timeout;

  @Option(names = "--json", description = "Print the summary as one JSON object.")
  boolean json;

  @Option(names = "--reprocess", description = {"Extract and enrich files again even if the index holds them unchanged",
      "(after upgrading newsflow: their enrichment is redone; unchanged text is not rewritten)."})
  boolean reprocess;

  @Override
  public Integer call() throws Exception {
    Environment env = main.environment();
    Settings settings = env.settings();
    String jobId = "import-" + UUID.randomUUID();
    try (Pipeline pipeline = new Pipeline(settings, new SimpleMeterRegistry()).prepare()) {
      DeadLetterReader deadLetters = null;
      try {
        Map<org.apache.kafka.common.TopicPartition, Long> dlqStart = null;
        if (await) {
          deadLetters = new DeadLetterReader(pipeline.kafkaConfig());
          dlqStart = deadLetters.endOffsets();
        }
        long started = System.nanoTime();
        boolean terminal = System.console() != null && !json;
        ImportSummary summary = pipeline.importer().run(paths, jobId, reprocess, p -> {
          if (!json) {
            String line = String.format("import: %d seen, %d published, %d unchanged, %d failed", p.seen(), p.published(), p.unchanged(), p.failed());
            System.err.print(terminal ? "\r" + line : line + "\n");
          }
        });
        if (terminal) {
          System.err.println();
        }
        Map<FailureReason, Long> failures = new EnumMap<>(summary.failures());
        long failed = summary.failed();
        long indexed = summary.published();
        long embedded = summary.embedded();
        boolean timedOut = false;
        if (await) {
          deadLetters.seek(dlqStart);
          Waited waited = waitUntilDone(pipeline.search(), deadLetters, summary, jobId);
          indexed = waited.indexed;
          embedded = waited.embedded;
          failed += waited.failures.values().stream().mapToLong(Long::longValue).sum();
          waited.failures.forEach((reason, n) -> failures.merge(reason, n, Long::sum));
          timedOut = waited.pending > 0;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        print(summary, indexed, embedded, failed, failures, timedOut, seconds);
        if (timedOut) {
          return Main.EXIT_UNAVAILABLE;
        }
        return failed > 0 ? Main.EXIT_FAILURES : 0;
      } finally {
        if (deadLetters != null) {
          deadLetters.close();
        }
      }
    }
  }

  /** Counts files indexed and embedded documents indexed apart; failures are those of files. */
  private record Waited(long indexed, long embedded, Map<FailureReason, Long> failures, long pending) {}

  /** Polls the index for the published revisions and the dead-letter topic for this job's failures. */
  private Waited waitUntilDone(ArticleSearch search, DeadLetterReader deadLetters, ImportSummary summary, String jobId) throws InterruptedException {
    Map<DocumentId, Long> pending = new HashMap<>();
    java.util.Set<DocumentId> children = new java.util.HashSet<>();
    for (ImportSummary.Published p : summary.publishedDocuments()) {
      pending.put(p.id(), p.revision());
      if (p.embedded()) {
        children.add(p.id());
      }
    }
    long indexed = 0;
    long embedded = 0;
    Map<FailureReason, Long> failures = new EnumMap<>(FailureReason.class);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!pending.isEmpty() && System.nanoTime() < deadline) {
      for (DeadLetter letter : deadLetters.poll(Duration.ofMillis(100))) {
        if (jobId.equals(letter.jobId()) && letter.id() != null && pending.remove(letter.id()) != null) {
          failures.merge(letter.reason(), 1L, Long::sum);
        }
      }
      List<String> ids = pending.keySet().stream().map(DocumentId::value).toList();
      for (int from = 0; from < ids.size(); from += 1000) {
        // A search, not a real-time get: "searchable" includes the index refresh, as a user sees it.
        for (Map.Entry<String, ArticleSearch.Searchable> e : search.searchable(ids.subList(from, Math.min(ids.size(), from + 1000))).entrySet()) {
          DocumentId id = new DocumentId(e.getKey());
          Long wanted = pending.get(id);
          if (wanted != null && e.getValue().revision() >= wanted) {
            pending.remove(id);
            if (children.contains(id)) {
              embedded++;
            } else {
              indexed++;
            }
          }
        }
      }
      if (!pending.isEmpty()) {
        Thread.sleep(200);
      }
    }
    if (!pending.isEmpty()) {
      System.err.println("import: " + pending.size() + " document(s) not searchable after " + timeout.toSeconds() + " s; is the index stage running (`newsflow status`)?");
    }
    return new Waited(indexed, embedded, failures, pending.size());
  }

  private void print(ImportSummary summary, long indexed, long embedded, long failed, Map<FailureReason, Long> failures,
      boolean timedOut, double seconds) {
    Map<String, Long> byReason = new LinkedHashMap<>();
    failures.forEach((reason, n) -> byReason.put(reason.code(), n));
    Map<String, Long> embeddedByReason = new LinkedHashMap<>();
    summary.embeddedFailures().forEach((reason, n) -> embeddedByReason.put(reason.code(), n));
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("job_id", summary.jobId());
      out.put("seen", summary.seen());
      out.put(await ? "indexed" : "published", indexed);
      out.put("unchanged", summary.unchanged());
      out.put("failed", failed);
      out.put("failures", byReason);
      out.put("embedded", embedded);
      out.put("embedded_failures", embeddedByReason);
      out.put("bytes", summary.bytes());
      out.put("seconds", Math.round(seconds * 1000) / 1000.0);
      if (await) {
        out.put("timed_out", timedOut);
      }
      System.out.println(Json.encodeToString(out));
      return;
    }
    System.out.printf("job %s: %d seen, %d %s, %d unchanged, %d failed in %.1f s%n", summary.jobId(), summary.seen(), indexed,
        await ? "indexed" : "published", summary.unchanged(), failed, seconds);
    byReason.forEach((reason, n) -> System.out.printf("  %-18s %d%n", reason, n));
    if (embedded > 0 || !embeddedByReason.isEmpty()) {
      System.out.printf("  embedded documents (attachments, archive entries): %d %s, %d failed%n", embedded,
          await ? "indexed" : "published", embeddedByReason.values().stream().mapToLong(Long::longValue).sum());
      embeddedByReason.forEach((reason, n) -> System.out.printf("    %-16s %d%n", reason, n));
    }
  }
}
