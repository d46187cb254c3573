package io.newsflow.api;

import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Describes one file handed to the ingest stage, before it is read.
 *
 * @param uri where it came from: a {@code file:} URI for local files, anything else for uploads
 * @param path where its bytes are now on this machine
 * @param size size in bytes
 * @param modified last-modified time of the file; newer versions of a file have later times
 * @param seenAt when newsflow first saw it (start of the end-to-end latency clock)
 * @param jobId the import job it belongs to, or {@code null} for live traffic
 * @param sha256 SHA-256 of its bytes (lowercase hex) when the caller has already read them all, so
 *     that extraction need not read and hash the file a second time; {@code null} if not known
 */
public record SourceFile(URI uri, Path path, long size, Instant modified, Instant seenAt, String jobId, String sha256) {

  // Compiled once: a SourceFile is made for every file an import sees (String.matches compiles on each call).
  private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

  /** Describes a file whose digest is not known yet. */
  public SourceFile(URI uri, Path path, long size, Instant modified, Instant seenAt, String jobId) {
    this(uri, path, size, modified, seenAt, jobId, null);
  }

  public SourceFile {
    Objects.requireNonNull(uri, "uri");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(modified, "modified");
    Objects.requireNonNull(seenAt, "seenAt");
    if (size < 0) {
      throw new IllegalArgumentException("size must be >= 0, got " + size);
    }
    if (sha256 != null && !SHA256_HEX.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lowercase hex digits, got " + sha256);
    }
  }

  /** Returns this file with its known SHA-256 (lowercase hex). */
  public SourceFile withSha256(String sha256) {
    return new SourceFile(uri, path, size, modified, seenAt, jobId, sha256);
  }

  public DocumentId id() {
    return DocumentId.ofSource(uri);
  }
}
