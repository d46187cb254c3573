package io.newsflow.stack;

import java.util.OptionalLong;

/**
 * Describes one service of the local stack as seen from outside: the process recorded in its pid
 * file, if still alive, and whether anything answers on its port.
 *
 * @param name {@code kafka} or {@code elasticsearch}
 * @param status what the pid file and the port probe say together
 * @param pid the live process recorded for this data dir, empty when there is none
 * @param address {@code 127.0.0.1:<port>} that was probed
 */
public record ServiceState(String name, Status status, OptionalLong pid, String address) {

  /** Combines "is our process alive" with "does the port answer". */
  public enum Status {
    /** Our process is alive and its port answers. */
    RUNNING,
    /** Our process is alive but its port does not answer: still starting, or stuck. */
    NOT_ANSWERING,
    /** No process of ours, and the port is free. */
    STOPPED,
    /** No process of ours, yet something else answers on the port. */
    PORT_TAKEN
  }

  /** Returns one line for {@code newsflow status}, e.g. {@code kafka: running (pid 4242) on 127.0.0.1:9092}. */
  public String describe() {
    return switch (status) {
      case RUNNING -> name + ": running (pid " + pid.getAsLong() + ") on " + address;
      case NOT_ANSWERING -> name + ": process " + pid.getAsLong() + " is alive but nothing answers on " + address
          + " yet (starting, or stuck: see its log)";
      case STOPPED -> name + ": stopped";
      case PORT_TAKEN -> name + ": stopped, but another program answers on " + address;
    };
  }
}
