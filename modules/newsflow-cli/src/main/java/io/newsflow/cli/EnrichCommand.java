package io.newsflow.cli;

import io.newsflow.api.Enricher;
import io.newsflow.api.Enrichment;
import io.newsflow.api.Entities.DateMention;
import io.newsflow.api.Entities.Entity;
import io.newsflow.api.Entities.Quote;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Json;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import io.newsflow.extract.TikaExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
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

  @Option(names = "--json", description = "One JSON object per file, one per line: id, source, title and the enrichment.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Settings settings = main.environment().settings();
    int failed = 0;
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
          System.out.println(Json.encodeToString(out));
        } else {
          print(file, doc.value(), e.value());
        }
      }
    }
    return failed == 0 ? 0 : Main.EXIT_FAILURES;
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
