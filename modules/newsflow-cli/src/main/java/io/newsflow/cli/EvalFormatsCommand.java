package io.newsflow.cli;

import io.newsflow.api.Json;
import io.newsflow.bench.FormatsEvaluation;
import io.newsflow.extract.ExtractionConfig;
import io.newsflow.extract.TikaExtractor;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Runs a format-coverage corpus through the ingest stage's extraction and reports outcomes and expected strings. */
@Command(name = "eval-formats", mixinStandardHelpOptions = true,
    description = {"Run every file of a format-coverage corpus (files/ and manifest.json, e.g.",
        "../shared/corpora/formats) through the ingest stage's extraction, isolated as configured",
        "(extract.isolation), with ingest.threads threads. Prints files per outcome (success or failure reason),",
        "embedded documents, and the share of files whose manifest's expected strings all appear in the output."})
final class EvalFormatsCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Option(names = "--details", description = {"Also list each failed file with its reason and message, and each file",
      "that misses expected strings, with the strings."})
  boolean details;

  @Parameters(paramLabel = "CORPUS_DIR", description = "The corpus folder, e.g. ../shared/corpora/formats.")
  Path corpus;

  @Override
  public Integer call() throws Exception {
    Settings settings = main.environment().settings();
    ExtractionConfig config = settings.extraction();
    FormatsEvaluation.Report r;
    try (TikaExtractor extractor = new TikaExtractor(config)) {
      r = FormatsEvaluation.run(corpus, extractor, settings.integer("ingest.threads"));
    }
    if (details) {
      for (io.newsflow.bench.ExtractionRun.FileResult f : r.run().files()) {
        if (f.outcome() instanceof io.newsflow.api.Outcome.Rejected<?> rej) {
          System.out.println("failed  " + corpus.resolve("files").relativize(f.file()) + " | " + rej.reason().code()
              + " | " + rej.message());
        }
      }
      for (FormatsEvaluation.Expectation e : r.expectations()) {
        if (!e.passed()) {
          System.out.println("missed  " + e.file() + " (" + e.outcome() + ") | " + String.join(" | ", e.missed()));
        }
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("files", r.files());
    out.put("outcomes", r.outcomes());
    out.put("embedded_documents", r.embedded());
    out.put("embedded_failures", r.embeddedFailures());
    out.put("files_with_expected_strings", r.expectations().size());
    out.put("files_with_all_strings", r.filesPassed());
    out.put("files_share", Math.round(r.filesShare() * 10000) / 10000.0);
    out.put("strings_expected", r.stringsExpected());
    out.put("strings_found", r.stringsFound());
    out.put("isolation", config.isolation().code());
    out.put("seconds", Math.round(r.run().wallNanos() / 1e7) / 100.0);
    if (json) {
      System.out.println(Json.encodeToString(out));
      return 0;
    }
    System.out.printf("files       %d in %.1f s (%s, %d threads)%n", r.files(), r.run().wallNanos() / 1e9,
        config.isolation().code(), settings.integer("ingest.threads"));
    System.out.println("outcome             files");
    r.outcomes().forEach((k, v) -> System.out.printf("  %-17s %d%n", k, v));
    System.out.printf("embedded documents  %d (failed: %s)%n", r.embedded(), r.embeddedFailures());
    System.out.printf("expected strings    %d of %d files have all (%.1f%%); %d of %d strings found (%.1f%%)%n",
        r.filesPassed(), r.expectations().size(), 100 * r.filesShare(), r.stringsFound(), r.stringsExpected(),
        r.stringsExpected() == 0 ? 0 : 100.0 * r.stringsFound() / r.stringsExpected());
    return 0;
  }
}
