package io.newsflow.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * Describes one file handed to the ingest stage, before it is read.
 *
 * @param uri where it came from: a {@code file:} URI for local files, anything else for uploads
 * @param path where its bytes are now on this machine
 * @param size size in bytes
 * @param modified last-modified time of the file; newer versions of a file have later times
 * @param seenAt when newsflow first saw it (start of the end-to-end latency clock)
 * @param jobId the import job it belongs to, or {@code null} for live traffic
 */
public record SourceFile(URI uri, Path path, long size, Instant modified, Instant seenAt, String jobId) {

  public SourceFile {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(modified, "modified");
    Objects.requireNonNull(seenAt, "seenAt");
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
  }

  public DocumentId id() {
    return DocumentId.ofSource(uri);
  }
}
