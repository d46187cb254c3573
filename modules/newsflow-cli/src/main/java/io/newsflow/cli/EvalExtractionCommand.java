package io.newsflow.cli;

import io.newsflow.api.Json;
import io.newsflow.bench.ExtractionEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Scores main-text extraction of web pages on an annotated corpus. */
@Command(name = "eval-extraction", mixinStandardHelpOptions = true,
    description = {"Score main-text extraction on a corpus in trafilatura's evaluation format (evaldata.json with",
        "\"with\"/\"without\" snippets; pages gzip'd under cache/ or eval/), with that corpus's own scoring:",
        "precision, recall, accuracy, F1 (micro-averaged) and ms/page."})
final class EvalExtractionCommand implements Callable<Integer> {

  @Option(names = "--json", description = "Print the scores as one JSON object.")
  boolean json;

  @Option(names = "--details", description = "Also list, per page, the snippets missed and the boilerplate leaked.")
  boolean details;

  @Option(names = "--pages", paramLabel = "all|even|odd", defaultValue = "all",
      description = {"Score all pages (default) or only those at even or odd positions in evaldata.json",
          "(0-based), to develop rules on one half and check them on the other."})
  String pages;

  @Parameters(paramLabel = "CORPUS_DIR", description = "The corpus folder, e.g. ../shared/corpora/extraction-dev.")
  Path corpus;

  @Override
  public Integer call() throws Exception {
    if (!Files.isRegularFile(corpus.resolve("evaldata.json"))) {
      throw new IllegalArgumentException(corpus + " has no evaldata.json; not an extraction evaluation corpus");
    }
    ExtractionEvaluation.Pages which = switch (pages.toLowerCase(java.util.Locale.ROOT)) {
      case "all" -> ExtractionEvaluation.Pages.ALL;
      case "even" -> ExtractionEvaluation.Pages.EVEN;
      case "odd" -> ExtractionEvaluation.Pages.ODD;
      default -> throw new IllegalArgumentException("--pages must be all, even or odd, not '" + pages + "'");
    };
    ExtractionEvaluation.Report r = ExtractionEvaluation.run(corpus, which);
    if (details) {
      for (ExtractionEvaluation.PageResult p : r.pages()) {
        p.missed().forEach(s -> System.out.println("missed  " + p.file() + " | " + s));
        p.leaked().forEach(s -> System.out.println("leaked  " + p.file() + " | " + s));
      }
    }
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("documents", r.documents());
      out.put("crashes", r.crashes());
      out.put("precision", round(r.precision()));
      out.put("recall", round(r.recall()));
      out.put("accuracy", round(r.accuracy()));
      out.put("f1", round(r.f1()));
      out.put("ms_per_page", Math.round(r.millisPerPage() * 10) / 10.0);
      out.put("cpu_ms_per_page", Math.round(r.cpuMillisPerPage() * 10) / 10.0);
      out.put("true_positives", r.truePositives());
      out.put("false_positives", r.falsePositives());
      out.put("true_negatives", r.trueNegatives());
      out.put("false_negatives", r.falseNegatives());
      System.out.println(Json.encodeToString(out));
    } else {
      System.out.printf("documents   %d (crashes: %d)%n", r.documents(), r.crashes());
      System.out.printf("precision   %.3f%nrecall      %.3f%naccuracy    %.3f%nF1          %.3f%n",
          r.precision(), r.recall(), r.accuracy(), r.f1());
      System.out.printf("ms/page     %.1f (CPU %.1f)%n", r.millisPerPage(), r.cpuMillisPerPage());
      System.out.printf("TP %d  FP %d  TN %d  FN %d%n", r.truePositives(), r.falsePositives(), r.trueNegatives(),
          r.falseNegatives());
    }
    return 0;
  }

  private static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
