package io.newsflow.ingest;

import io.newsflow.api.FailureReason;
import java.io.BufferedInputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcReader;
import org.netpreserve.jwarc.WarcRecord;
import org.netpreserve.jwarc.WarcResponse;

/**
 * Hands out the items of an import one at a time, lazily: files below directories (depth-first),
 * entries of ZIP and TAR archives, responses in WARC files, and the paths a list file names. Nothing
 * is listed ahead, so memory does not grow with the number of items (a ZIP's central directory is the
 * one exception: it is read when the archive is reached).
 *
 * <p>Archives are recognised by name: {@code .zip}; {@code .tar}, {@code .tar.gz}, {@code .tgz},
 * {@code .tar.bz2}, {@code .tar.xz}; {@code .warc}, {@code .warc.gz}. Archives inside archives, and
 * formats that are ZIPs underneath (DOCX, EPUB), are items of their own, read by the extractor.
 *
 * <p>An item that cannot be read (an unreadable file, a corrupt archive, an entry larger than the
 * limit) is handed out as a failed item, so the import accounts for it; nothing stops the walk but a
 * path given on the command line that does not exist.
 *
 * <p>Not thread-safe: one thread iterates. Close it to close open archives and delete spooled copies.
 */
public final class ItemSource implements Iterator<SourceItem>, AutoCloseable {

  private final long maxItemBytes;
  private final Path spool;
  private final boolean count;
  private final Deque<Level> stack = new ArrayDeque<>();
  private final AtomicLong spooled = new AtomicLong();
  private SourceItem next;

  /** One level of the walk: yields items, or paths to expand further. */
  private interface Level extends AutoCloseable {
    /** Returns the next SourceItem or Path, or null when done. */
    Object next() throws IOException;

    @Override
    void close() throws IOException;

    /** Names what this level reads, for the failed item when it breaks. */
    default URI origin() {
      return URI.create("about:list");
    }
  }

  private ItemSource(Level roots, long maxItemBytes, boolean count) throws IOException {
    this.maxItemBytes = maxItemBytes;
    this.count = count;
    this.spool = count ? null : Files.createTempDirectory("newsflow-import-");
    stack.push(roots);
  }

  /**
   * Opens the items at or below {@code paths}, then those below each path {@code listFile} names (one
   * per line; blank lines and lines starting with '#' are skipped; {@code -} reads standard input).
   *
   * @param listFile a file listing paths, or {@code null}
   * @param maxItemBytes archive entries larger than this become failed items (too-large) instead of
   *     being spooled
   * @throws IllegalArgumentException if one of {@code paths} or the list file does not exist
   */
  public static ItemSource open(List<Path> paths, Path listFile, long maxItemBytes) throws IOException {
    return new ItemSource(roots(paths, listFile), maxItemBytes, false);
  }

  /**
   * Counts the items {@link #open} would hand out, without spooling anything (archives are read
   * through, entries skipped). For a progress bar's total, on its own thread.
   */
  public static long count(List<Path> paths, Path listFile) throws IOException {
    long n = 0;
    try (ItemSource items = new ItemSource(roots(paths, listFile), Long.MAX_VALUE, true)) {
      while (items.hasNext()) {
        items.next();
        n++;
      }
    }
    return n;
  }

