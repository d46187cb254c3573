package io.newsflow.stack.internal;

import java.util.Map;

/** Applies environment changes to a child process's inherited environment. Not part of the API. */
final class Environment {

  private Environment() {}

  /** Copies {@code changes} into {@code target}; a {@code null} value removes the variable instead. */
  static void apply(Map<String, String> changes, Map<String, String> target) {
    changes.forEach((name, value) -> {
      if (value == null) {
        target.remove(name);
      } else {
        target.put(name, value);
      }
    });
  }
}
