package io.newsflow.stack;

/**
 * Reports that the local stack could not be provisioned, started or stopped. The first line of
 * the message says what went wrong and what to do, and is meant to be shown to a user as it is;
 * when a service died or did not become ready, further lines quote the end of its log.
 */
public final class StackException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public StackException(String message) {
    super(message);
  }

  public StackException(String message, Throwable cause) {
    super(message, cause);
  }

  /** Returns the first line of the message, without any quoted log lines. */
  public String summary() {
    String message = getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
