package io.newsflow.extract;

import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Extractor;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.api.PipelineVersion;
import io.newsflow.api.SourceFile;
import io.newsflow.extract.html.Article;
import io.newsflow.extract.html.ArticleExtractor;
import io.newsflow.extract.internal.DocumentMetadata;
import io.newsflow.extract.internal.HashingInputStream;
import io.newsflow.extract.internal.TextFallbackDetector;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.TikaMemoryLimitException;
import org.apache.tika.exception.UnsupportedFormatException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.io.TemporaryResources;
import org.apache.tika.io.TikaInputStream;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.BodyContentHandler;
import org.apache.tika.sax.SecureContentHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * Extracts text and metadata from a file with Apache Tika, detecting its type by content, and
 * computes the file's SHA-256 in the same single read. Thread-safe: one instance serves all ingest
 * threads.
 *
 * <p>A file that cannot be extracted is an {@link Outcome.Rejected}, never an exception: too large,
 * unreadable, empty, encrypted, unsupported, over a safety limit, or corrupt. A corrupt file from
 * which some text was recovered is a success carrying that text and a
 * {@value #WARNING_KEY} metadata entry. Text beyond
 * {@link ExtractionConfig#maxTextChars()} is cut off and the document marked truncated.
 *
 * <p>For HTML the text is the main article found by {@link ArticleExtractor}, without navigation,
 * comments and related links, and the page's own metadata (publication date, canonical URL, site,
 * section, lead image, links) goes into {@link ExtractedDocument#web()}.
 *
 * <p>Each file is parsed on a thread of the extractor's own, for at most
 * {@link ExtractionConfig#timeout()}; a file that takes longer is rejected as
 * {@link FailureReason#TIMEOUT} and its parse thread interrupted. A parser that ignores the
 * interrupt keeps running on its (daemon) thread until it ends: this bounds the caller's wait, not
 * the CPU a hostile file can burn; that needs parsing in another process. {@link #close()} stops
 * the parse threads.
 */
public final class TikaExtractor implements Extractor {

  /** Metadata key of the warning on a document whose text was recovered from a damaged file. */
  public static final String WARNING_KEY = "newsflow:warning";

  /**
   * Metadata key telling, for HTML, whether {@code text} is the main article ({@code article}) or,
   * when no article was found, the whole page ({@code page}).
   */
  public static final String TEXT_SOURCE_KEY = "newsflow:text-source";

  private static final Logger LOG = LoggerFactory.getLogger(TikaExtractor.class);

  // Zip bombs (compression ratio, nesting depth) surface as TikaException("Zip bomb detected!")
  // caused by this exception, a private class of SecureContentHandler.
  private static final String ZIP_BOMB = SecureContentHandler.class.getName() + "$SecureSAXException";

  private final ExtractionConfig config;
  private final Clock clock;
  private final Parser parser;
  private final ExecutorService parsing;
  private final ArticleExtractor articles = new ArticleExtractor();

  /** Creates an extractor stamping {@code extractedAt} from the UTC system clock. */
  public TikaExtractor(ExtractionConfig config) {
    this(config, Clock.systemUTC());
  }

  /** Creates an extractor stamping {@code extractedAt} from {@code clock}. */
  public TikaExtractor(ExtractionConfig config, Clock clock) {
    this(config, clock, defaultParser());
  }

  /** Creates an extractor reading files with {@code parser}; tests use it to simulate hostile parses. */
  TikaExtractor(ExtractionConfig config, Clock clock, Parser parser) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.parser = Objects.requireNonNull(parser, "parser");
    AtomicInteger threads = new AtomicInteger();
    this.parsing = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "newsflow-parse-" + threads.incrementAndGet());
      t.setDaemon(true); // an abandoned runaway parse must not keep the JVM alive
      return t;
    });
  }

  private static Parser defaultParser() {
    TikaConfig tika = TikaConfig.getDefaultConfig();
    AutoDetectParser parser = new AutoDetectParser(tika);
    parser.setDetector(new TextFallbackDetector(
        tika.getDetector(), tika.getMimeRepository(), tika.getMediaTypeRegistry()));
    return parser;
  }

  /** Stops the parse threads, interrupting any that still run. */
  @Override
  public void close() {
    parsing.shutdownNow();
  }

  @Override
  public Outcome<ExtractedDocument> extract(SourceFile file) {
    Future<Outcome<ExtractedDocument>> parse = parsing.submit(() -> readSafely(file));
    try {
      return parse.get(config.timeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Interrupting stops parsers that check for it; one that does not keeps its thread busy
      // until it ends. Killing it needs a parse in another process (see the README's known limits).
      parse.cancel(true);
      LOG.warn("Extracting {} (id {}) took longer than {} = {}; rejected as timed out", file.uri(), file.id(),
          ExtractionConfig.TIMEOUT, config.timeout());
      return new Outcome.Rejected<>(FailureReason.TIMEOUT, "parsing took longer than " + ExtractionConfig.TIMEOUT
          + " = " + config.timeout(), TimeoutException.class.getName());
    } catch (InterruptedException e) {
      parse.cancel(true);
      Thread.currentThread().interrupt();
      return new Outcome.Retryable<>("interrupted while extracting " + file.uri(), e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof OutOfMemoryError) {
        // The parse thread's allocations are garbage now; the heap recovers. A file that exhausts
        // memory is a limit case, not a bug (the formats corpus has fuzzed files that do this).
        LOG.warn("Extracting {} (id {}) ran out of memory; rejected as over a limit", file.uri(), file.id());
        return new Outcome.Rejected<>(FailureReason.LIMIT_EXCEEDED, "parsing ran out of memory: " + cause.getMessage(),
            cause.getClass().getName());
      }
      LOG.warn("Unexpected error extracting {} (id {}); the file is rejected as internal, report this"
          + " as a newsflow bug", file.uri(), file.id(), cause);
      return new Outcome.Rejected<>(FailureReason.INTERNAL, "unexpected " + cause, cause.getClass().getName());
    } catch (RejectedExecutionException e) {
      throw new IllegalStateException("extractor is closed", e);
    }
  }

  private Outcome<ExtractedDocument> readSafely(SourceFile file) {
    try {
      return read(file);
    } catch (RuntimeException e) {
      LOG.warn("Unexpected error extracting {} (id {}); the file is rejected as internal, report this"
          + " as a newsflow bug", file.uri(), file.id(), e);
      return new Outcome.Rejected<>(FailureReason.INTERNAL, "unexpected " + e, e.getClass().getName());
    }
  }

  private Outcome<ExtractedDocument> read(SourceFile file) {
    long size;
    try {
      size = Files.size(file.path());
    } catch (IOException e) {
      return reject(FailureReason.UNREADABLE, e);
    }
    if (size > config.maxFileSizeBytes()) {
      return Outcome.rejected(FailureReason.TOO_LARGE, size + " bytes is more than "
          + ExtractionConfig.MAX_FILE_SIZE + " = " + config.maxFileSizeBytes());
    }
    if (size == 0) {
      return Outcome.rejected(FailureReason.EMPTY, "the file is empty (0 bytes)");
    }

    Parse parse;
    try {
      parse = parse(file);
    } catch (IOException e) {
      // CompositeParser turns a parser's own IOExceptions into TikaExceptions (TIKA-198), so an
      // IOException arriving here came from reading the file itself.
      return reject(FailureReason.UNREADABLE, e);
    }

    Metadata metadata = parse.metadata();
    String text = parse.text();
    Exception parseError = parse.error();
    if (parseError != null) {
      FailureReason reason = classify(parseError);
      if (reason != FailureReason.CORRUPT || text.isEmpty()) {
        return reject(reason, parseError);
      }
      LOG.debug("Recovered {} characters from {} (id {}) despite: {}", text.length(), file.uri(), file.id(),
          describe(parseError));
    }
    String contentType = DocumentMetadata.contentType(metadata);
    if (text.isEmpty()) {
      return isUnsupported(metadata)
          ? Outcome.rejected(FailureReason.UNSUPPORTED, "no parser for " + contentType)
          : Outcome.rejected(FailureReason.EMPTY, "no text in this " + contentType + " file");
    }

    Map<String, String> extras = DocumentMetadata.extras(metadata);
    if (parseError != null) {
      extras.put(WARNING_KEY, "text recovered from a damaged file: " + describe(parseError));
    }
    String title = DocumentMetadata.title(metadata, contentType, text);
    String author = DocumentMetadata.author(metadata);
    Instant modified = DocumentMetadata.instant(metadata, TikaCoreProperties.MODIFIED);
    boolean truncated = parse.truncated();
    ExtractedDocument.Web web = null;
    Article article = isHtml(contentType) ? article(file, extras.get("charset")) : null;
    if (article != null) {
      web = new ExtractedDocument.Web(article.published(), article.canonicalUrl(), article.siteName(),
          article.section(), article.topImage(), article.links());
      title = article.title() != null ? article.title() : title;
      author = author != null ? author : article.byline();
      modified = modified != null ? modified : article.modified();
      if (!article.text().isEmpty()) {
        // The article, not the page: navigation, comments and related links are not indexed.
        truncated = article.text().length() > config.maxTextChars();
        text = truncated ? article.text().substring(0, config.maxTextChars()) : article.text();
        extras.put(TEXT_SOURCE_KEY, "article");
      } else {
        extras.put(TEXT_SOURCE_KEY, "page");
      }
    }
    ExtractedDocument document = new ExtractedDocument(
        ExtractedDocument.SCHEMA_VERSION,
        PipelineVersion.CURRENT,
        file.id(),
        file.modified().toEpochMilli(),
        new ExtractedDocument.Source(file.uri().toString(), parse.size(), parse.sha256(), file.modified()),
        title,
        author,
        contentType,
        DocumentMetadata.language(metadata),
        DocumentMetadata.instant(metadata, TikaCoreProperties.CREATED),
        modified,
        text,
        truncated,
        extras,
        file.seenAt(),
        clock.instant(),
        file.jobId(),
        web);
    return Outcome.success(document);
  }

  /**
   * Parses {@code file} in one read that also hashes it. A parse error is returned, not thrown,
   * with whatever text came before it.
   *
   * @throws IOException if the file itself could not be read
   */
  private Parse parse(SourceFile file) throws IOException {
    Metadata metadata = new Metadata();
    String name = resourceName(file);
    if (name != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, name);
    }
    BodyContentHandler handler = new BodyContentHandler(config.maxTextChars());
    boolean truncated = false;
    Exception error = null;
    try (InputStream raw = Files.newInputStream(file.path());
        TemporaryResources tmp = new TemporaryResources()) {
      HashingInputStream hashing = new HashingInputStream(raw);
      try {
        parser.parse(TikaInputStream.get(hashing, tmp, metadata), handler, metadata, new ParseContext());
      } catch (SAXException | TikaException e) {
        if (WriteLimitReachedException.isWriteLimitReached(e)) {
          truncated = true;
        } else {
          error = e;
        }
      }
      hashing.drain();
      return new Parse(metadata, handler.toString().strip(), truncated, error, hashing.count(), hashing.sha256Hex());
    }
  }

  /** Holds what one parse produced; {@code error} is null if the parser finished. */
  private record Parse(Metadata metadata, String text, boolean truncated, Exception error, long size, String sha256) {}

  private static boolean isHtml(String contentType) {
    return contentType.equals("text/html") || contentType.equals("application/xhtml+xml");
  }

  /**
   * Extracts the main article of an HTML file, decoding it with the charset Tika detected; returns
   * null, leaving Tika's page text in place, if the file cannot be read a second time.
   */
  private Article article(SourceFile file, String charset) {
    byte[] html;
    try {
      html = Files.readAllBytes(file.path());
    } catch (IOException e) {
      LOG.warn("Could not re-read {} (id {}) for article extraction; indexing the whole page text: {}",
          file.uri(), file.id(), e.toString());
      return null;
    }
    String supported = null;
    try {
      supported = charset != null && Charset.isSupported(charset) ? charset : null;
    } catch (IllegalArgumentException e) {
      // an illegal charset name: let the article extractor detect the charset itself
    }
    try {
      return articles.extract(html, supported, file.uri().toString());
    } catch (RuntimeException e) {
      LOG.warn("Article extraction failed on {} (id {}); indexing the whole page text instead", file.uri(), file.id(), e);
      return null;
    }
  }

  /** Returns the file name Tika may use as a type hint: from the URI if it has one, else the path. */
  private static String resourceName(SourceFile file) {
    String uriPath = file.uri().getPath();
    if (uriPath != null && !uriPath.isEmpty() && !uriPath.endsWith("/")) {
      return uriPath.substring(uriPath.lastIndexOf('/') + 1);
    }
    Path name = file.path().getFileName();
    return name == null ? null : name.toString();
  }

  private static FailureReason classify(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EncryptedDocumentException) {
        return FailureReason.ENCRYPTED;
      }
      if (t instanceof UnsupportedFormatException) {
        return FailureReason.UNSUPPORTED;
      }
      if (t instanceof ZeroByteFileException) {
        return FailureReason.EMPTY;
      }
      if (t instanceof TikaMemoryLimitException || t.getClass().getName().equals(ZIP_BOMB)) {
        return FailureReason.LIMIT_EXCEEDED;
      }
    }
    return FailureReason.CORRUPT;
  }

  /** Rejects with the root cause as error class: Tika's wrappers say less than what they wrap. */
  private static Outcome<ExtractedDocument> reject(FailureReason reason, Exception e) {
    return new Outcome.Rejected<>(reason, describe(e), rootCause(e).getClass().getName());
  }

  private static String describe(Exception e) {
    if (e instanceof EncryptedDocumentException) {
      return "encrypted, no password";
    }
    Throwable root = rootCause(e);
    return root == e || Objects.equals(root.getMessage(), e.getMessage())
        ? String.valueOf(e.getMessage())
        : e.getMessage() + ": " + root;
  }

  private static Throwable rootCause(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** Tells whether no real parser read the file: Tika fell back to its EmptyParser. */
  private static boolean isUnsupported(Metadata metadata) {
    String[] parsers = metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY);
    return parsers.length == 0 || parsers[parsers.length - 1].equals(EmptyParser.class.getName());
  }
}
