package io.newsflow.cli;

import io.newsflow.api.Json;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Sends dead letters through the pipeline again. */
@Command(name = "replay", mixinStandardHelpOptions = true,
    description = {"Send dead-lettered documents through the pipeline again, once the cause is fixed:",
        "a failed file is read again from its source; a record that failed a later stage goes back on its topic."})
final class ReplayCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Parameters(arity = "0..*", paramLabel = "REF", description = "Dead letters to replay, as listed by `newsflow deadletters` (e.g. 0-12).")
  List<String> refs = List.of();

  @Option(names = "--reason", description = "Replay every dead letter with this reason class instead.")
  String reason;

  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Override
  public Integer call() {
    if (refs.isEmpty() == (reason == null)) {
      throw new IllegalArgumentException("name the dead letters to replay: REF... or --reason REASON (not both)");
    }
    Environment env = main.environment();
    Settings settings = env.settings();
    try (Pipeline pipeline = new Pipeline(settings, new io.micrometer.core.instrument.simple.SimpleMeterRegistry());
        DashboardWiring deadLetters = new DashboardWiring(env, settings, pipeline, null)) {
      Map<String, Object> result = deadLetters.replay(refs, reason);
      if (json) {
        System.out.println(Json.encodeToString(result));
      } else {
        System.out.println("replayed " + result.get("replayed"));
        ((Map<?, ?>) result.get("skipped")).forEach((ref, why) -> System.out.println("skipped " + ref + ": " + why));
      }
      return ((Map<?, ?>) result.get("skipped")).isEmpty() ? 0 : Main.EXIT_FAILURES;
    }
  }
}
