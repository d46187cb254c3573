package io.newsflow.stack.internal;

import io.newsflow.stack.StackConfig;
import io.newsflow.stack.StackException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.LinkedHashMap;
import java.util.Map;

/** Probes TCP ports on 127.0.0.1. Thread-safe: no state. Not part of the API. */
public final class Ports {

  private static final int CONNECT_TIMEOUT_MILLIS = 500;

  private Ports() {}

  /**
   * Tells whether a server could bind {@code 127.0.0.1:port} now, by binding it and letting go.
   * Catches listeners on the wildcard address too, which a connect probe on a firewalled
   * machine might not.
   */
  public static boolean isFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      // Same as Kafka and Elasticsearch do: a port in TIME_WAIT from our last run is not "in use".
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(InetAddress.getByName(StackConfig.HOST), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** Tells whether something accepts a TCP connection on {@code 127.0.0.1:port} within half a second. */
  public static boolean answers(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getByName(StackConfig.HOST), port), CONNECT_TIMEOUT_MILLIS);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Throws if any port of {@code config} is taken, naming the first such port, its key and the
   * environment variable that moves it.
   */
  public static void requireFree(StackConfig config) {
    Map<String, Integer> ports = new LinkedHashMap<>();
    ports.put(StackConfig.KAFKA_PORT, config.kafkaPort());
    ports.put(StackConfig.KAFKA_CONTROLLER_PORT, config.kafkaControllerPort());
    ports.put(StackConfig.ELASTICSEARCH_PORT, config.elasticsearchPort());
    ports.put(StackConfig.ELASTICSEARCH_TRANSPORT_PORT, config.elasticsearchTransportPort());
    for (Map.Entry<String, Integer> port : ports.entrySet()) {
      if (!isFree(port.getValue())) {
        throw new StackException(portInUseMessage(port.getKey(), port.getValue()));
      }
    }
  }

  static String portInUseMessage(String key, int port) {
    return "port " + port + " (" + key + ") is already in use on " + StackConfig.HOST
        + "; stop what uses it or set " + StackConfig.environmentVariable(key) + " to a free port";
  }
}
