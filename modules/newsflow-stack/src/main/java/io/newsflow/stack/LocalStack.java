package io.newsflow.stack;

import io.newsflow.stack.internal.StackRunner;
import java.net.URI;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs a local single-node Kafka (KRaft) and Elasticsearch as child processes bound to 127.0.0.1,
 * provisioned from the distribution's artifacts into {@link StackConfig#dataDir()}.
 *
 * <p>The processes are not tied to this JVM: they keep running if it exits without
 * {@link #close()} (that is how {@code newsflow up} returns while the stack stays up). Pid files in
 * the data dir let {@link #stopRunning} and {@link #state} find them from any JVM.
 *
 * <p>Reuse: if both services are already running from the same data dir (their pid files name
 * live processes), {@link #start} does not start a second stack; it waits until that one is
 * ready and returns a handle with {@link #reused()} true whose {@link #close()} leaves the
 * processes alone, since they belong to whoever started them. This lets tests run against a stack
 * a developer started with {@code newsflow up}. A half-running stack (one service alive) is an
 * error, not reused.
 *
 * <p>Thread-safe. The caller owns the returned instance and should close it, for example from a
 * shutdown hook; {@code close()} is idempotent and safe to call from one.
 */
public final class LocalStack implements AutoCloseable {

  private final StackConfig config;
  private final StackRunner.Started started;
  private final AtomicBoolean closed = new AtomicBoolean();

  private LocalStack(StackConfig config, StackRunner.Started started) {
    this.config = config;
    this.started = started;
  }

  /**
   * Provisions the stack if needed (unpacks Elasticsearch, installs plugin zips, writes the
   * configuration, formats Kafka's storage), starts both services and blocks until Kafka answers
   * {@code describeCluster} and Elasticsearch reports at least yellow health, or reuses a stack
   * already running from the same data dir (see the class comment).
   *
   * @throws StackException when an artifact is missing, a port is taken, a service exits early or
   *     is not ready within {@link StackConfig#startTimeout()}; anything this call started is
   *     stopped again before it throws
   */
  public static LocalStack start(StackConfig config) {
    return new LocalStack(config, StackRunner.start(config));
  }

  /** Returns {@code 127.0.0.1:<kafkaPort>} for Kafka clients' {@code bootstrap.servers}. */
  public String kafkaBootstrapServers() {
    return config.kafkaBootstrapServers();
  }

  /** Returns {@code http://127.0.0.1:<elasticsearchPort>}. */
  public URI elasticsearchUrl() {
    return config.elasticsearchUrl();
  }

  public StackConfig config() {
    return config;
  }

  /** Tells whether this handle attached to a stack started elsewhere, which {@link #close()} then leaves running. */
  public boolean reused() {
    return started.reused();
  }

  /**
   * Stops both services if this handle started them: SIGTERM, up to 30 s for a clean shutdown,
   * then SIGKILL; removes the pid files. Blocks until done. Idempotent, never throws for a
   * process that is already gone.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      StackRunner.stop(started);
    }
  }

  /** Reads what is running from {@code config}'s data dir now, from pid files and port probes. */
  public static StackState state(StackConfig config) {
    return StackRunner.state(config);
  }

  /**
   * Stops the processes recorded in {@code config}'s pid files, whichever JVM started them (for
   * {@code newsflow down}, or after the owner died). Does nothing when none is alive; removes stale
   * pid files.
   */
  public static void stopRunning(StackConfig config) {
    StackRunner.stopRunning(config);
  }
}
