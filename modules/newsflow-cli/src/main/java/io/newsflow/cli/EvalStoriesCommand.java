package io.newsflow.cli;

import io.newsflow.api.Enricher;
import io.newsflow.api.Enrichment;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Json;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import io.newsflow.bench.PairEvaluation;
import io.newsflow.bench.PairEvaluation.Pair;
import io.newsflow.bench.StoryCorpusGenerator;
import io.newsflow.elasticsearch.StoryAssigner;
import io.newsflow.extract.TikaExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Scores near-duplicate detection and story clustering on a labelled corpus of invented news
 * ({@link StoryCorpusGenerator}), in this process: extraction and the enricher as the pipeline runs
 * them, near-duplicates by the rule {@code show} applies, stories by the story stage's rule over an
 * in-memory store ({@link StoryAssigner#assignInMemory}).
 */
@Command(name = "eval-stories", mixinStandardHelpOptions = true,
    description = {"Score near-duplicate detection and story clustering (pairwise precision, recall, F1) on a labelled",
        "corpus of invented reports, reprints and decoys: generated unless --corpus names one with a labels.tsv.",
        "Runs extraction and enrichment in this process; no Kafka or Elasticsearch needed."})
final class EvalStoriesCommand implements Callable<Integer> {

  @picocli.CommandLine.ParentCommand
  Main main;

  @Option(names = "--corpus", description = "Folder with the files and labels.tsv (file, story, duplicate_of) (default: generate one).")
  Path corpus;

  @Option(names = "--events", description = "Events to generate without --corpus (default: ${DEFAULT-VALUE}).", defaultValue = "60")
  int events;

  @Option(names = "--seed", description = "Seed of the generated corpus (default: ${DEFAULT-VALUE}).", defaultValue = "7")
  long seed;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Settings settings = main.environment().settings();
    Path dir = corpus;
    if (dir == null) {
      dir = Files.createTempDirectory("newsflow-eval-stories");
      int files = new StoryCorpusGenerator(seed).generate(dir, events);
      System.err.println("eval-stories: generated " + files + " files for " + events + " events in " + dir);
    }
    Path labelsFile = dir.resolve(StoryCorpusGenerator.LABELS);
    if (!Files.isRegularFile(labelsFile)) {
      System.err.println("newsflow: " + labelsFile + " is missing: a labelled corpus has one line per file, file<TAB>story<TAB>duplicate_of");
      return Main.EXIT_FAILURES;
    }
    Map<String, String> storyLabels = new LinkedHashMap<>();
    Set<Pair> expectedDuplicates = new HashSet<>();
    List<String> lines = Files.readAllLines(labelsFile);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t");
      if (f.length != 3) {
        System.err.println("newsflow: " + labelsFile + ": not file<TAB>story<TAB>duplicate_of: " + line);
        return Main.EXIT_FAILURES;
      }
      storyLabels.put(f[0], f[1]);
      if (!f[2].equals("-")) {
        expectedDuplicates.add(Pair.of(f[0], f[2]));
      }
    }

    // Enrich in publication order, as the documents would arrive: the earliest of a story comes first.
    List<String> names = new ArrayList<>(storyLabels.keySet());
    List<Enrichment> enrichments = new ArrayList<>();
    Map<String, String> nameOfId = new LinkedHashMap<>();
    int failed = 0;
    try (TikaExtractor extractor = new TikaExtractor(settings.extraction()); Enricher enricher = Pipeline.enricher(settings)) {
      Instant seen = Instant.now();
      for (String name : names) {
        Path file = dir.resolve(name);
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        // Each a second apart, so the order above is the order first seen.
        seen = seen.plusSeconds(1);
        SourceFile source = new SourceFile(file.toAbsolutePath().toUri(), file, attrs.size(), attrs.lastModifiedTime().toInstant(), seen, null);
        if (extractor.extract(source) instanceof Outcome.Success<ExtractedDocument> doc
            && enricher.enrich(doc.value()) instanceof Outcome.Success<Enrichment> e) {
          enrichments.add(e.value());
          nameOfId.put(e.value().id().value(), name);
        } else {
          failed++;
          System.err.println("newsflow: could not extract or enrich " + file);
        }
      }
    }
    enrichments.sort(java.util.Comparator.comparing((Enrichment e) -> String.valueOf(e.publishedDate()))
        .thenComparing(Enrichment::seenAt));

    // Near-duplicates: a document and any earlier one whose signatures agree on >= the threshold.
    Set<Pair> predictedDuplicates = new HashSet<>();
    for (int i = 0; i < enrichments.size(); i++) {
      for (int j = 0; j < i; j++) {
        if (Enrichment.minhashSimilarity(enrichments.get(i).minhash(), enrichments.get(j).minhash()) >= ShowCommand.NEAR_DUPLICATE_JACCARD) {
          predictedDuplicates.add(Pair.of(nameOfId.get(enrichments.get(i).id().value()), nameOfId.get(enrichments.get(j).id().value())));
        }
      }
    }
    Map<String, String> predictedStories = new LinkedHashMap<>();
    StoryAssigner.assignInMemory(enrichments).forEach((id, story) -> predictedStories.put(nameOfId.get(id), story));
    Map<String, String> expectedStories = new LinkedHashMap<>();
    predictedStories.keySet().forEach(name -> expectedStories.put(name, storyLabels.get(name)));

    Map<String, Object> report = new LinkedHashMap<>();
    report.put("corpus", dir.toString());
    report.put("documents", enrichments.size());
    report.put("failed", failed);
    report.put("stories_expected", new HashSet<>(expectedStories.values()).size());
    report.put("stories_found", new HashSet<>(predictedStories.values()).size());
    report.put("near_duplicates", PairEvaluation.score(expectedDuplicates, predictedDuplicates).toMap());
    report.put("stories", PairEvaluation.score(PairEvaluation.pairsOf(expectedStories), PairEvaluation.pairsOf(predictedStories)).toMap());
    if (json) {
      System.out.println(Json.encodeToString(report));
    } else {
      report.forEach((k, v) -> System.out.printf("%-18s %s%n", k, v));
    }
    return failed == 0 ? 0 : Main.EXIT_FAILURES;
  }
}
