package io.newsflow.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.api.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Shows the stack, each stage's consumer group and lag, and the index. */
@Command(name = "status", mixinStandardHelpOptions = true,
    description = "Show the local stack, each stage (consumer group members and lag per partition) and the index document count.")
final class StatusCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    Environment env = main.environment();
    StatusReport report;
    try (Pipeline pipeline = new Pipeline(env.settings(), new SimpleMeterRegistry())) {
      report = StatusReport.collect(env, env.settings(), pipeline);
    }
    if (json) {
      System.out.println(Json.encodeToString(report.values()));
    } else {
      print(report.values());
    }
    return report.healthy() ? 0 : Main.EXIT_UNAVAILABLE;
  }

  @SuppressWarnings("unchecked")
  private static void print(Map<String, Object> out) {
    Map<String, Object> nf = (Map<String, Object>) out.get("newsflow");
    System.out.println("newsflow       " + (Boolean.TRUE.equals(nf.get("running")) ? "running (pid " + nf.get("pid") + ")" : "not running"));
    Map<String, Object> stack = (Map<String, Object>) out.get("stack");
    stack.forEach((k, v) -> System.out.printf("%-14s %s%n", k, v instanceof Map<?, ?> m ? m.get("status") + " " + m.get("address") : v));
    Map<String, Object> kafka = (Map<String, Object>) out.get("kafka");
    if (kafka.containsKey("error")) {
      System.out.println("kafka          " + kafka.get("error"));
    } else {
      for (Map<String, Object> s : (List<Map<String, Object>>) kafka.get("stages")) {
        System.out.printf("stage %-8s %-6s %s member(s), %s, lag %s%n", s.get("stage"), s.get("lane"), s.get("members"), s.get("state"),
            s.get("lag"));
      }
    }
    Map<String, Object> es = (Map<String, Object>) out.get("elasticsearch");
    System.out.println("index          " + (es.containsKey("error") ? es.get("error")
        : es.get("index") + ": " + es.get("documents") + " document(s), cluster " + es.get("health")));
  }
}
