package io.newsflow.stack.internal;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Tells live processes from dead ones, zombies included. Thread-safe: no state. Not part of the API. */
final class Processes {

  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private Processes() {}

  /**
   * Tells whether {@code process} is running. Unlike {@link ProcessHandle#isAlive()} this says no
   * for a zombie: a service whose starter JVM has gone is re-parented to pid 1, and in a container
   * pid 1 is often not an init that reaps, so an exited service can stay a zombie for a long time.
   */
  static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"), StandardCharsets.UTF_8);
      // Format: "pid (command) state ..."; the command may itself contain ") ".
      int end = stat.lastIndexOf(')');
      char state = end >= 0 && end + 2 < stat.length() ? stat.charAt(end + 2) : 'R';
      return state != 'Z' && state != 'X';
    } catch (IOException e) {
      // No /proc (not Linux) or the process just vanished: fall back to the JDK's answer.
      return process.isAlive();
    }
  }

  /** Waits until {@code process} is no longer {@linkplain #isRunning running} or the deadline passes; returns whether it stopped. */
  static boolean awaitExit(ProcessHandle process, long deadlineNanos) {
    while (isRunning(process)) {
      long remaining = deadlineNanos - System.nanoTime();
      if (remaining <= 0) {
        return false;
      }
      try {
        // onExit completes at once for our own children; for others (and zombies) we poll.
        process.onExit().get(Math.min(remaining, POLL_NANOS), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        // Poll again.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !isRunning(process);
      } catch (ExecutionException e) {
        return !isRunning(process);
      }
    }
    return true;
  }

  /** Waits up to {@code pause} for {@code process} to stop, returning early when it does. */
  static void pause(ProcessHandle process, Duration pause) {
    awaitExit(process, System.nanoTime() + pause.toNanos());
  }
}
