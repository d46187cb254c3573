package io.newsflow.stack.internal;

import io.newsflow.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs short helper commands (useradd, id, elasticsearch-plugin) to completion. Not part of the API. */
public final class Commands {

  /** What a finished command returned. */
  public record Result(int exitStatus, String output) {
    public boolean succeeded() {
      return exitStatus == 0;
    }

    /** Returns the last non-blank line of the output, for a one-line error message. */
    public String lastLine() {
      List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
      return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).trim();
    }
  }

  private Commands() {}

  /**
   * Runs {@code command} with its output (stdout and stderr) captured, killing it after
   * {@code timeout}. Output goes through a temp file rather than a pipe so a chatty command
   * cannot block on a full pipe while we wait for it.
   *
   * @throws StackException when the command cannot be started or does not finish in time
   */
  public static Result run(List<String> command, Map<String, String> environment, Duration timeout) {
    Path output = null;
    try {
      output = Files.createTempFile("newsflow-stack-", ".out");
      ProcessBuilder builder = new ProcessBuilder(command)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .redirectOutput(output.toFile())
          .redirectErrorStream(true);
      Environment.apply(environment, builder.environment());
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new StackException("'" + String.join(" ", command) + "' did not finish within " + timeout.toSeconds() + " s");
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new StackException("cannot run '" + String.join(" ", command) + "': " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StackException("interrupted while running '" + String.join(" ", command) + "'");
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          // A leftover temp file is harmless.
        }
      }
    }
  }

  /** Finds {@code name} in the usual system directories, or returns null. */
  public static Path findExecutable(String name) {
    for (String dir : List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin", "/usr/local/bin", "/usr/local/sbin")) {
      Path candidate = Path.of(dir, name);
      if (Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
