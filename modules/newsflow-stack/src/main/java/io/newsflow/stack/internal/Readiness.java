package io.newsflow.stack.internal;

import io.newsflow.stack.StackConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Answers "is this service ready for newsflow yet?" with one cheap probe per call, so the caller
 * can poll while also watching the process. Owns a Kafka admin client, created on the first
 * probe that finds the port open; {@link #close} releases it. Not thread-safe: one poller.
 * Not part of the API.
 */
public final class Readiness implements AutoCloseable {

  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

  private final StackConfig config;
  private final HttpClient http;
  private Admin admin;

  public Readiness(StackConfig config) {
    this.config = config;
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  }

  /**
   * Tells whether the broker answers {@code describeCluster} with at least one node. The port is
   * probed first: an admin client pointed at a closed port logs a warning per retry.
   */
  public boolean kafkaReady() {
    if (!Ports.answers(config.kafkaPort())) {
      return false;
    }
    if (admin == null) {
      admin = Admin.create(Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.kafkaBootstrapServers(),
          AdminClientConfig.CLIENT_ID_CONFIG, "newsflow-stack-readiness",
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis(),
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PROBE_TIMEOUT.toMillis()));
    }
    try {
      return !admin.describeCluster(new DescribeClusterOptions().timeoutMs((int) PROBE_TIMEOUT.toMillis()))
          .nodes().get(PROBE_TIMEOUT.toMillis() + 500, TimeUnit.MILLISECONDS).isEmpty();
    } catch (ExecutionException | TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Tells whether {@code GET /_cluster/health?wait_for_status=yellow} answers 200. ({@code GET /}
   * is no use: it answers 405 in the integ-test distribution.) ES answers 408 when the status is
   * not reached within the given timeout and 503 before a master is elected.
   */
  public boolean elasticsearchReady() {
    URI uri = config.elasticsearchUrl().resolve("/_cluster/health?wait_for_status=yellow&timeout=1s");
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(PROBE_TIMEOUT).GET().build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close(Duration.ofSeconds(2));
      admin = null;
    }
  }
}
