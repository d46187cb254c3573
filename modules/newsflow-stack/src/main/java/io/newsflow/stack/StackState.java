package io.newsflow.stack;

/**
 * Describes what of the local stack is running now, as read by {@link LocalStack#state} from the
 * pid files in the data dir and probes of the ports. A snapshot: it does not follow changes.
 */
public record StackState(ServiceState kafka, ServiceState elasticsearch) {

  /** Tells whether both services are running and answering. */
  public boolean running() {
    return kafka.status() == ServiceState.Status.RUNNING
        && elasticsearch.status() == ServiceState.Status.RUNNING;
  }

  /** Tells whether no process recorded for this data dir is alive. */
  public boolean stopped() {
    return kafka.pid().isEmpty() && elasticsearch.pid().isEmpty();
  }

  /** Returns two lines, one per service, for {@code newsflow status}. */
  public String describe() {
    return kafka.describe() + System.lineSeparator() + elasticsearch.describe();
  }
}
