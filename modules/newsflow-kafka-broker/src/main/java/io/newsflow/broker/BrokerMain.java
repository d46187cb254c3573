package io.newsflow.broker;

import kafka.Kafka;
import kafka.tools.StorageTool;

/**
 * Runs a KRaft Kafka server in this JVM, formatting its log directories first when they are not
 * formatted yet, so the local stack needs one {@code java} process per broker instead of two.
 *
 * <p>Usage: {@code java -cp '<dist>/*' io.newsflow.broker.BrokerMain <server.properties> <cluster-id>}.
 * The cluster id is only used when formatting; an already formatted directory keeps its own id.
 * Exits with status 1 when formatting fails; otherwise behaves exactly like {@code kafka.Kafka},
 * including a clean shutdown on SIGTERM. Logs go to standard output through the {@code log4j2.xml}
 * in this jar.
 */
public final class BrokerMain {

  private BrokerMain() {}

  /** Formats the storage if needed, then hands over to {@code kafka.Kafka} for the life of the JVM. */
  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: BrokerMain <server.properties> <cluster-id>");
      System.exit(2);
    }
    String properties = args[0];
    String clusterId = args[1];
    int status;
    try {
      // --ignore-formatted makes this a no-op on every start after the first one.
      status = StorageTool.execute(
          new String[] {"format", "--config", properties, "--cluster-id", clusterId, "--ignore-formatted"},
          System.out);
    } catch (RuntimeException e) {
      // StorageTool reports bad input as a TerseFailure whose message is meant for the user.
      System.err.println("formatting the Kafka storage failed: " + e.getMessage());
      e.printStackTrace();
      status = 1;
    }
    if (status != 0) {
      System.exit(status);
    }
    Kafka.main(new String[] {properties});
  }
}
