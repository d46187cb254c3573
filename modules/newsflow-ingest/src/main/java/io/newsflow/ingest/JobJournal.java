package io.newsflow.ingest;

import io.newsflow.api.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
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

  private final FileChannel channel;
  private final OutputStream out;
  private final Thread forcer;
  private volatile boolean dirty;
  private volatile boolean closed;

  JobJournal(Path file) throws IOException {
    this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    this.out = Channels.newOutputStream(channel);
    endLastLine(file);
    // fsync on a thread of its own: on a busy disk one can take hundreds of ms, which the import
    // must not wait for.
    this.forcer = new Thread(this::forceEverySecond, "newsflow-journal-sync");
    forcer.setDaemon(true);
    forcer.start();
  }

  /**
   * Ends a line that a killed run left half-written, so the next entry starts a line of its own instead of being glued to
   * it and lost with it when the journal is read.
   */
  private void endLastLine(Path file) throws IOException {
    long size = channel.size();
    if (size == 0) {
      return;
    }
    java.nio.ByteBuffer last = java.nio.ByteBuffer.allocate(1);
    try (FileChannel reader = FileChannel.open(file, StandardOpenOption.READ)) {
      reader.read(last, size - 1);
    }
    if (last.get(0) != '\n') {
      out.write('\n');
    }
  }

  private void forceEverySecond() {
    while (!closed) {
      try {
        Thread.sleep(TimeUnit.SECONDS.toMillis(1));
        if (dirty) {
          dirty = false;
          channel.force(false);
        }
      } catch (InterruptedException | IOException e) {
        return; // closed meanwhile: close() forced what was left
      }
    }
  }

  /** Appends one entry (one write of one whole line). */
  public void append(JournalEntry entry) {
    append(List.of(entry));
  }

  /**
   * Appends entries in one write of whole lines: an import settles the unchanged items of a lookup batch together, and
   * one write per line cost more than the rest of their handling (each write waits while the once-a-second fsync runs).
   */
  public synchronized void append(List<JournalEntry> entries) {
    if (entries.isEmpty()) {
      return;
    }
    java.io.ByteArrayOutputStream lines = new java.io.ByteArrayOutputStream(entries.size() * 256);
    for (JournalEntry entry : entries) {
      lines.writeBytes(Json.encode(entry));
      lines.write('\n');
    }
    try {
      lines.writeTo(out);
      dirty = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the job journal: " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized void close() throws IOException {
    // No interrupt: an interrupted FileChannel.force closes the channel under us. The thread sees
    // the flag within a second, or finds the channel closed, and ends.
    closed = true;
    channel.force(false);
    channel.close();
  }
}
