package io.newsflow.cli;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.api.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Lists recent dead letters. */
@Command(name = "deadletters", mixinStandardHelpOptions = true,
    description = "List the most recent dead letters (documents that did not make it, with stage and reason), newest first.")
final class DeadLettersCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Option(names = "--limit", description = "How many to show (default: ${DEFAULT-VALUE}).", defaultValue = "50")
  int limit;

  @Option(names = "--reason", description = "Only this reason class (corrupt, encrypted, empty, ...).")
  String reason;

  @Option(names = "--json", description = "Print one JSON object per line.")
  boolean json;

  @Override
  public Integer call() {
    Environment env = main.environment();
    Settings settings = env.settings();
    try (Pipeline pipeline = new Pipeline(settings, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT));
        DashboardWiring deadLetters = new DashboardWiring(env, settings, pipeline, null)) {
      List<Map<String, Object>> letters = deadLetters.deadLetters(limit, reason, null);
      for (Map<String, Object> l : letters) {
        if (json) {
          System.out.println(Json.encodeToString(l));
        } else {
          System.out.printf("%-8s %-20s %-7s %-16s %s%n    %s%n", l.get("ref"), String.valueOf(l.get("failed_at")).replace('T', ' ').substring(0, 19),
              l.get("stage"), l.get("reason"), l.getOrDefault("source", l.get("id")), l.get("message"));
        }
      }
      if (!json) {
        System.out.println(letters.size() + " dead letter(s); replay with `newsflow replay REF...` or `newsflow replay --reason REASON`");
      }
      return 0;
    }
  }
}
