package io.newsflow.cli;

import io.newsflow.api.PipelineVersion;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Parses the command line and runs one newsflow command. No business logic lives here. */
@Command(name = "newsflow", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
    description = "Streaming ingestion of news articles and documents: Tika extracts, Kafka carries, Elasticsearch indexes.")
public final class Main implements Runnable {

  /** Every subcommand, in the order {@code newsflow --help} lists them. */
  static final List<Class<?>> SUBCOMMANDS = List.of(UpCommand.class, DownCommand.class, StatusCommand.class,
      ImportCommand.class, SearchCommand.class, ShowCommand.class, ExtractCommand.class, EnrichCommand.class, EvalCommand.class,
      EvalStoriesCommand.class, EvalExtractionCommand.class, EvalFormatsCommand.class, BenchExtractionCommand.class,
      RunCommand.class, ConfigCommand.class, DeadLettersCommand.class, ReplayCommand.class, BenchCommand.class,
      GenerateCommand.class, CommandLine.HelpCommand.class);

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
    System.exit(commandLine(args).execute(args));
  }

  /** Returns the command line with every subcommand. */
  static CommandLine commandLine() {
    return commandLine(SUBCOMMANDS);
  }

  /**
   * Returns a command line that knows only the subcommand {@code args} name, if they name one, else every subcommand (for
   * the help, and for picocli's own message on an unknown command). Picocli builds each subcommand's model by reflection
   * (its classes are Java 5 class files, which class-data sharing cannot archive either): building all twenty took a
   * quarter of the CPU time of an `import` where nothing changed.
   */
  static CommandLine commandLine(String[] args) {
    String name = subcommandName(args);
    for (Class<?> command : SUBCOMMANDS) {
      if (command != CommandLine.HelpCommand.class && command.getAnnotation(Command.class).name().equals(name)) {
        return commandLine(List.of(command));
      }
    }
    return commandLine();
  }

  /** Returns the first argument that is neither an option nor the value of {@code --config}, or {@code null}. */
  static String subcommandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--config")) {
        i++;
      } else if (!args[i].startsWith("-")) {
        return args[i];
      }
    }
    return null;
  }

  private static CommandLine commandLine(List<Class<?>> subcommands) {
    CommandLine cl = new CommandLine(new Main());
    for (Class<?> command : subcommands) {
      cl.addSubcommand(command);
    }
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
