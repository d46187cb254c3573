package io.newsflow.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.api.Json;
import io.newsflow.elasticsearch.ArticleSearch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Searches the indexed documents. */
@Command(name = "search", mixinStandardHelpOptions = true,
    description = "Full-text search over titles and text, with English stemming; prints hits with highlights.")
final class SearchCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Parameters(arity = "1..*", paramLabel = "QUERY", description = "Words to find (all must match; quotes for phrases, - to exclude, | for OR).")
  List<String> words;

  @Option(names = "--size", description = "Number of hits to show (default: ${DEFAULT-VALUE}).", defaultValue = "10")
  int size;

  @Option(names = "--json", description = "Print one JSON object with total and hits.")
  boolean json;

  @Override
  public Integer call() {
    Environment env = main.environment();
    try (Pipeline pipeline = new Pipeline(env.settings(), new SimpleMeterRegistry())) {
      ArticleSearch.Result result = pipeline.search().search(String.join(" ", words), size);
      if (json) {
        System.out.println(Json.encodeToString(toJson(result)));
        return 0;
      }
      System.out.println(result.total() + " hit(s)");
      for (ArticleSearch.Hit hit : result.hits()) {
        System.out.printf("%n%s  %.2f  %s%n  %s%n", hit.id(), hit.score(), hit.title() == null ? "(untitled)" : hit.title(), hit.source());
        for (String fragment : hit.highlights()) {
          System.out.println("  … " + fragment.replaceAll("\\s+", " ").trim() + " …");
        }
      }
      return 0;
    }
  }

  /** Returns the JSON shape of a result, shared by {@code search --json} and the dashboard API: every key present. */
  static Map<String, Object> toJson(ArticleSearch.Result result) {
    List<Map<String, Object>> hits = new ArrayList<>();
    for (ArticleSearch.Hit hit : result.hits()) {
      Map<String, Object> h = new LinkedHashMap<>();
      h.put("id", hit.id());
      h.put("title", hit.title());
      h.put("source", hit.source());
      h.put("score", hit.score());
      h.put("language", hit.language());
      h.put("highlights", hit.highlights());
      h.put("story", hit.story());
      hits.add(h);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", result.total());
    out.put("hits", hits);
    return out;
  }
}
