package io.newsflow.extract.internal;

import io.newsflow.extract.ExtractionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the Tika configuration file that both the in-process parser and Tika's pipes workers load,
 * so a file is read the same way wherever it is parsed: newsflow's text-first detector, the safety
 * limits of {@link ExtractionConfig}, the external references kept as metadata ({@link ExternalRefs}),
 * the parser options ({@link ParserSetup}), and (for the workers)
 * the file-system fetcher, pool size, heap cap and timeout.
 */
public final class TikaSetup {

  private static final Logger LOG = LoggerFactory.getLogger(TikaSetup.class);

  /** Name of the fetcher the workers read files with. */
  public static final String FETCHER = "fs";

  // Tika's SecureContentHandler default: more than 100 output characters per input byte is a bomb.
  private static final long MAX_COMPRESSION_RATIO = 100;
  // Tika's default maximum XHTML element nesting (SecureContentHandler.maximumDepth).
  private static final int MAX_XML_DEPTH = 100;
  /**
   * System property naming the worker JVMs' class-data archive (AppCDS), which the {@code ./newsflow} launcher
   * sets and creates (see its comments): when the file exists, each worker maps the ~6,000 classes it loads from
   * it instead of reading, parsing and verifying them from the jars. A worker that cannot use it (another JVM,
   * another class path) runs without it.
   */
  public static final String WORKER_CDS_PROPERTY = "newsflow.worker-cds";

  // A worker restarts after this many files, so slow leaks in parsers (native image readers, caches)
  // cannot grow without bound. Tika's own default is 10,000.
  private static final int FILES_PER_WORKER = 2_000;

  private TikaSetup() {}

  /**
   * Writes the configuration for {@code config} into a new temporary file and returns its path; the
   * caller deletes it when done.
   *
   * @throws IOException if the temporary file cannot be written
   */
  public static Path write(ExtractionConfig config) throws IOException {
    return write(config, 0);
  }

  /**
   * Writes the configuration for {@code config} into a new temporary file and returns its path; the
   * caller deletes it and its {@link #workerLauncher} when done. With a {@code workerNice} above 0 the
   * workers start through a launcher script written next to it, at that lower CPU priority (see
   * {@link #launcherScript}); where the temporary folder does not let programs run (mounted
   * {@code noexec}), they start at this process's priority instead and a warning says so.
   *
   * @param workerNice 0 (the workers' priority is this process's) to 19 (the lowest)
   * @throws IOException if a temporary file cannot be written
   */
  public static Path write(ExtractionConfig config, int workerNice) throws IOException {
    return write(config, workerNice, Path.of(System.getProperty("java.io.tmpdir")), Files::isExecutable);
  }

  /**
   * Writes as {@link #write(ExtractionConfig, int)} does, into {@code dir}; {@code runnable} tells
   * whether the written launcher can be started (tests stand in for a {@code noexec} mount with it).
   */
  static Path write(ExtractionConfig config, int workerNice, Path dir, Predicate<Path> runnable) throws IOException {
    if (workerNice < 0 || workerNice > 19) {
      throw new IllegalArgumentException("workerNice must be 0 to 19, got " + workerNice);
    }
    Path file = Files.createTempFile(dir, "newsflow-tika-", ".xml");
    // A process stopped with SIGTERM (newsflow down) may not close its extractor: gone at JVM exit anyway.
    file.toFile().deleteOnExit();
    String javaPath = null;
    if (workerNice > 0 && !System.getProperty("os.name", "").startsWith("Windows")) {
      Path launcher = workerLauncher(file);
      launcher.toFile().deleteOnExit();
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      Files.writeString(launcher, launcherScript(java, workerNice), StandardCharsets.UTF_8);
      if (!launcher.toFile().setExecutable(true, true)) {
        throw new IOException("cannot make " + launcher + " executable");
      }
      // On a noexec mount the execute bit is set but exec fails (EACCES), and so would every worker start,
      // rejecting every file; access(2) with X_OK fails there too (Linux's path_noexec), so ask before.
      if (runnable.test(launcher)) {
        javaPath = launcher.toString();
      } else {
        Files.deleteIfExists(launcher);
        LOG.warn("The parse workers start at normal CPU priority, not at nice {} (extract.batch-nice): {} does not let"
            + " programs run (mounted noexec?). Point java.io.tmpdir to a folder that does, or set"
            + " extract.batch-nice=0 to keep the normal priority without this warning", workerNice, dir);
      }
    }
    Files.writeString(file, xml(config, file, javaPath), StandardCharsets.UTF_8);
    return file;
  }

  /** Returns where {@link #write} puts the workers' launcher script for the configuration {@code tikaConfig}. */
  public static Path workerLauncher(Path tikaConfig) {
    return tikaConfig.resolveSibling(tikaConfig.getFileName() + ".worker.sh");
  }

