package io.newsflow.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/** Prints the effective configuration, secrets masked. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = "Print the effective configuration (file + NEWSFLOW_* environment overrides), secrets masked.")
final class ConfigCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Override
  public Integer call() {
    Environment env = main.environment();
    Settings settings = env.settings();
    System.out.println("# file: " + (env.configFile == null ? "(none, defaults)" : env.configFile) + ", data: " + env.dataDir);
    settings.describe().forEach((k, v) -> System.out.println(k + "=" + v));
    return 0;
  }
}