  private static Level roots(List<Path> paths, Path listFile) {
    for (Path p : paths) {
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("no such file or directory: " + p);
      }
    }
    if (listFile != null && !listFile.toString().equals("-") && !Files.isRegularFile(listFile)) {
      throw new IllegalArgumentException("no such list file: " + listFile);
    }
    Iterator<Path> given = paths.iterator();
    return new Level() {
      BufferedReader list;

      @Override
      public Object next() throws IOException {
        if (given.hasNext()) {
          return given.next();
        }
        if (listFile == null) {
          return null;
        }
        if (list == null) {
          list = listFile.toString().equals("-")
              ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
              : Files.newBufferedReader(listFile, StandardCharsets.UTF_8);
        }
        String line;
        while ((line = list.readLine()) != null) {
          line = line.strip();
          if (!line.isEmpty() && !line.startsWith("#")) {
            return Path.of(line);
          }
        }
        return null;
      }

      @Override
      public void close() throws IOException {
        if (list != null && !listFile.toString().equals("-")) {
          list.close();
        }
      }
    };
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = advance();
    }
    return next != null;
  }

  @Override
  public SourceItem next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    SourceItem item = next;
    next = null;
    return item;
  }

  private SourceItem advance() {
    while (!stack.isEmpty()) {
      Level level = stack.peek();
      Object o;
      try {
        o = level.next();
      } catch (IOException | UncheckedIOException | IllegalStateException e) {
        // A level that breaks half-way (a truncated archive, a folder that vanished) ends; the
        // rest of the import goes on, and the break is an item of its own so the report shows it.
        pop();
        URI origin = level.origin();
        return SourceItem.failed(origin, origin.toString(), FailureReason.CORRUPT, "reading stopped half-way: " + e.getMessage());
      }
      if (o == null) {
        pop();
      } else if (o instanceof SourceItem item) {
        return item;
      } else {
        SourceItem item = expand((Path) o);
        if (item != null) {
          return item;
        }
      }
    }
    return null;
  }

  private void pop() {
    try {
      stack.pop().close();
    } catch (IOException e) {
      // Read-only resources: nothing was lost.
    }
  }

  /** Pushes a directory or an archive as a new level, or returns a plain file's item. */
  private SourceItem expand(Path given) {
    Path path = given.toAbsolutePath().normalize();
    BasicFileAttributes attrs;
    try {
      attrs = Files.readAttributes(path, BasicFileAttributes.class);
    } catch (IOException e) {
      return SourceItem.failed(path.toUri(), path.toString(), FailureReason.UNREADABLE, "cannot read " + path + ": " + e);
    }
    try {
      if (attrs.isDirectory()) {
        stack.push(directory(path));
        return null;
      }
      if (!attrs.isRegularFile()) {
        return null; // sockets, devices: not documents
      }
      String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".zip")) {
        stack.push(zip(path, attrs));
        return null;
      }
      if (name.endsWith(".tar") || name.endsWith(".tar.gz") || name.endsWith(".tgz") || name.endsWith(".tar.bz2")
          || name.endsWith(".tbz2") || name.endsWith(".tar.xz")) {
        stack.push(tar(path, attrs));
        return null;
      }
      if (name.endsWith(".warc") || name.endsWith(".warc.gz")) {
        stack.push(warc(path));
        return null;
      }
      return SourceItem.file(path, attrs.size(), attrs.lastModifiedTime().toInstant());
    } catch (IOException | RuntimeException e) {
      return SourceItem.failed(path.toUri(), path.toString(), FailureReason.CORRUPT, "cannot open " + path + ": " + e.getMessage());
    }
  }

  private static Level directory(Path root) throws IOException {
    Stream<Path> walk = Files.walk(root);
    Iterator<Path> it = walk.iterator();
    return new Level() {
      @Override
      public Object next() {
        while (it.hasNext()) {
          Path p = it.next();
          if (!p.equals(root) && !FileWalker.isIgnored(root.relativize(p)) && Files.isRegularFile(p)) {
            return p;
          }
        }
        return null;
      }

      @Override
      public void close() {
        walk.close();
      }

      @Override
      public URI origin() {
        return root.toUri();
      }
    };
  }

  private Level zip(Path archive, BasicFileAttributes attrs) throws IOException {
    ZipFile zip = ZipFile.builder().setPath(archive).get();
    Enumeration<ZipArchiveEntry> entries = zip.getEntriesInPhysicalOrder();
    URI base = archive.toUri();
    return new Level() {
      @Override
      public Object next() throws IOException {
        while (entries.hasMoreElements()) {
          ZipArchiveEntry entry = entries.nextElement();
          if (entry.isDirectory() || ignoredEntry(entry.getName())) {
            continue;
          }
          URI uri = entryUri("jar", base, entry.getName());
          Instant modified = entry.getTime() > 0 ? Instant.ofEpochMilli(entry.getTime()) : attrs.lastModifiedTime().toInstant();
          if (!zip.canReadEntryData(entry)) {
            return SourceItem.failed(uri, entry.getName(), FailureReason.UNSUPPORTED,
                "the ZIP entry is encrypted or uses a compression method that cannot be read");
          }
          try (InputStream in = zip.getInputStream(entry)) {
            return spool(uri, entry.getName(), entry.getSize(), modified, in);
          }
        }
        return null;
      }

      @Override
      public void close() throws IOException {
        zip.close();
      }

      @Override
      public URI origin() {
        return archive.toUri();
      }
    };
  }

  private Level tar(Path archive, BasicFileAttributes attrs) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 64 * 1024);
    InputStream in;
    try {
      in = archive.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".tar")
          ? raw : new CompressorStreamFactory().createCompressorInputStream(raw);
    } catch (CompressorException e) {
      raw.close();
      throw new IOException("not a compressed TAR archive: " + e.getMessage(), e);
    }
    TarArchiveInputStream tar = new TarArchiveInputStream(in);
    URI base = archive.toUri();
    return new Level() {
      @Override
      public Object next() throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
          if (!entry.isFile() || ignoredEntry(entry.getName())) {
            continue;
          }
          URI uri = entryUri("tar", base, entry.getName());
          Instant modified = entry.getModTime() != null && entry.getModTime().getTime() > 0
              ? entry.getModTime().toInstant() : attrs.lastModifiedTime().toInstant();
          return spool(uri, entry.getName(), entry.getSize(), modified, tar);
        }
        return null;
      }

      @Override
      public void close() throws IOException {
        tar.close();
      }

      @Override
      public URI origin() {
        return archive.toUri();
      }
    };
  }

  private Level warc(Path archive) throws IOException {
    WarcReader reader = new WarcReader(archive);
    reader.setLenient(true);
    Iterator<WarcRecord> records = reader.iterator();
    return new Level() {
      @Override
      public Object next() throws IOException {
        while (records.hasNext()) {
          WarcRecord record = records.next();
          if (!(record instanceof WarcResponse response)) {
            continue; // requests, metadata, revisits: not documents of their own
          }
          URI uri;
          try {
            uri = new URI(response.target());
          } catch (URISyntaxException e) {
            return SourceItem.failed(archive.toUri(), response.target(), FailureReason.CORRUPT,
                "WARC record " + response.id() + " has an invalid target URI: " + response.target());
          }
          HttpResponse http;
          try {
            http = response.http();
          } catch (IOException | RuntimeException e) {
            return SourceItem.failed(uri, uri.getPath() == null ? "" : uri.getPath(), FailureReason.CORRUPT,
                "WARC record " + response.id() + " holds no readable HTTP response: " + e.getMessage());
          }
          if (http.status() < 200 || http.status() > 299) {
            continue; // redirects and errors archived along the way carry no document
          }
          String name = nameFor(uri, http.contentType());
          return spool(uri, name, -1, response.date(), http.bodyDecoded().stream());
        }
        return null;
      }

      @Override
      public void close() throws IOException {
        reader.close();
      }

      @Override
      public URI origin() {
        return archive.toUri();
      }
    };
  }

  /** Names a web resource for its format: the URL's last path segment, or one made from its media type. */
  static String nameFor(URI uri, MediaType type) {
    String path = uri.getPath() == null ? "" : uri.getPath();
    String last = path.substring(path.lastIndexOf('/') + 1);
    if (!SourceItem.formatOf(last).equals("(none)")) {
      return last;
    }
    String sub = type == null ? "" : type.subtype().toLowerCase(Locale.ROOT);
    String ext = switch (sub) {
      case "html", "xhtml+xml" -> "html";
      case "pdf" -> "pdf";
      case "plain" -> "txt";
      case "xml", "rss+xml", "atom+xml" -> "xml";
      case "json" -> "json";
      case "vnd.openxmlformats-officedocument.wordprocessingml.document" -> "docx";
      default -> "bin";
    };
    return (last.isEmpty() ? "index" : last) + "." + ext;
  }

  private static boolean ignoredEntry(String name) {
    if (name.startsWith("__MACOSX/")) {
      return true;
    }
    for (String part : name.split("/")) {
      if (!part.isEmpty() && FileWalker.isIgnored(Path.of(part))) {
        return true;
      }
    }
    return false;
  }

  private static URI entryUri(String scheme, URI archive, String entry) {
    try {
      String path = new URI(null, null, "/" + entry.replaceFirst("^/+", ""), null).getRawPath();
      return URI.create(scheme + ":" + archive + "!" + path);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("cannot name entry " + entry, e);
    }
  }

  /** Copies an entry to the spool folder, up to the size limit, and returns its item. */
  private SourceItem spool(URI uri, String name, long declaredSize, Instant modified, InputStream in) throws IOException {
    if (count) {
      return new SourceItem(uri, SourceItem.formatOf(name), declaredSize, modified, null, false, null, null);
    }
    if (declaredSize > maxItemBytes) {
      return new SourceItem(uri, SourceItem.formatOf(name), declaredSize, modified, null, false, FailureReason.TOO_LARGE,
          declaredSize + " bytes is more than the limit of " + maxItemBytes);
    }
    String base = name.substring(name.lastIndexOf('/') + 1);
    if (base.isEmpty() || base.length() > 100) {
      base = "item." + SourceItem.formatOf(name);
    }
    Path copy = spool.resolve(spooled.incrementAndGet() + "-" + base.replaceAll("[^A-Za-z0-9._-]", "_"));
    long written = 0;
    byte[] buffer = new byte[64 * 1024];
    try (OutputStream out = Files.newOutputStream(copy)) {
      int n;
      while ((n = in.read(buffer)) > 0) {
        written += n;
        if (written > maxItemBytes) {
          break;
        }
        out.write(buffer, 0, n);
      }
    }
    if (written > maxItemBytes) {
      Files.deleteIfExists(copy);
      return new SourceItem(uri, SourceItem.formatOf(name), written, modified, null, false, FailureReason.TOO_LARGE,
          "more than the limit of " + maxItemBytes + " bytes");
    }
    return new SourceItem(uri, SourceItem.formatOf(name), written, modified, copy, true, null, null);
  }

  @Override
  public void close() {
    while (!stack.isEmpty()) {
      pop();
    }
    if (spool != null) {
      try (Stream<Path> left = Files.list(spool)) {
        left.forEach(p -> p.toFile().delete());
        Files.deleteIfExists(spool);
      } catch (IOException e) {
        // Only temporary copies: the OS cleans its temp folder.
      }
    }
  }
}
