package io.newsflow.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.api.Json;
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
      if (json) {
        System.out.println(Json.encodeToString(doc.get()));
        return 0;
      }
      Map<String, Object> d = doc.get();
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
