package io.newsflow.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.stack.StackConfig;
import io.newsflow.stack.StackException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PortsTest {

  @Test
  void aPortWithAListenerIsNotFreeAndAnswers() throws Exception {
    try (ServerSocket listener = listenOnLoopback()) {
      int port = listener.getLocalPort();
      assertThat(Ports.isFree(port)).isFalse();
      assertThat(Ports.answers(port)).isTrue();
    }
  }

  @Test
  void aClosedPortIsFreeAndSilent() throws Exception {
    int port;
    try (ServerSocket listener = listenOnLoopback()) {
      port = listener.getLocalPort();
    }
    assertThat(Ports.isFree(port)).isTrue();
    assertThat(Ports.answers(port)).isFalse();
  }

  @Test
  void aTakenPortIsReportedWithItsKeyAndTheVariableThatMovesIt() throws Exception {
    try (ServerSocket listener = listenOnLoopback()) {
      int taken = listener.getLocalPort();
      int[] free = threeFreePorts();
      StackConfig config = StackConfig.defaults(Path.of("data"), Path.of("stack"))
          .withPorts(free[0], free[1], taken, free[2]);
      assertThatThrownBy(() -> Ports.requireFree(config))
          .isInstanceOf(StackException.class)
          .hasMessage("port " + taken + " (stack.elasticsearch.port) is already in use on 127.0.0.1;"
              + " stop what uses it or set NEWSFLOW_STACK_ELASTICSEARCH_PORT to a free port");
    }
  }

  private static ServerSocket listenOnLoopback() throws Exception {
    ServerSocket socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return socket;
  }

  // Held open together, so the three are distinct.
  private static int[] threeFreePorts() throws Exception {
    try (ServerSocket a = listenOnLoopback(); ServerSocket b = listenOnLoopback(); ServerSocket c = listenOnLoopback()) {
      return new int[] {a.getLocalPort(), b.getLocalPort(), c.getLocalPort()};
    }
  }
}
