package io.newsflow.stack.internal;

import io.newsflow.stack.ServiceState;
import io.newsflow.stack.StackConfig;
import io.newsflow.stack.StackException;
import io.newsflow.stack.StackState;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts, inspects and stops the two services of a stack: the logic behind
 * {@link io.newsflow.stack.LocalStack}. Starts from one data dir are serialized, across JVMs by a
 * file lock in the data dir and within this JVM by a monitor (a JVM may not hold two locks on one
 * file). Not part of the API.
 */
public final class StackRunner {

  /** The services of a started stack; {@code reused} when another JVM started them and owns them. */
  public record Started(ServiceProcess kafka, ServiceProcess elasticsearch, boolean reused) {}

  private static final Logger log = LoggerFactory.getLogger(StackRunner.class);

  // Elasticsearch flushes and closes its shards on SIGTERM, Kafka writes its clean-shutdown
  // marker; both take a few seconds on a small stack. Past this, they are killed.
  public static final Duration STOP_GRACE = Duration.ofSeconds(30);
  private static final Duration POLL_PAUSE = Duration.ofMillis(250);
  private static final Object START_MONITOR = new Object();

  private StackRunner() {}

  /** Starts a stack or attaches to the one already running from the same data dir; see {@code LocalStack#start}. */
  public static Started start(StackConfig config) {
    long begin = System.nanoTime();
    StackLayout layout = StackLayout.of(config);
    try {
      Files.createDirectories(config.dataDir());
    } catch (IOException e) {
      throw new StackException("cannot create the stack's data dir " + config.dataDir() + ": " + e.getMessage(), e);
    }
    synchronized (START_MONITOR) {
      try (FileChannel channel = FileChannel.open(layout.lockFile(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock lock = channel.lock()) {
        Started started = startLocked(config, layout);
        log.info("stack {} in {} s: Kafka at {}, Elasticsearch at {}", started.reused() ? "reused" : "ready",
            String.format("%.1f", (System.nanoTime() - begin) / 1e9), config.kafkaBootstrapServers(), config.elasticsearchUrl());
        return started;
      } catch (IOException e) {
        throw new StackException("cannot lock " + layout.lockFile() + ": " + e.getMessage(), e);
      }
    }
  }

  private static Started startLocked(StackConfig config, StackLayout layout) {
    Optional<PidFile.Entry> runningKafka = PidFile.readAlive(layout.kafkaPidFile());
    Optional<PidFile.Entry> runningElasticsearch = PidFile.readAlive(layout.elasticsearchPidFile());
    if (runningKafka.isPresent() && runningElasticsearch.isPresent()) {
      int kafkaPort = runningKafka.get().port();
      int elasticsearchPort = runningElasticsearch.get().port();
      if (kafkaPort != config.kafkaPort() || elasticsearchPort != config.elasticsearchPort()) {
        throw new StackException("a newsflow stack from " + config.dataDir() + " is already running on other ports (Kafka "
            + kafkaPort + ", Elasticsearch " + elasticsearchPort + "); use those ports or stop it first with 'newsflow down'");
      }
      log.info("a stack from {} is already running (Kafka pid {}, Elasticsearch pid {}); reusing it",
          config.dataDir(), runningKafka.get().process().pid(), runningElasticsearch.get().process().pid());
      ServiceProcess kafka = ServiceProcess.attach("Kafka", runningKafka.get().process(), layout.kafkaPidFile(), layout.kafkaLog());
      ServiceProcess elasticsearch = ServiceProcess.attach("Elasticsearch", runningElasticsearch.get().process(),
          layout.elasticsearchPidFile(), layout.elasticsearchLog());
      awaitReady(config, kafka, elasticsearch);
      return new Started(kafka, elasticsearch, true);
    }
    if (runningKafka.isPresent() || runningElasticsearch.isPresent()) {
      String which = runningKafka.map(entry -> "Kafka pid " + entry.process().pid() + " is alive, Elasticsearch is not")
          .orElseGet(() -> "Elasticsearch pid " + runningElasticsearch.get().process().pid() + " is alive, Kafka is not");
      throw new StackException("a newsflow stack from " + config.dataDir() + " is half running (" + which
          + "); stop it first with 'newsflow down'");
    }
    // Pid files of processes that died without cleaning up (kill -9, reboot).
    PidFile.delete(layout.kafkaPidFile());
    PidFile.delete(layout.elasticsearchPidFile());

    // Missing artifacts first: a fresh checkout that was never built is the likelier mistake.
    ElasticsearchNode.requireDistribution(layout);
    KafkaNode.requireClassPath(layout);
    Ports.requireFree(config);
    RunAs runAs = RunAs.forElasticsearch();
    runAs.checkCanReach(config.dataDir());
    String clusterId = KafkaNode.prepare(config, layout);
    ElasticsearchNode.provision(config, layout);
    runAs.handOver(List.of(layout.elasticsearchHome(), layout.elasticsearchStateDir()));

    ServiceProcess kafka = ServiceProcess.launch("Kafka", KafkaNode.command(config, layout, clusterId), Map.of(),
        layout.kafkaDir(), layout.kafkaPidFile(), config.kafkaPort(), layout.kafkaLog());
    ServiceProcess elasticsearch;
    try {
      elasticsearch = ServiceProcess.launch("Elasticsearch", ElasticsearchNode.command(layout, runAs),
          ElasticsearchNode.environment(layout, runAs), layout.elasticsearchHome(), layout.elasticsearchPidFile(),
          config.elasticsearchPort(), layout.elasticsearchLog());
    } catch (RuntimeException e) {
      ServiceProcess.stopAll(List.of(kafka), STOP_GRACE);
      throw e;
    }
    log.info("started Kafka (pid {}) and Elasticsearch (pid {}); logs in {}", kafka.pid(), elasticsearch.pid(), layout.logsDir());
    try {
      awaitReady(config, kafka, elasticsearch);
    } catch (RuntimeException e) {
      ServiceProcess.stopAll(List.of(kafka, elasticsearch), STOP_GRACE);
      throw e;
    }
    return new Started(kafka, elasticsearch, false);
  }

  /**
   * Polls both services until ready, failing as soon as one of the processes exits or when
   * {@code config.startTimeout()} has passed.
   */
  private static void awaitReady(StackConfig config, ServiceProcess kafka, ServiceProcess elasticsearch) {
    long begin = System.nanoTime();
    long deadline = begin + config.startTimeout().toNanos();
    boolean kafkaReady = false;
    boolean elasticsearchReady = false;
    try (Readiness readiness = new Readiness(config)) {
      while (true) {
        if (!kafkaReady) {
          requireAlive(kafka);
          kafkaReady = readiness.kafkaReady();
          logReady(kafkaReady, kafka, begin);
        }
        if (!elasticsearchReady) {
          requireAlive(elasticsearch);
          elasticsearchReady = readiness.elasticsearchReady();
          logReady(elasticsearchReady, elasticsearch, begin);
        }
        if (kafkaReady && elasticsearchReady) {
          return;
        }
        if (System.nanoTime() - deadline > 0) {
          List<ServiceProcess> late = new ArrayList<>();
          if (!kafkaReady) {
            late.add(kafka);
          }
          if (!elasticsearchReady) {
            late.add(elasticsearch);
          }
          String names = String.join(" and ", late.stream().map(ServiceProcess::displayName).toList());
          throw new StackException(ServiceProcess.failureMessage(names + (late.size() == 1 ? " was" : " were")
              + " not ready within " + config.startTimeout().toSeconds() + " s (" + StackConfig.START_TIMEOUT + ")", late));
        }
        // Sleeps on the slower service's exit, so a crash cuts the pause short.
        (elasticsearchReady ? kafka : elasticsearch).awaitExit(POLL_PAUSE);
      }
    }
  }

  private static void logReady(boolean ready, ServiceProcess service, long begin) {
    if (ready) {
      log.info("{} ready after {} s", service.displayName(), String.format("%.1f", (System.nanoTime() - begin) / 1e9));
    }
  }

  private static void requireAlive(ServiceProcess service) {
    if (!service.isAlive()) {
      String status = service.exitStatus().isPresent() ? " with status " + service.exitStatus().getAsInt() : "";
      throw new StackException(ServiceProcess.failureMessage(service.displayName() + " (pid " + service.pid() + ") exited"
          + status + " before it was ready", List.of(service)));
    }
  }

  /** Stops the processes recorded in the data dir's pid files, if any; removes stale pid files. */
  public static void stopRunning(StackConfig config) {
    StackLayout layout = StackLayout.of(config);
    List<ServiceProcess> running = new ArrayList<>();
    PidFile.readAlive(layout.kafkaPidFile()).ifPresent(entry -> running.add(
        ServiceProcess.attach("Kafka", entry.process(), layout.kafkaPidFile(), layout.kafkaLog())));
    PidFile.readAlive(layout.elasticsearchPidFile()).ifPresent(entry -> running.add(
        ServiceProcess.attach("Elasticsearch", entry.process(), layout.elasticsearchPidFile(), layout.elasticsearchLog())));
    if (running.isEmpty()) {
      log.info("no stack is running from {}", config.dataDir());
    } else {
      ServiceProcess.stopAll(running, STOP_GRACE);
    }
    if (PidFile.readAlive(layout.kafkaPidFile()).isEmpty()) {
      PidFile.delete(layout.kafkaPidFile());
    }
    if (PidFile.readAlive(layout.elasticsearchPidFile()).isEmpty()) {
      PidFile.delete(layout.elasticsearchPidFile());
    }
  }

  /** Stops services this JVM started; does nothing for a reused stack, which belongs to its starter. */
  public static void stop(Started started) {
    if (started.reused()) {
      log.debug("leaving the reused stack running");
      return;
    }
    ServiceProcess.stopAll(List.of(started.kafka(), started.elasticsearch()), STOP_GRACE);
  }

  /** Reads what is running from the pid files and port probes. */
  public static StackState state(StackConfig config) {
    StackLayout layout = StackLayout.of(config);
    return new StackState(
        serviceState("kafka", layout.kafkaPidFile(), config.kafkaPort()),
        serviceState("elasticsearch", layout.elasticsearchPidFile(), config.elasticsearchPort()));
  }

  private static ServiceState serviceState(String name, Path pidFile, int configuredPort) {
    Optional<PidFile.Entry> entry = PidFile.readAlive(pidFile);
    // A stack started with other ports is still ours: report it where it really listens.
    int port = entry.map(PidFile.Entry::port).filter(recorded -> recorded > 0).orElse(configuredPort);
    boolean answers = Ports.answers(port);
    ServiceState.Status status;
    if (entry.isPresent()) {
      status = answers ? ServiceState.Status.RUNNING : ServiceState.Status.NOT_ANSWERING;
    } else {
      status = answers ? ServiceState.Status.PORT_TAKEN : ServiceState.Status.STOPPED;
    }
    OptionalLong pid = entry.map(found -> OptionalLong.of(found.process().pid())).orElse(OptionalLong.empty());
    return new ServiceState(name, status, pid, StackConfig.HOST + ":" + port);
  }
}
