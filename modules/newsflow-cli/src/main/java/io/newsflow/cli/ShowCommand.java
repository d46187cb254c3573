package io.newsflow.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.api.Json;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Prints one indexed document. */
@Command(name = "show", mixinStandardHelpOptions = true, description = "Print one indexed document with all its fields.")
final class ShowCommand implements Callable<Integer> {

  /** A document this similar (estimated Jaccard of word 5-shingles) to an earlier one is its duplicate. */
  static final double NEAR_DUPLICATE_JACCARD = 0.8;

  @ParentCommand
  Main main;

  @Parameters(index = "0", paramLabel = "ID", description = "Document id (as printed by search).")
  String id;

  @Option(names = "--json", description = "Print the document as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Environment env = main.environment();
    try (Pipeline pipeline = new Pipeline(env.settings(), new SimpleMeterRegistry())) {
      Optional<Map<String, Object>> doc = pipeline.search().get(id);
      if (doc.isEmpty()) {
        System.err.println("newsflow: no document with id " + id);
        return Main.EXIT_FAILURES;
      }
      Map<String, Object> shown = new java.util.LinkedHashMap<>(doc.get());
      // Computed when shown, from the index, so it holds whichever worker enriched either document.
      var duplicate = pipeline.search().nearDuplicateOf(shown, NEAR_DUPLICATE_JACCARD);
      // The story id is stored by the story stage; its members are counted now.
      io.newsflow.elasticsearch.ArticleSearch.Story story = pipeline.search().storyOf(shown);
      if (shown.get("enrichment") instanceof Map) {
        shown = new java.util.LinkedHashMap<>(pipeline.search().withCorroboration(shown, story, NEAR_DUPLICATE_JACCARD));
      }
      shown.put("story", Map.of("id", story.id(), "documents", story.documents().size(), "assigned", story.assigned()));
      // Attachments and archive entries are documents of their own; list those directly inside this one.
      List<io.newsflow.elasticsearch.ArticleSearch.Child> children = pipeline.search().children(id);
      if (!children.isEmpty()) {
        shown.put("children", children);
      }
      if (duplicate.isPresent()) {
        shown.put("duplicate_of", Map.of("id", duplicate.get().id(), "similarity", duplicate.get().similarity()));
      }
      if (json) {
        System.out.println(Json.encodeToString(shown));
        return 0;
      }
      Map<String, Object> d = shown;
      for (Map.Entry<String, Object> e : d.entrySet()) {
        if (!e.getKey().equals("text")) {
          System.out.printf("%-18s %s%n", e.getKey(), e.getValue() instanceof Map || e.getValue() instanceof java.util.List
              ? Json.encodeToString(e.getValue()) : e.getValue());
        }
      }
      System.out.println();
      System.out.println(d.getOrDefault("text", ""));
      return 0;
    }
  }
}
