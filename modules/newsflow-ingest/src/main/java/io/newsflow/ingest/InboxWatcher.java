package io.newsflow.ingest;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches an inbox folder (and its subfolders) and hands each new or changed file to a consumer once
 * it has stopped changing, so a file still being written is never read half-way. On start it rescans
 * the folder, so files dropped while newsflow was down are picked up too.
 *
 * <p>Runs on one thread ({@link #run()}); {@link #close()} may be called from any thread.
 */
public final class InboxWatcher implements Runnable, AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(InboxWatcher.class);

  private final Path inbox;
  private final Duration settle;
  private final Consumer<Path> onFile;
  private final WatchService watcher;
  /** Files seen changing, with the size and mtime last seen and when they last changed. */
  private final Map<Path, Candidate> candidates = new HashMap<>();
  private volatile boolean closed;

  private record Candidate(long size, long modified, long changedAtNanos) {}

  /**
   * @param settle how long a file's size and modification time must stay the same before it is read
   * @param onFile receives each settled file; must not throw
   */
  public InboxWatcher(Path inbox, Duration settle, Consumer<Path> onFile) throws IOException {
    this.inbox = inbox.toAbsolutePath().normalize();
    this.settle = settle;
    this.onFile = onFile;
    Files.createDirectories(this.inbox);
    this.watcher = FileSystems.getDefault().newWatchService();
  }

  @Override
  public void run() {
    try {
      register(inbox);
      rescan(inbox);
      while (!closed) {
        WatchKey key = watcher.poll(Math.max(50, settle.toMillis() / 4), TimeUnit.MILLISECONDS);
        if (key != null) {
          Path dir = (Path) key.watchable();
          for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
              rescan(inbox); // events were lost: look at everything again
              continue;
            }
            Path child = dir.resolve((Path) event.context());
            if (Files.isDirectory(child)) {
              register(child);
              rescan(child);
            } else {
              observe(child);
            }
          }
          key.reset();
        }
        handSettled();
      }
    } catch (ClosedWatchServiceException e) {
      // closed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      LOG.error("inbox watcher on {} stopped: {}", inbox, e.getMessage(), e);
    }
  }

  private void register(Path dir) throws IOException {
    try (Stream<Path> dirs = Files.walk(dir)) {
      for (Path d : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
        if (!FileWalker.isIgnored(inbox.relativize(d))) {
          d.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
        }
      }
    }
  }

  private void rescan(Path dir) {
    try (Stream<Path> files = FileWalker.files(List.of(dir))) {
      files.forEach(this::observe);
    } catch (RuntimeException e) {
      LOG.warn("cannot rescan {}: {}", dir, e.getMessage());
    }
  }

  private void observe(Path file) {
    if (FileWalker.isIgnored(inbox.relativize(file))) {
      return;
    }
    try {
      BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
      if (!attrs.isRegularFile()) {
        return;
      }
      Candidate before = candidates.get(file);
      long modified = attrs.lastModifiedTime().toMillis();
      if (before == null || before.size() != attrs.size() || before.modified() != modified) {
        candidates.put(file, new Candidate(attrs.size(), modified, System.nanoTime()));
      }
    } catch (IOException e) {
      candidates.remove(file); // deleted again before we looked
    }
  }

  private void handSettled() {
    long now = System.nanoTime();
    Iterator<Map.Entry<Path, Candidate>> it = candidates.entrySet().iterator();
    while (it.hasNext()) {
      Map.Entry<Path, Candidate> entry = it.next();
      if (now - entry.getValue().changedAtNanos() < settle.toNanos()) {
        continue;
      }
      Path file = entry.getKey();
      try {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        if (attrs.size() != entry.getValue().size() || attrs.lastModifiedTime().toMillis() != entry.getValue().modified()) {
          entry.setValue(new Candidate(attrs.size(), attrs.lastModifiedTime().toMillis(), now)); // still being written
          continue;
        }
      } catch (IOException e) {
        it.remove();
        continue;
      }
      it.remove();
      onFile.accept(file);
    }
  }

  @Override
  public void close() {
    closed = true;
    try {
      watcher.close();
    } catch (IOException e) {
      LOG.debug("closing the watch service failed", e);
    }
  }
}
