package io.newsflow.ingest;

import io.newsflow.api.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Appends {@link JournalEntry} lines to a job's journal. Each line reaches the operating system as
 * soon as it is appended, so it survives {@code kill -9} of this process; it is forced to disk at
 * most every second and on close, so a power cut loses at most the last second, whose items a
 * resume then does again (same document ids: an overwrite, not a duplicate).
 *
 * <p>Thread-safe.
 */
public final class JobJournal implements AutoCloseable {

  private static final long FORCE_EVERY_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final FileChannel channel;
  private final OutputStream out;
  private long lastForce = System.nanoTime();

  JobJournal(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    this.out = Channels.newOutputStream(channel);
  }

  /** Appends one entry (one write of one whole line). */
  public synchronized void append(JournalEntry entry) {
    byte[] json = Json.encode(entry);
    byte[] line = new byte[json.length + 1];
    System.arraycopy(json, 0, line, 0, json.length);
    line[json.length] = '\n';
    try {
      out.write(line);
      if (System.nanoTime() - lastForce > FORCE_EVERY_NANOS) {
        channel.force(false);
        lastForce = System.nanoTime();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the job journal: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    channel.force(false);
    channel.close();
  }
}
