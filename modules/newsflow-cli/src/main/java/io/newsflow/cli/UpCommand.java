package io.newsflow.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.api.Stage;
import io.newsflow.ingest.ImportSummary;
import io.newsflow.stack.LocalStack;
import io.newsflow.stack.StackConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** Starts the local stack and every stage, imports the demo articles, and runs until stopped. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = {"Start the local Kafka and Elasticsearch (unless stack.mode=external), all stages and the inbox watcher,",
        "and import the demo articles. Runs in the foreground until Ctrl-C, or in the background with --detach."})
final class UpCommand implements java.util.concurrent.Callable<Integer> {

  @ParentCommand
  Main main;

  @Option(names = "--detach", description = "Start in the background and return once everything is ready; stop with `newsflow down`.")
  boolean detach;

  @Option(names = "--no-demo", description = "Do not import the demo articles.")
  boolean noDemo;

  @Option(names = "--ready-timeout", description = "With --detach: how long to wait for readiness (default: ${DEFAULT-VALUE}).", defaultValue = "PT5M", converter = DurationConverter.class)
  Duration readyTimeout;

  @Override
  public Integer call() throws Exception {
    Environment env = main.environment();
    Settings settings = env.settings();
    Files.createDirectories(env.dataDir);
    if (detach) {
      return detach(env);
    }
    Long running = runningPid(env);
    if (running != null) {
      throw new IllegalStateException("newsflow is already running (pid " + running + ", data " + env.dataDir + "); stop it with `newsflow down`");
    }
    Files.deleteIfExists(env.readyFile());
    Files.writeString(env.pidFile(), String.valueOf(ProcessHandle.current().pid()));
    LocalStack stack = null;
    Pipeline pipeline = null;
    CountDownLatch stopped = new CountDownLatch(1);
    try {
      if (settings.stackMode() == Settings.StackMode.LOCAL) {
        StackConfig stackConfig = env.stackConfig(settings);
        System.out.println("starting Kafka and Elasticsearch in " + env.dataDir + " ...");
        stack = LocalStack.start(stackConfig);
        System.out.println("Kafka          " + stack.kafkaBootstrapServers());
        System.out.println("Elasticsearch  " + stack.elasticsearchUrl());
      }
      PrometheusMeterRegistry meters = Metrics.prometheus();
      pipeline = new Pipeline(settings, meters).prepare();
      pipeline.startStages(EnumSet.allOf(Stage.class));
      System.out.println("stages         ingest (inbox " + settings.inbox() + "), enrich, index, story");
      pipeline.serveDashboard(env, meters);
      if (!noDemo && Files.isDirectory(env.demoArticles())) {
        ImportSummary summary = pipeline.importer().run(List.of(env.demoArticles()), "demo-" + UUID.randomUUID(), p -> {});
        System.out.println("demo import    " + summary.published() + " published, " + summary.unchanged() + " unchanged, " + summary.failed() + " failed");
      }
      System.out.println("search         ./newsflow search Harbor   (drop files into " + settings.inbox() + " to ingest them)");
      Files.writeString(env.readyFile(), "ready", StandardCharsets.UTF_8);
      final LocalStack ownedStack = stack;
      final Pipeline ownedPipeline = pipeline;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        shutdown(env, ownedPipeline, ownedStack);
        stopped.countDown();
      }, "newsflow-shutdown"));
      System.out.println("newsflow is up; Ctrl-C or `newsflow down` stops it");
      stack = null;
      pipeline = null;
      stopped.await();
      return 0;
    } finally {
      // Only reached with these still set if start-up failed part-way.
      if (pipeline != null || stack != null) {
        shutdown(env, pipeline, stack);
      }
    }
  }

  private static void shutdown(Environment env, Pipeline pipeline, LocalStack stack) {
    try {
      Files.deleteIfExists(env.readyFile());
    } catch (IOException ignored) {
      // best effort
    }
    if (pipeline != null) {
      pipeline.close();
    }
    if (stack != null) {
      stack.close();
    }
    try {
      Files.deleteIfExists(env.pidFile());
    } catch (IOException ignored) {
      // best effort
    }
  }

  /** Returns the pid of a running `newsflow up` for this data folder, or null. */
  static Long runningPid(Environment env) {
    try {
      if (!Files.isRegularFile(env.pidFile())) {
        return null;
      }
      long pid = Long.parseLong(Files.readString(env.pidFile()).trim());
      return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(p -> pid).orElse(null);
    } catch (IOException | NumberFormatException e) {
      return null;
    }
  }

  private Integer detach(Environment env) throws IOException, InterruptedException {
    Long running = runningPid(env);
    if (running != null && Files.exists(env.readyFile())) {
      System.out.println("newsflow is already up (pid " + running + ")");
      return 0;
    }
    if (running != null) {
      throw new IllegalStateException("newsflow is starting or stuck (pid " + running + "); see " + logFile(env) + " or run `newsflow down`");
    }
    Files.deleteIfExists(env.readyFile());
    Path log = logFile(env);
    Files.createDirectories(log.getParent());
    // The log is appended to across runs; only this run's lines are echoed.
    long logStart = Files.exists(log) ? Files.size(log) : 0;
    List<String> command = new ArrayList<>();
    if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
      // Its own session: a Ctrl-C in this terminal later must not reach the background newsflow.
      command.add("/usr/bin/setsid");
    }
    command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    command.addAll(ProcessHandle.current().info().arguments().map(List::of).orElse(List.of()).stream()
        .takeWhile(a -> !a.equals(Main.class.getName())).toList());
    command.add(Main.class.getName());
    if (main.config != null) {
      command.add("--config");
      command.add(main.config.toString());
    }
    command.add("up");
    if (noDemo) {
      command.add("--no-demo");
    }
    Process child = new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
        .start();
    long deadline = System.nanoTime() + readyTimeout.toNanos();
    System.out.println("starting newsflow in the background (pid " + child.pid() + ", log " + log + ") ...");
    while (System.nanoTime() < deadline) {
      if (Files.exists(env.readyFile())) {
        for (String line : linesFrom(log, logStart)) {
          if (line.startsWith("Kafka ") || line.startsWith("Elasticsearch ") || line.startsWith("stages ") || line.startsWith("dashboard ")
              || line.startsWith("demo import ") || line.startsWith("search ")) {
            System.out.println(line);
          }
        }
        System.out.println("newsflow is up; stop it with `newsflow down`");
        return 0;
      }
      if (!child.isAlive()) {
        throw new IllegalStateException("newsflow failed to start (exit " + child.exitValue() + "): "
            + String.join(" | ", tail(log, 8)));
      }
      Thread.sleep(250);
    }
    child.destroy();
    throw new IllegalStateException("newsflow was not ready within " + readyTimeout.toSeconds() + " s; see " + log);
  }

  private static List<String> linesFrom(Path file, long offset) throws IOException {
    try (java.io.RandomAccessFile in = new java.io.RandomAccessFile(file.toFile(), "r")) {
      in.seek(offset);
      byte[] rest = new byte[(int) (in.length() - offset)];
      in.readFully(rest);
      return new String(rest, StandardCharsets.UTF_8).lines().toList();
    }
  }

  static Path logFile(Environment env) {
    return env.dataDir.resolve("logs/newsflow.log");
  }

  static List<String> tail(Path file, int lines) {
    try {
      List<String> all = Files.readAllLines(file);
      return all.subList(Math.max(0, all.size() - lines), all.size());
    } catch (IOException e) {
      return List.of("(no log at " + file + ")");
    }
  }
}
