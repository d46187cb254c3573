package io.newsflow.dashboard;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Configures the dashboard server.
 *
 * @param host address to bind; key {@code dashboard.host}
 * @param port TCP port, 0 for any free one; key {@code dashboard.port}
 * @param token bearer token required for the API when bound to anything but loopback; key
 *     {@code dashboard.token} (never printed)
 * @param maxUploadBytes largest accepted request body (uploads); key {@code dashboard.max-upload-size}
 */
public record DashboardConfig(String host, int port, String token, long maxUploadBytes) {

  public DashboardConfig {
    if (host == null || host.isBlank()) {
      throw new IllegalArgumentException("dashboard.host must not be empty");
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("dashboard.port must be a TCP port (0-65535), got " + port);
    }
    token = token == null || token.isBlank() ? null : token;
    if (maxUploadBytes < 1) {
      throw new IllegalArgumentException("dashboard.max-upload-size must be positive, got " + maxUploadBytes);
    }
    if (token == null && !isLoopback(host)) {
      throw new IllegalArgumentException("dashboard.token must be set when dashboard.host (" + host
          + ") is not a loopback address: anyone who reaches the port could read everything");
    }
  }

  static boolean isLoopback(String host) {
    try {
      return InetAddress.getByName(host).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("dashboard.host: unknown host " + host, e);
    }
  }

  /** Returns a configuration with the default upload limit (100 MiB). */
  public DashboardConfig(String host, int port, String token) {
    this(host, port, token, 100L * 1024 * 1024);
  }

  @Override
  public String toString() {
    return "DashboardConfig[host=" + host + ", port=" + port + ", token=" + (token == null ? null : "****")
        + ", maxUploadBytes=" + maxUploadBytes + "]";
  }
}
