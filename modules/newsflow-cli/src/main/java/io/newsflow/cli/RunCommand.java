package io.newsflow.cli;

import io.newsflow.api.Stage;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Runs chosen stages in this process against the configured Kafka and Elasticsearch. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = {"Run stages in the foreground against the configured Kafka and Elasticsearch (no local stack is started).",
        "Run one stage per process to scale them separately; several processes of one stage share its partitions."})
final class RunCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Option(names = "--stages", split = ",", description = "Stages to run: ingest (inbox watcher), enrich, index, story (story ids; one active process at a time,"
      + " others stand by) (default: all).",
      defaultValue = "ingest,enrich,index,story")
  List<String> stages;

  @Option(names = "--dashboard", description = "Also serve the dashboard, API and /metrics (dashboard.host, dashboard.port).")
  boolean dashboard;

  @Override
  public Integer call() throws Exception {
    EnumSet<Stage> chosen = EnumSet.noneOf(Stage.class);
    for (String s : stages) {
      chosen.add(Stage.ofCode(s.trim()));
    }
    Environment env = main.environment();
    CountDownLatch stopped = new CountDownLatch(1);
    var meters = Metrics.prometheus();
    Pipeline pipeline = new Pipeline(env.settings(), meters).prepare();
    pipeline.startStages(chosen);
    if (dashboard) {
      pipeline.serveDashboard(env, meters);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      pipeline.close();
      stopped.countDown();
    }, "newsflow-shutdown"));
    System.out.println("running " + stages + "; Ctrl-C stops");
    stopped.await();
    return 0;
  }
}