  /**
   * Returns a POSIX shell script that starts {@code java} with its arguments at CPU priority
   * {@code nice}. Linux's autogroup scheduler first shares the CPU between sessions (a terminal, a
   * service) and only then between the processes of one session by their nice values; so the worker
   * gets a session of its own ({@code setsid}, which does not fork here: a child of the JVM leads no
   * process group, so the worker keeps the process id Tika watches) and gives it the nice value
   * ({@code /proc/self/autogroup}, retried: an unprivileged process may change it ten times a
   * second). Where there is no autogroup, the plain {@code nice} does the same.
   */
  static String launcherScript(String java, int nice) {
    String quoted = "'" + java.replace("'", "'\\''") + "'";
    return """
        #!/bin/sh
        # Starts a newsflow parse worker of the batch lane at CPU priority %1$d (extract.batch-nice), so that
        # live uploads, Kafka and Elasticsearch go first on a shared host. Written by newsflow; deleted with its
        # Tika configuration.
        if command -v setsid >/dev/null 2>&1; then
          exec setsid sh -c 'for i in 1 2 3 4 5; do echo %1$d 2>/dev/null >/proc/self/autogroup && break; [ -e /proc/self/autogroup ] || break; sleep 0.1; done; exec nice -n %1$d "$0" "$@"' %2$s "$@"
        fi
        exec nice -n %1$d %2$s "$@"
        """.formatted(nice, quoted);
  }

  static String xml(ExtractionConfig config, Path self) {
    return xml(config, self, null);
  }

  static String xml(ExtractionConfig config, Path self, String javaPath) {
    long heapMb = Math.max(64, config.workerHeapBytes() / (1024 * 1024));
    // The parse watchdog of a worker; the client side waits a little longer so that a timeout is
    // reported as one rather than as a lost connection.
    long timeoutMs = config.timeout().toMillis();
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <properties>
          <autoDetectParserConfig>
            <outputThreshold>%d</outputThreshold>
            <maximumCompressionRatio>%d</maximumCompressionRatio>
            <maximumDepth>%d</maximumDepth>
            <maximumPackageEntryDepth>%d</maximumPackageEntryDepth>
            <!-- No digester: it spools every embedded stream to disk, a decompression bomb included. -->
            <contentHandlerDecoratorFactory class="%s"/>
          </autoDetectParserConfig>
        %s
          <detectors>
            <detector class="%s"/>
          </detectors>
          <fetchers>
            <fetcher class="org.apache.tika.pipes.fetcher.fs.FileSystemFetcher">
              <name>%s</name>
              <basePath>/</basePath>
            </fetcher>
          </fetchers>
          <pipes>
            <params>
              <numClients>%d</numClients>
              <timeoutMillis>%d</timeoutMillis>
              <maxFilesProcessedPerProcess>%d</maxFilesProcessedPerProcess>
              <maxForEmitBatchBytes>-1</maxForEmitBatchBytes>
              <tikaConfig>%s</tikaConfig>%s
              <forkedJvmArgs>
                <arg>-Xmx%dm</arg>
                <arg>-XX:+UseSerialGC</arg>
                <arg>-XX:TieredStopAtLevel=1</arg>
                <arg>-Xss2m</arg>
                <arg>-Djava.awt.headless=true</arg>
                <!-- The worker's stdout is Tika's channel to it: the JVM's own warnings go to stderr (logged). -->
                <arg>-Xlog:disable</arg>
                <arg>-Xlog:all=warning,cds*=off:stderr</arg>%s
              </forkedJvmArgs>
            </params>
          </pipes>
        </properties>
        """.formatted(
        // Tika only applies the ratio once this many characters were written (its default 1,000,000).
        1_000_000L, MAX_COMPRESSION_RATIO, MAX_XML_DEPTH, config.maxEmbeddedDepth(), ExternalRefs.class.getName(),
        ParserSetup.xml(config).strip(), TextFallbackDetector.class.getName(), FETCHER, config.workers(), timeoutMs,
        FILES_PER_WORKER,
        escape(self.toAbsolutePath().toString()),
        javaPath == null ? "" : "\n      <javaPath>" + escape(javaPath) + "</javaPath>", heapMb,
        classDataArgs(System.getProperty(WORKER_CDS_PROPERTY)));
  }

  /** Returns the workers' arguments that map the class-data archive {@code archive}, or "" if there is none. */
  static String classDataArgs(String archive) {
    if (archive == null || archive.isBlank() || !Files.isReadable(Path.of(archive))) {
      return "";
    }
    return "\n                <arg>-XX:SharedArchiveFile=" + escape(archive) + "</arg>\n                <arg>-Xshare:auto</arg>";
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
