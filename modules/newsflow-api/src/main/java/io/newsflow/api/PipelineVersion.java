package io.newsflow.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Tells which newsflow build produced a record, so documents can be re-processed selectively. */
public final class PipelineVersion {

  /** The version of the running newsflow build, e.g. {@code 0.1.0-SNAPSHOT}. */
  public static final String CURRENT = load();

  private PipelineVersion() {}

  private static String load() {
    try (InputStream in = PipelineVersion.class.getResourceAsStream("version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
