package io.newsflow.cli;

import io.newsflow.stack.LocalStack;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Stops what {@code newsflow up} started: the stages, then the local stack. */
@Command(name = "down", mixinStandardHelpOptions = true,
    description = "Stop everything `newsflow up` started (stages, inbox watcher, local Kafka and Elasticsearch).")
final class DownCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Override
  public Integer call() throws Exception {
    Environment env = main.environment();
    Settings settings = env.settings();
    Long pid = UpCommand.runningPid(env);
    if (pid != null) {
      ProcessHandle process = ProcessHandle.of(pid).orElseThrow();
      System.out.println("stopping newsflow (pid " + pid + ") ...");
      process.destroy();
      try {
        process.onExit().get(90, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        System.out.println("newsflow did not stop within 90 s; killing it");
        process.destroyForcibly();
      }
    }
    if (settings.stackMode() == Settings.StackMode.LOCAL) {
      // Also stops a stack whose owner died without cleaning up.
      LocalStack.stopRunning(env.stackConfig(settings));
    }
    java.nio.file.Files.deleteIfExists(env.pidFile());
    java.nio.file.Files.deleteIfExists(env.readyFile());
    System.out.println("newsflow is down");
    return 0;
  }
}
