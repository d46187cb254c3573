package io.newsflow.ingest;

import io.newsflow.api.FailureReason;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;

/**
 * Describes one item an import reads: a file, an entry of a ZIP or TAR archive, or a response in a
 * WARC file. An archive's entry is spooled to a temporary file before it is handed out, because an
 * archive read as a stream cannot go back to it; {@link #discard()} deletes that copy.
 *
 * @param uri the item's identity: {@code file:} for files, {@code jar:file:...!/entry} for ZIP
 *     entries, {@code tar:file:...!/entry} for TAR entries, the archived URL for WARC responses
 * @param format what the report counts it under: its name's extension in lower case, or
 *     {@code (none)}
 * @param size size in bytes, or -1 if unknown
 * @param modified last-modified time (for WARC responses: the capture date)
 * @param path where its bytes are on this machine now, or {@code null} if it failed to be read
 * @param temporary whether {@code path} is a spooled copy that {@link #discard()} deletes
 * @param failure why the item could not be read, or {@code null}
 * @param message what went wrong, for a failed item
 */
public record SourceItem(URI uri, String format, long size, Instant modified, Path path, boolean temporary,
    FailureReason failure, String message) {

  static SourceItem file(Path path, long size, Instant modified) {
    return new SourceItem(path.toUri(), formatOf(path.getFileName().toString()), size, modified, path, false, null, null);
  }

  static SourceItem failed(URI uri, String name, FailureReason reason, String message) {
    return new SourceItem(uri, formatOf(name), -1, Instant.EPOCH, null, false, reason, message);
  }

  /** Deletes the spooled copy, if this item has one. */
  public void discard() {
    if (temporary && path != null) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException e) {
        // The spool folder is deleted as a whole when the source closes.
      }
    }
  }

  /** Returns the report's format of a file named {@code name}: its extension, lower case. */
  static String formatOf(String name) {
    int slash = name.lastIndexOf('/');
    String base = slash >= 0 ? name.substring(slash + 1) : name;
    int dot = base.lastIndexOf('.');
    if (dot <= 0 || dot == base.length() - 1 || base.length() - dot > 10) {
      return "(none)";
    }
    return base.substring(dot + 1).toLowerCase(Locale.ROOT);
  }
}
