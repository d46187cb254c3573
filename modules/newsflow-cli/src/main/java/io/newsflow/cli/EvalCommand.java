package io.newsflow.cli;

import io.newsflow.api.Json;
import io.newsflow.enrich.EntityRecognizer;
import io.newsflow.enrich.NerEvaluation;
import io.newsflow.enrich.NerEvaluation.Counts;
import io.newsflow.enrich.corenlp.CoreNlpRecognizer;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Scores the entity recogniser on a CoNLL-format corpus. */
@Command(name = "eval-ner", mixinStandardHelpOptions = true,
    description = {"Score entity recognition on a CoNLL-2003-format corpus (token and IOB tag per line):",
        "entity-level precision, recall and F1 per type and overall, conlleval style, for the bare",
        "recogniser and for newsflow's normalised entity mentions."})
final class EvalCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "CORPUS", description = "A CoNLL file, or a folder searched for *.conll*.txt / *.conll files.")
  Path corpus;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Path file = resolve(corpus);
    EntityRecognizer recognizer = CoreNlpRecognizer.shared();
    long start = System.nanoTime();
    NerEvaluation.Report report;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      report = NerEvaluation.evaluate(in, recognizer);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (json) {
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("corpus", file.toString());
      out.put("recognizer", recognizer.name() + "/" + recognizer.version());
      out.put("report", report);
      out.put("seconds", seconds);
      System.out.println(Json.encodeToString(out));
      return 0;
    }
    System.out.printf("%s: %d documents, %d sentences, %d tokens, %.1f s (%.0f tokens/s)%n", file, report.documents(),
        report.sentences(), report.tokens(), seconds, report.tokens() / seconds);
    print("recogniser (" + recognizer.name() + "/" + recognizer.version() + ")", report.recognizer());
    print("normalised entity mentions", report.normalised());
    return 0;
  }

  private static void print(String title, NerEvaluation.Scores scores) {
    System.out.println();
    System.out.println(title);
    System.out.printf("  %-13s %9s %9s %9s %7s %7s %7s%n", "type", "correct", "predicted", "gold", "P", "R", "F1");
    for (Map.Entry<String, Counts> e : scores.byType().entrySet()) {
      Counts c = e.getValue();
      System.out.printf("  %-13s %9d %9d %9d %6.2f%% %6.2f%% %6.2f%n", e.getKey(), c.correct(), c.predicted(), c.gold(),
          100 * c.precision(), 100 * c.recall(), 100 * c.f1());
    }
  }

  private static Path resolve(Path corpus) throws Exception {
    if (Files.isRegularFile(corpus)) {
      return corpus;
    }
    if (!Files.isDirectory(corpus)) {
      throw new IllegalArgumentException("no such corpus file or folder: " + corpus);
    }
    try (Stream<Path> files = Files.walk(corpus)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> p.getFileName().toString().matches(".*\\.conll(\\.txt)?$"))
          .sorted().findFirst()
          .orElseThrow(() -> new IllegalArgumentException("no *.conll or *.conll.txt file under " + corpus));
    }
  }
}
