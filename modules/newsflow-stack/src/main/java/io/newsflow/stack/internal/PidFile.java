package io.newsflow.stack.internal;

import io.newsflow.stack.StackException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Records which process runs a service, so that another JVM (or a later {@code newsflow down})
 * can find it. Stores the pid and the process start time: a pid alone may have been reused by an
 * unrelated process since, and signalling that one would be a nasty surprise. Not part of the API.
 */
public final class PidFile {

  /** A live recorded process and the port it was started to serve (0 if not recorded). */
  public record Entry(ProcessHandle process, int port) {}

  private PidFile() {}

  /** Writes {@code process}'s pid, start time and service {@code port} to {@code file}, atomically. */
  public static void write(Path file, ProcessHandle process, int port) {
    String started = process.info().startInstant().map(Instant::toString).orElse("");
    String content = "pid=" + process.pid() + "\nstarted=" + started + "\nport=" + port + "\n";
    try {
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new StackException("cannot write pid file " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Returns the live process recorded in {@code file}, or empty when the file is absent or
   * unreadable, the process has exited, or its pid now belongs to a process started at another time.
   */
  public static Optional<Entry> readAlive(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    long pid = -1;
    int port = 0;
    Optional<Instant> started = Optional.empty();
    try {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.startsWith("pid=")) {
          pid = Long.parseLong(line.substring(4).trim());
        } else if (line.startsWith("started=") && line.length() > 8) {
          started = Optional.of(Instant.parse(line.substring(8).trim()));
        } else if (line.startsWith("port=")) {
          port = Integer.parseInt(line.substring(5).trim());
        }
      }
    } catch (IOException | NumberFormatException | DateTimeParseException e) {
      return Optional.empty();
    }
    if (pid <= 0) {
      return Optional.empty();
    }
    Optional<Instant> recorded = started;
    int recordedPort = port;
    return ProcessHandle.of(pid)
        .filter(Processes::isRunning)
        .filter(process -> recorded.isEmpty() || process.info().startInstant().isEmpty()
            || process.info().startInstant().get().equals(recorded.get()))
        .map(process -> new Entry(process, recordedPort));
  }

  /** Deletes {@code file} if present; a missing file is fine, since that is the goal. */
  public static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new StackException("cannot delete pid file " + file + ": " + e.getMessage(), e);
    }
  }
}
