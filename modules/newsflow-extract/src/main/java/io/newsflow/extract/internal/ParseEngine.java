package io.newsflow.extract.internal;

import java.nio.file.Path;
import org.apache.tika.parser.ParseContext;

/**
 * Parses one file with Tika into its recursive metadata list, somewhere: in worker processes or in
 * this JVM. Thread-safe; {@link #close()} stops what the engine started.
 */
public interface ParseEngine extends AutoCloseable {

  /**
   * Parses {@code file}; never throws for a bad file.
   *
   * @param resourceName the file name Tika may use as a type hint, or {@code null}
   * @param context carries the password provider; must be serializable for worker processes
   */
  RawParse parse(Path file, String resourceName, ParseContext context) throws InterruptedException;

  @Override
  void close();
}
