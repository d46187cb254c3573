package io.newsflow.extract.internal;

import io.newsflow.extract.ExtractionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes the Tika configuration file that both the in-process parser and Tika's pipes workers load,
 * so a file is read the same way wherever it is parsed: newsflow's text-first detector, the safety
 * limits of {@link ExtractionConfig}, the external references kept as metadata ({@link ExternalRefs}),
 * the parser options ({@link ParserSetup}), and (for the workers)
 * the file-system fetcher, pool size, heap cap and timeout.
 */
public final class TikaSetup {

  /** Name of the fetcher the workers read files with. */
  public static final String FETCHER = "fs";

  // Tika's SecureContentHandler default: more than 100 output characters per input byte is a bomb.
  private static final long MAX_COMPRESSION_RATIO = 100;
  // Tika's default maximum XHTML element nesting (SecureContentHandler.maximumDepth).
  private static final int MAX_XML_DEPTH = 100;
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
    Path file = Files.createTempFile("newsflow-tika-", ".xml");
    Files.writeString(file, xml(config, file), StandardCharsets.UTF_8);
    return file;
  }

  static String xml(ExtractionConfig config, Path self) {
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
              <tikaConfig>%s</tikaConfig>
              <forkedJvmArgs>
                <arg>-Xmx%dm</arg>
                <arg>-XX:+UseSerialGC</arg>
                <arg>-XX:TieredStopAtLevel=1</arg>
                <arg>-Xss2m</arg>
                <arg>-Djava.awt.headless=true</arg>
              </forkedJvmArgs>
            </params>
          </pipes>
        </properties>
        """.formatted(
        // Tika only applies the ratio once this many characters were written (its default 1,000,000).
        1_000_000L, MAX_COMPRESSION_RATIO, MAX_XML_DEPTH, config.maxEmbeddedDepth(), ExternalRefs.class.getName(),
        ParserSetup.xml(config).strip(), TextFallbackDetector.class.getName(), FETCHER, config.workers(), timeoutMs,
        FILES_PER_WORKER,
        escape(self.toAbsolutePath().toString()), heapMb);
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
