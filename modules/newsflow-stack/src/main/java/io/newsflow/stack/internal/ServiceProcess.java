package io.newsflow.stack.internal;

import io.newsflow.stack.StackException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One service process of the stack: either started here ({@link #launch}) or found through its pid
 * file ({@link #attach}). Owns nothing it did not start; stopping is explicit. Thread-safe: the
 * fields are final and {@link ProcessHandle} is thread-safe. Not part of the API.
 */
public final class ServiceProcess {

  private static final Logger log = LoggerFactory.getLogger(ServiceProcess.class);

  private final String displayName;
  private final ProcessHandle handle;
  private final Process process;
  private final Path pidFile;
  private final Path logFile;
  private final long logOffset;

  private ServiceProcess(String displayName, ProcessHandle handle, Process process, Path pidFile, Path logFile, long logOffset) {
    this.displayName = displayName;
    this.handle = handle;
    this.process = process;
    this.pidFile = pidFile;
    this.logFile = logFile;
    this.logOffset = logOffset;
  }

  /**
   * Starts {@code command} with stdin from /dev/null and stdout+stderr appended to {@code logFile},
   * then records it and the {@code port} it serves in {@code pidFile}. The child outlives this JVM
   * unless stopped: it has no pipe back to us, so {@code newsflow up} can return while the stack
   * keeps running.
   */
  public static ServiceProcess launch(String displayName, List<String> command, Map<String, String> environment,
      Path workingDir, Path pidFile, int port, Path logFile) {
    long offset = LogTail.sizeOf(logFile);
    ProcessBuilder builder = new ProcessBuilder(command)
        .directory(workingDir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectErrorStream(true);
    Environment.apply(environment, builder.environment());
    Process process;
    try {
      Files.createDirectories(logFile.getParent());
      process = builder.start();
    } catch (IOException e) {
      throw new StackException("cannot start " + displayName + " (" + command.get(0) + "): " + e.getMessage(), e);
    }
    ServiceProcess started = new ServiceProcess(displayName, process.toHandle(), process, pidFile, logFile, offset);
    PidFile.write(pidFile, started.handle, port);
    log.debug("started {} as pid {}: {}", displayName, process.pid(), command);
    return started;
  }

  /** Wraps a process that another JVM started and recorded in {@code pidFile}. */
  public static ServiceProcess attach(String displayName, ProcessHandle handle, Path pidFile, Path logFile) {
    return new ServiceProcess(displayName, handle, null, pidFile, logFile, LogTail.sizeOf(logFile));
  }

  public String displayName() {
    return displayName;
  }

  public long pid() {
    return handle.pid();
  }

  public boolean isAlive() {
    return Processes.isRunning(handle);
  }

  public Path logFile() {
    return logFile;
  }

  /** Returns the exit status if this JVM started the process and it has exited. */
  public OptionalInt exitStatus() {
    if (process == null) {
      return OptionalInt.empty();
    }
    try {
      // Our own child: reaped by the JDK, so waiting a moment for the status is safe.
      return process.waitFor(1, TimeUnit.SECONDS) ? OptionalInt.of(process.exitValue()) : OptionalInt.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return OptionalInt.empty();
    }
  }

  /**
   * Waits up to {@code pause} for the process to exit; returns early when it does, so a crash is
   * noticed at once instead of after the next poll.
   */
  public void awaitExit(Duration pause) {
    Processes.pause(handle, pause);
    if (Thread.currentThread().isInterrupted()) {
      throw new StackException("interrupted while waiting for " + displayName);
    }
  }

  /**
   * Builds a message of {@code summary}, the log paths of {@code services}, then for each the
   * lines it wrote to its log since it started (or since we attached).
   */
  public static String failureMessage(String summary, List<ServiceProcess> services) {
    StringBuilder message = new StringBuilder(summary).append(services.size() == 1 ? "; log: " : "; logs: ");
    message.append(String.join(", ", services.stream().map(service -> service.logFile.toString()).toList()));
    services.forEach(service -> LogTail.appendTail(message, service.logFile, service.logOffset));
    return message.toString();
  }

  /**
   * Stops {@code services} together: SIGTERM to each, up to {@code grace} for all of them to exit,
   * then SIGKILL to whatever is left, children included (the Elasticsearch launcher runs the
   * server as a child JVM). Deletes the pid files. Safe to call on processes that have already
   * exited, and from a shutdown hook.
   */
  public static void stopAll(List<ServiceProcess> services, Duration grace) {
    List<ProcessHandle> descendants = new ArrayList<>();
    for (ServiceProcess service : services) {
      // Collect before signalling: once the parent has exited its children are re-parented and
      // can no longer be found from it.
      service.handle.descendants().forEach(descendants::add);
    }
    for (ServiceProcess service : services) {
      if (Processes.isRunning(service.handle)) {
        log.info("stopping {} (pid {})", service.displayName, service.handle.pid());
        service.handle.destroy();
      }
    }
    long deadline = System.nanoTime() + grace.toNanos();
    for (ServiceProcess service : services) {
      if (!Processes.awaitExit(service.handle, deadline)) {
        log.warn("{} (pid {}) did not stop within {} s of SIGTERM; killing it", service.displayName,
            service.handle.pid(), grace.toSeconds());
        service.handle.destroyForcibly();
        Processes.awaitExit(service.handle, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
      }
    }
    // Children normally exit with their parent; give them a moment, then make sure.
    long childDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    for (ProcessHandle child : descendants) {
      if (!Processes.awaitExit(child, childDeadline)) {
        log.warn("killing left-over child process {}", child.pid());
        child.destroyForcibly();
        Processes.awaitExit(child, System.nanoTime() + TimeUnit.SECONDS.toNanos(5));
      }
    }
    for (ServiceProcess service : services) {
      if (!Processes.isRunning(service.handle)) {
        PidFile.delete(service.pidFile);
      }
    }
  }
}
