package io.newsflow.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Lists the files under the paths a user gives, lazily, so a huge tree is never held in memory. */
public final class FileWalker {

  private FileWalker() {}

  /**
   * Returns the regular files at or below {@code paths}, depth-first, skipping hidden files and
   * directories (names starting with '.') and partial downloads. The caller closes the stream.
   *
   * @throws IllegalArgumentException if a path does not exist
   */
  public static Stream<Path> files(List<Path> paths) {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("no such file or directory: " + p);
      }
    }
    return paths.stream().flatMap(FileWalker::walk);
  }

  private static Stream<Path> walk(Path root) {
    try {
      Path absolute = root.toAbsolutePath().normalize();
      return Files.walk(absolute)
          .filter(p -> p.equals(absolute) || !isIgnored(absolute.relativize(p)))
          .filter(Files::isRegularFile);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root + ": " + e.getMessage(), e);
    }
  }

  /** Tells whether a file is one no user means to import: hidden, or still being downloaded or edited. */
  static boolean isIgnored(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.startsWith(".") || name.endsWith("~") || name.endsWith(".part") || name.endsWith(".crdownload") || name.endsWith(".tmp")) {
        return true;
      }
    }
    return false;
  }
}
