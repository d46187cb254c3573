package io.newsflow.cli;

import io.newsflow.api.Enricher;
import io.newsflow.api.Enrichment;
import io.newsflow.api.EntityLinks;
import io.newsflow.api.Entities.DateMention;
import io.newsflow.api.Entities.Entity;
import io.newsflow.api.Entities.Quote;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Json;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import io.newsflow.elasticsearch.StoryAssigner;
import io.newsflow.extract.TikaExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Extracts and enriches files in this process, without Kafka or Elasticsearch, and prints the result. */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = "Extract and enrich files in-process (no Kafka, no Elasticsearch) and print the enrichment.")
final class EnrichCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to enrich.")
  List<Path> files;

  @Option(names = "--json", description = {"One JSON object per file, one per line: id, source, title, the enrichment and the story",
      "the files form; person keys are linked across each story's files (\"Biden\" alone is person:joe-biden if another names him)."})
  boolean json;

  @Override
  public Integer call() throws Exception {
    Settings settings = main.environment().settings();
    int failed = 0;
    List<Map<String, Object>> printed = new ArrayList<>();
    List<Enrichment> enrichments = new ArrayList<>();
    try (TikaExtractor extractor = new TikaExtractor(settings.extraction());
         Enricher enricher = Pipeline.enricher(settings)) {
      for (Path file : files) {
        if (!Files.isRegularFile(file)) {
          System.err.println("newsflow: not a file: " + file);
          failed++;
          continue;
        }
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        SourceFile source = new SourceFile(file.toAbsolutePath().toUri(), file, attrs.size(),
            attrs.lastModifiedTime().toInstant(), Instant.now(), null);
        Outcome<ExtractedDocument> extracted = extractor.extract(source);
        if (!(extracted instanceof Outcome.Success<ExtractedDocument> doc)) {
          System.err.println("newsflow: " + file + ": " + describe(extracted));
          failed++;
          continue;
        }
        Outcome<Enrichment> enriched = enricher.enrich(doc.value());
        if (!(enriched instanceof Outcome.Success<Enrichment> e)) {
          System.err.println("newsflow: " + file + ": " + describe(enriched));
          failed++;
          continue;
        }
        if (json) {
          Map<String, Object> out = new LinkedHashMap<>();
          out.put("id", doc.value().id().value());
          out.put("source", doc.value().source().uri());
          out.put("title", doc.value().title());
          out.put("enrichment", e.value());
          printed.add(out);
          enrichments.add(e.value());
        } else {
          print(file, doc.value(), e.value());
        }
      }
    }
    if (json) {
      printLinked(printed, enrichments);
    }
    return failed == 0 ? 0 : Main.EXIT_FAILURES;
  }

  /**
   * Prints the documents with their stories as the story stage would form them from these files
   * ({@code story}: {@code id}, {@code documents}) and person keys linked across each story's
   * documents ({@link EntityLinks}), as {@code show} gives them once indexed.
   */
  @SuppressWarnings("unchecked")
  private static void printLinked(List<Map<String, Object>> printed, List<Enrichment> enrichments) {
    Map<String, String> storyOf = StoryAssigner.assignInMemory(enrichments);
    Map<String, List<String>> keysByStory = new HashMap<>();
    Map<String, Integer> sizes = new HashMap<>();
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Enrichment e : enrichments) {
      Map<String, Object> m = Json.mapper().convertValue(e, Map.class);
      maps.add(m);
      String story = storyOf.get(e.id().value());
      keysByStory.computeIfAbsent(story, k -> new ArrayList<>()).addAll(EntityLinks.personKeys(m));
      sizes.merge(story, 1, Integer::sum);
    }
    Map<String, Map<String, String>> aliases = new HashMap<>();
    keysByStory.forEach((story, keys) -> aliases.put(story, EntityLinks.aliases(keys)));
    for (int i = 0; i < printed.size(); i++) {
      String story = storyOf.get(enrichments.get(i).id().value());
      Map<String, Object> out = printed.get(i);
      out.put("enrichment", EntityLinks.apply(maps.get(i), aliases.get(story)));
      out.put("story", Map.of("id", story, "documents", sizes.get(story)));
      System.out.println(Json.encodeToString(out));
    }
  }

  private static String describe(Outcome<?> outcome) {
    return outcome instanceof Outcome.Rejected<?> r ? r.reason() + ": " + r.message() : String.valueOf(outcome);
  }

  private static void print(Path file, ExtractedDocument doc, Enrichment e) {
    System.out.println("== " + file);
    System.out.printf("%-12s %s%n", "title", doc.title());
    System.out.printf("%-12s %s (%.2f), %d words%n", "language", e.language(), e.languageConfidence(), e.wordCount());
    System.out.printf("%-12s %s%n", "published",
        e.publishedDate() == null ? "unknown" : e.publishedDate() + " (" + e.publishedDateSource() + ")");
    for (Entity entity : e.entities()) {
      System.out.printf("%-12s %-30s x%d  %s%n", entity.type().code(), entity.name(), entity.mentionCount(),
          entity.mentions().stream().map(m -> m.text() + "@" + m.start()).distinct().limit(6).collect(Collectors.joining(", ")));
    }
    for (DateMention d : e.dates()) {
      System.out.printf("%-12s %-30s %s%n", "date", d.text(), d.value());
    }
    for (Quote q : e.quotes()) {
      System.out.printf("%-12s %s: \"%s\"%n", "quote", q.speaker() == null ? "?" : q.speaker(),
          q.text().length() > 90 ? q.text().substring(0, 87) + "..." : q.text());
    }
    System.out.printf("%-12s %s%n", "key phrases", String.join("; ", e.keyPhrases()));
    System.out.printf("%-12s %s%n", "took", e.enrichers().stream()
        .map(r -> r.name() + " " + (r.skipped() != null ? "skipped (" + r.skipped() + ")" : r.took().toMillis() + " ms"))
        .collect(Collectors.joining(", ")));
    System.out.println();
  }
}
