package io.newsflow.api;

import java.util.Objects;

/**
 * Tells what a stage made of one document. A bad document is an outcome, not an exception:
 * exceptions are for broken infrastructure.
 *
 * @param <T> the stage's output type
 */
public sealed interface Outcome<T> {

  /** The stage produced its output. */
  record Success<T>(T value) implements Outcome<T> {
    public Success {
      Objects.requireNonNull(value, "value");
    }
  }

  /** The document is refused for good; it goes to the dead-letter topic. */
  record Rejected<T>(FailureReason reason, String message, String errorClass) implements Outcome<T> {
    public Rejected {
      Objects.requireNonNull(reason, "reason");
      Objects.requireNonNull(message, "message");
    }
  }

  /** A transient cause (on the runner's allow-list); the runner may try again later. */
  record Retryable<T>(String message, Throwable cause) implements Outcome<T> {}

  static <T> Outcome<T> success(T value) {
    return new Success<>(value);
  }

  static <T> Outcome<T> rejected(FailureReason reason, String message) {
    return new Rejected<>(reason, message, null);
  }

  static <T> Outcome<T> rejected(FailureReason reason, Throwable error) {
    String message = error.getMessage() == null || error.getMessage().isBlank() ? error.getClass().getSimpleName() : error.getMessage();
    return new Rejected<>(reason, message, error.getClass().getName());
  }
}
