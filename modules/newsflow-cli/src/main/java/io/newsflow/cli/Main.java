package io.newsflow.cli;

import io.newsflow.api.PipelineVersion;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Parses the command line and runs one newsflow command. No business logic lives here. */
@Command(name = "newsflow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Streaming ingestion of news articles and documents: Tika extracts, Kafka carries, Elasticsearch indexes.",
    subcommands = {UpCommand.class, DownCommand.class, StatusCommand.class, ImportCommand.class, SearchCommand.class,
        ShowCommand.class, ExtractCommand.class, EnrichCommand.class, EvalCommand.class, EvalStoriesCommand.class, EvalExtractionCommand.class,
        RunCommand.class, ConfigCommand.class, DeadLettersCommand.class, ReplayCommand.class, BenchCommand.class, GenerateCommand.class,
        CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  /** Exit code when a command's input was fine but some documents failed. */
  static final int EXIT_FAILURES = 1;
  /** Exit code when Kafka, Elasticsearch or the configuration is unusable. */
  static final int EXIT_UNAVAILABLE = 3;

  @Option(names = "--config", description = "Configuration file (default: $NEWSFLOW_CONFIG, else deploy/newsflow.properties).", scope = CommandLine.ScopeType.INHERIT)
  Path config;

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  Environment environment() {
    return new Environment(config, System.getenv());
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      // Users get one line; the stack trace goes to the log for unexpected errors only.
      commandLine.getErr().println("newsflow: " + oneLine(e));
      if (!(e instanceof IllegalArgumentException || e instanceof IllegalStateException
          || e instanceof java.io.UncheckedIOException || e instanceof io.newsflow.stack.StackException)) {
        org.slf4j.LoggerFactory.getLogger(Main.class).error("unexpected error", e);
      }
      return e instanceof IllegalArgumentException ? CommandLine.ExitCode.USAGE : EXIT_UNAVAILABLE;
    });
    return cl;
  }

  static String oneLine(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    return message;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"newsflow " + PipelineVersion.CURRENT};
    }
  }
}
