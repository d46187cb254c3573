package io.newsflow.extract;

import io.newsflow.api.DocumentId;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Extraction;
import io.newsflow.api.Extractor;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.api.PipelineVersion;
import io.newsflow.api.SourceFile;
import io.newsflow.extract.html.Article;
import io.newsflow.extract.html.ArticleExtractor;
import io.newsflow.extract.internal.ArticleParser;
import io.newsflow.extract.internal.DocumentMetadata;
import io.newsflow.extract.internal.ForkedEngine;
import io.newsflow.extract.internal.HashingInputStream;
import io.newsflow.extract.internal.InProcessEngine;
import io.newsflow.extract.internal.ParseEngine;
import io.newsflow.extract.internal.ParserSetup;
import io.newsflow.extract.internal.Passwords;
import io.newsflow.extract.internal.RawParse;
import io.newsflow.extract.internal.TikaSetup;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.apache.tika.config.TikaConfig;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.EmptyParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.parser.PasswordProvider;
import org.apache.tika.pipes.HandlerConfig;
import org.apache.tika.sax.BasicContentHandlerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xml.sax.SAXException;

/**
 * Extracts text and metadata from a file with Apache Tika, detecting its type by content, together
 * with every document embedded in it (e-mail attachments, files in archives, objects in office
 * files), each a document of its own linked to its parent. Thread-safe: one instance serves all
 * ingest threads.
 *
 * <p>Where Tika parses is {@link ExtractionConfig#isolation()}: by default in a pool of worker JVMs
 * (Tika's pipes), so a file that hangs, exhausts memory or crashes the parser costs one worker, which
 * is replaced, and nothing else; or in this JVM. Both read the same generated Tika configuration:
 * text-first type detection, zip-bomb (compression ratio, nesting depth) and output limits.
 *
 * <p>A file that cannot be extracted is an {@link Outcome.Rejected}, never an exception: too large,
 * unreadable, empty, encrypted (and none of {@link ExtractionConfig#passwords()} opens it),
 * unsupported, over a safety limit, timed out, or corrupt. A corrupt file from which some text was
 * recovered is a success carrying that text and a {@value #WARNING_KEY} metadata entry. Text beyond
 * {@link ExtractionConfig#maxTextChars()} is cut off and the document marked truncated.
 *
 * <p>For HTML (a file, or a page inside an archive or e-mail) the text is the main article found by
 * {@link ArticleExtractor}, without navigation, comments and related links, and the page's own
 * metadata (publication date, canonical URL, site, section, lead image, links) goes into
 * {@link ExtractedDocument#web()}. The page is parsed once, where Tika parses (isolated by default),
 * by newsflow's HTML parser for Tika ({@link ArticleParser}).
 *
 * <p>{@link #close()} stops the worker processes or parse threads.
 */
public final class TikaExtractor implements Extractor {

  /** Metadata key of the warning on a document whose text was recovered from a damaged file. */
  public static final String WARNING_KEY = "newsflow:warning";

  /**
   * Metadata key telling, for HTML, whether {@code text} is the main article ({@code article}) or,
   * when no article was found, the whole page ({@code page}).
   */
  public static final String TEXT_SOURCE_KEY = ArticleParser.TEXT_SOURCE;

  /**
   * Metadata key of the embedded documents skipped because they hold no text (images, fonts): their
   * number, and each one's path and content type.
   */
  public static final String EMBEDDED_WITHOUT_TEXT_KEY = "newsflow:embedded-without-text";

  private static final Logger LOG = LoggerFactory.getLogger(TikaExtractor.class);

  // Zip bombs (compression ratio, nesting depth) surface as TikaException("Zip bomb detected!")
  // caused by this exception, a private class of SecureContentHandler.
  private static final String ZIP_BOMB = "org.apache.tika.sax.SecureContentHandler$SecureSAXException";

  // Tika's SecureContentHandler defaults: output threshold and maximum compression ratio.
  private static final long BOMB_MIN_CHARACTERS = 1_000_000;
  private static final long BOMB_CHARACTERS_PER_BYTE = 100;

  private final ExtractionConfig config;
  private final Clock clock;
  private final ParseEngine engine;
  private final Path tikaConfig;

  /** Creates an extractor stamping {@code extractedAt} from the UTC system clock. */
  public TikaExtractor(ExtractionConfig config) {
    this(config, Clock.systemUTC());
  }

  /**
   * Creates an extractor stamping {@code extractedAt} from {@code clock}. Worker processes start on
   * the first file.
   *
   * @throws UncheckedIOException if Tika's configuration cannot be written to the temporary folder
   * @throws IllegalArgumentException naming {@value ParserOptions#OCR} if OCR is on and Tesseract
   *     does not run here
   */
  public TikaExtractor(ExtractionConfig config, Clock clock) {
    this(config, clock, 0);
  }

  /**
   * Creates an extractor whose worker processes run at CPU priority {@code workerNice} (0, this
   * process's, to 19, the lowest; ignored in process): for a backfill that must leave the CPU to live
   * traffic first. On Linux each worker gets a scheduling group (session) of its own at that nice
   * value, which is what makes it count against other sessions (see the launcher script {@code TikaSetup} writes).
   */
  public TikaExtractor(ExtractionConfig config, int workerNice) {
    this(config, Clock.systemUTC(), workerNice);
  }

  private TikaExtractor(ExtractionConfig config, Clock clock, int workerNice) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (config.parsers().ocr() == ParserOptions.Ocr.ON && !ParserSetup.tesseractAvailable()) {
      // Tika would silently skip OCR; a setting that does nothing is worse than a refusal.
      throw new IllegalArgumentException(ParserOptions.OCR + "=on, but 'tesseract --version' does not run: install"
          + " Tesseract (Debian/Ubuntu: apt-get install tesseract-ocr) or set " + ParserOptions.OCR + "=off");
    }
    try {
      this.tikaConfig = TikaSetup.write(config, config.isolation() == ExtractionConfig.Isolation.FORK ? workerNice : 0);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Tika's configuration: " + e.getMessage(), e);
    }
    this.engine = switch (config.isolation()) {
      case FORK -> new ForkedEngine(config, tikaConfig);
      case IN_PROCESS -> new InProcessEngine(config, parser(tikaConfig));
    };
  }

  /** Creates an in-process extractor reading files with {@code parser}; tests simulate hostile parses. */
  TikaExtractor(ExtractionConfig config, Clock clock, Parser parser) {
    this.config = Objects.requireNonNull(config, "config");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.tikaConfig = null;
    this.engine = new InProcessEngine(config, Objects.requireNonNull(parser, "parser"));
  }

  private static Parser parser(Path tikaConfig) {
    try {
      return new AutoDetectParser(new TikaConfig(tikaConfig));
    } catch (TikaException | IOException | SAXException e) {
      throw new IllegalStateException("Tika refused newsflow's configuration " + tikaConfig + ": " + e.getMessage(), e);
    }
  }

  /** Stops the worker processes or parse threads, interrupting any parse that still runs. */
  @Override
  public void close() {
    engine.close();
    if (tikaConfig != null) {
      try {
        Files.deleteIfExists(tikaConfig);
        Files.deleteIfExists(TikaSetup.workerLauncher(tikaConfig));
      } catch (IOException e) {
        LOG.debug("Could not delete {}: {}", tikaConfig, e.toString());
      }
    }
  }

  @Override
  public Outcome<Extraction> extractAll(SourceFile file) {
    try {
      return read(file);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Outcome.Retryable<>("interrupted while extracting " + file.uri(), e);
    } catch (RuntimeException e) {
      LOG.warn("Unexpected error extracting {} (id {}); the file is rejected as internal, report this"
          + " as a newsflow bug", file.uri(), file.id(), e);
      return new Outcome.Rejected<>(FailureReason.INTERNAL, "unexpected " + e, e.getClass().getName());
    }
  }

  private Outcome<Extraction> read(SourceFile file) throws InterruptedException {
    long size;
    try {
      size = Files.size(file.path());
      if (Files.isDirectory(file.path())) {
        throw new IOException(file.path() + " is a directory");
      }
    } catch (IOException e) {
      return new Outcome.Rejected<>(FailureReason.UNREADABLE, String.valueOf(e.getMessage()), e.getClass().getName());
    }
    if (size > config.maxFileSizeBytes()) {
      return Outcome.rejected(FailureReason.TOO_LARGE, size + " bytes is more than "
          + ExtractionConfig.MAX_FILE_SIZE + " = " + config.maxFileSizeBytes());
    }
    if (size == 0) {
      return Outcome.rejected(FailureReason.EMPTY, "the file is empty (0 bytes)");
    }
    Digest digest;
    try {
      // The importer hashed the file already (its duplicate check): reading and hashing it again
      // costs about 1 s of CPU per 100 MB in a JVM without C2's SHA-256 intrinsic.
      digest = file.sha256() != null ? new Digest(size, file.sha256()) : digest(file.path());
    } catch (IOException e) {
      return new Outcome.Rejected<>(FailureReason.UNREADABLE, String.valueOf(e.getMessage()), e.getClass().getName());
    }

    RawParse parse = engine.parse(file.path(), resourceName(file), context(file, null));
    // Known passwords are tried only on a file that needs one, in the configured order, until one
    // opens it. A wrong password may also surface as corrupt data (7z): the first, "encrypted",
    // outcome stands unless a password gives a clean parse.
    if (isEncrypted(parse)) {
      for (String password : config.passwords()) {
        RawParse attempt = engine.parse(file.path(), resourceName(file), context(file, password));
        if (isClean(attempt)) {
          parse = attempt;
          break;
        }
      }
    }
    if (parse.failure() != null) {
      LOG.warn("Extracting {} (id {}) failed, {}: {}", file.uri(), file.id(), parse.failure().code(), parse.message());
      return new Outcome.Rejected<>(parse.failure(), parse.message(), parse.errorClass());
    }
    return assemble(file, digest, parse.metadata());
  }

  private ParseContext context(SourceFile file, String password) {
    ParseContext context = new ParseContext();
    // A web page's links are made absolute against the address it came from (a WARC record's URL).
    context.set(ArticleParser.BaseUri.class, new ArticleParser.BaseUri(file.uri().toString()));
    context.set(HandlerConfig.class, new HandlerConfig(BasicContentHandlerFactory.HANDLER_TYPE.TEXT,
        HandlerConfig.PARSE_MODE.RMETA, config.maxTextChars(), config.maxEmbedded(), false));
    if (password != null) {
      context.set(PasswordProvider.class, new Passwords(password));
    }
    return context;
  }

  /**
   * Tells whether a parse met encryption: the file itself, or an embedded document (an encrypted
   * zip attached to a mail); Tika asks the password provider for each, so one retry serves both.
   */
  private static boolean isEncrypted(RawParse parse) {
    if (parse.failure() != null || parse.metadata().isEmpty()) {
      return parse.failure() == FailureReason.ENCRYPTED;
    }
    String stack = parse.metadata().get(0).get(TikaCoreProperties.CONTAINER_EXCEPTION);
    if (stack != null && classify(stack) == FailureReason.ENCRYPTED) {
      return true;
    }
    for (Metadata m : parse.metadata()) {
      String embedded = m.get(TikaCoreProperties.EMBEDDED_EXCEPTION);
      if (embedded != null && classify(embedded) == FailureReason.ENCRYPTED) {
        return true;
      }
    }
    return false;
  }

  /** Tells whether a parse finished without any error on the file or on an embedded document. */
  private static boolean isClean(RawParse parse) {
    return parse.failure() == null && parse.metadata().stream().noneMatch(m ->
        m.get(TikaCoreProperties.CONTAINER_EXCEPTION) != null || m.get(TikaCoreProperties.EMBEDDED_EXCEPTION) != null);
  }

  /** Turns Tika's recursive metadata list into the file's document, its children and their failures. */
  private Outcome<Extraction> assemble(SourceFile file, Digest digest, List<Metadata> list) {
    Metadata root = list.get(0);
    // Tika's zip-bomb guard compares a document's output with its own input; with every embedded
    // document parsed apart (a tgz of tgz of text), each looks harmless. The same rule over the
    // whole file: more than 1,000,000 characters, and more than 100 per byte of the file.
    long characters = list.stream().mapToLong(m -> text(m).length()).sum();
    if (characters > BOMB_MIN_CHARACTERS && characters > BOMB_CHARACTERS_PER_BYTE * digest.size()) {
      return new Outcome.Rejected<>(FailureReason.LIMIT_EXCEEDED, "zip bomb: " + characters + " characters of text from "
          + digest.size() + " bytes (more than " + BOMB_CHARACTERS_PER_BYTE + " per byte)", "zip-bomb");
    }
    String text = text(root);
    String stack = root.get(TikaCoreProperties.CONTAINER_EXCEPTION);
    FailureReason reason = stack == null ? null : classify(stack);

    List<ExtractedDocument> children = new ArrayList<>();
    List<Extraction.Failure> failures = new ArrayList<>();
    List<String> withoutText = new ArrayList<>();
    children(file, list, children, failures, withoutText);

    String contentType = DocumentMetadata.contentType(root);
    if (reason != null && (reason != FailureReason.CORRUPT || (text.isEmpty() && children.isEmpty()))) {
      return new Outcome.Rejected<>(reason, describe(stack, reason), errorClass(stack));
    }
    if (text.isEmpty() && children.isEmpty() && !DocumentMetadata.describesItself(root)) {
      if (!failures.isEmpty()) {
        // Everything inside failed (an archive of encrypted entries): the file fails for that reason.
        Extraction.Failure first = failures.get(0);
        return new Outcome.Rejected<>(first.reason(), "nothing readable inside; first embedded failure: "
            + first.message(), first.errorClass());
      }
      return isUnsupported(root)
          ? Outcome.rejected(FailureReason.UNSUPPORTED, "no parser for " + contentType)
          : Outcome.rejected(FailureReason.EMPTY, "no text in this " + contentType + " file");
    }

    Map<String, String> extras = DocumentMetadata.extras(root);
    if (stack != null) {
      LOG.debug("Recovered {} characters from {} (id {}) despite: {}", text.length(), file.uri(), file.id(),
          firstLine(stack));
      extras.put(WARNING_KEY, "text recovered from a damaged file: " + describe(stack, reason));
    }
    warn(extras, DocumentMetadata.warnings(root));
    if (!withoutText.isEmpty()) {
      // Their paths, so a reader sees what the file holds (images, fonts); bounded like other values.
      String paths = withoutText.size() + ": " + String.join(", ", withoutText);
      extras.put(EMBEDDED_WITHOUT_TEXT_KEY, paths.length() > 1_000 ? paths.substring(0, 1_000) : paths);
    }
    String title = DocumentMetadata.title(root, contentType, text);
    String author = DocumentMetadata.author(root);
    Instant modified = DocumentMetadata.instant(root, TikaCoreProperties.MODIFIED);
    boolean truncated = isTruncated(root);
    // A web page's article and what the page says about itself come from newsflow's HTML parser,
    // which ran where Tika parsed (ArticleParser); its text is already the article.
    Article article = ArticleParser.article(root);
    ExtractedDocument.Web web = web(article);
    if (article != null) {
      title = article.title() != null ? article.title() : title;
      author = author != null ? author : article.byline();
      modified = modified != null ? modified : article.modified();
    }
    ExtractedDocument document = new ExtractedDocument(
        ExtractedDocument.SCHEMA_VERSION,
        PipelineVersion.CURRENT,
        file.id(),
        file.modified().toEpochMilli(),
        new ExtractedDocument.Source(file.uri().toString(), digest.size(), digest.sha256(), file.modified()),
        title,
        author,
        contentType,
        DocumentMetadata.language(root),
        DocumentMetadata.instant(root, TikaCoreProperties.CREATED),
        modified,
        text,
        truncated,
        extras,
        file.seenAt(),
        clock.instant(),
        file.jobId(),
        web,
        null);
    return Outcome.success(new Extraction(document, children, failures));
  }

  /**
   * Adds a document for each embedded document with text to {@code children}, a failure for each
   * one that failed without text, and the path of each that held no text and no error to
   * {@code withoutText}.
   */
  private void children(SourceFile file, List<Metadata> list, List<ExtractedDocument> children,
      List<Extraction.Failure> failures, List<String> withoutText) {
    // Tika lists an embedded document after everything embedded in it, so the ids come first.
    List<Metadata> embedded = list.subList(1, list.size());
    Map<String, DocumentId> byIdPath = new HashMap<>();
    List<String> paths = new ArrayList<>();
    List<URI> uris = new ArrayList<>();
    Set<String> fragments = new HashSet<>();
    Set<String> containers = new HashSet<>();
    for (Metadata m : embedded) {
      String idPath = m.get(TikaCoreProperties.EMBEDDED_ID_PATH);
      String path = m.get(TikaCoreProperties.EMBEDDED_RESOURCE_PATH);
      if (path == null || path.isBlank()) {
        path = idPath == null ? "/embedded-" + (paths.size() + 1) : idPath;
      }
      // Two attachments may share a name: the id path, unique in the file, tells them apart.
      String fragment = fragments.add(path) || idPath == null ? path : path + "[" + idPath + "]";
      URI uri = childUri(file.uri(), fragment);
      paths.add(path);
      uris.add(uri);
      if (idPath != null) {
        byIdPath.put(idPath, DocumentId.ofSource(uri));
        if (idPath.lastIndexOf('/') > 0) {
          containers.add(idPath.substring(0, idPath.lastIndexOf('/')));
        }
      }
    }
    Instant now = clock.instant();
    for (int i = 0; i < embedded.size(); i++) {
      Metadata m = embedded.get(i);
      String idPath = m.get(TikaCoreProperties.EMBEDDED_ID_PATH);
      String path = paths.get(i);
      URI uri = uris.get(i);
      DocumentId id = DocumentId.ofSource(uri);
      DocumentId parent = file.id();
      if (idPath != null && idPath.lastIndexOf('/') > 0) {
        parent = byIdPath.getOrDefault(idPath.substring(0, idPath.lastIndexOf('/')), file.id());
      }
      int depth = idPath == null ? 1 : (int) idPath.chars().filter(c -> c == '/').count();
      // A thumbnail is a small picture of the file itself: its OCR text (if any) is a garbled copy of
      // the parent's and its title a part name (/docProps/thumbnail.jpeg), so it is listed, not indexed.
      boolean thumbnail = TikaCoreProperties.EmbeddedResourceType.THUMBNAIL.name()
          .equals(m.get(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE));
      String text = thumbnail ? "" : text(m);
      String error = m.get(TikaCoreProperties.EMBEDDED_EXCEPTION);
      // A container without text of its own stays, so that its children's parent exists.
      if (text.isEmpty() && (idPath == null || !containers.contains(idPath))
          && (thumbnail || !DocumentMetadata.describesItself(m))) {
        if (error != null) {
          FailureReason reason = classify(error);
          failures.add(new Extraction.Failure(id, uri.toString(), reason, errorClass(error), describe(error, reason)));
        } else {
          // With its type, so a reader sees what the file holds (images, fonts) without opening it.
          // and the name it had where it was made (C:\Users\...\INetCache\photo.jpg): provenance, as for
          // embedded documents with text.
          String original = m.get(TikaCoreProperties.ORIGINAL_RESOURCE_NAME);
          withoutText.add(path + " (" + DocumentMetadata.contentType(m)
              + (original == null || original.isBlank() ? "" : ", from " + original.strip()) + ")");
        }
        continue;
      }
      String contentType = DocumentMetadata.contentType(m);
      Map<String, String> extras = DocumentMetadata.extras(m);
      if (error != null) {
        extras.put(WARNING_KEY, (text.isEmpty() ? "" : "text recovered from ") + "a damaged embedded document: "
            + describe(error, classify(error)) + " (" + errorClass(error) + ")");
      }
      warn(extras, DocumentMetadata.warnings(m));
      String title = DocumentMetadata.title(m, contentType, text);
      Article article = ArticleParser.article(m);
      if (article != null && article.title() != null) {
        title = article.title();
      }
      if (title == null) {
        title = m.get(TikaCoreProperties.RESOURCE_NAME_KEY);
      }
      String author = DocumentMetadata.author(m);
      if (author == null && article != null) {
        author = article.byline();
      }
      long size = length(m, text);
      children.add(new ExtractedDocument(
          ExtractedDocument.SCHEMA_VERSION,
          PipelineVersion.CURRENT,
          id,
          file.modified().toEpochMilli(),
          // No SHA-256: Tika would have to spool every embedded stream to disk to digest it.
          new ExtractedDocument.Source(uri.toString(), size, "", file.modified()),
          title,
          author,
          contentType,
          DocumentMetadata.language(m),
          DocumentMetadata.instant(m, TikaCoreProperties.CREATED),
          DocumentMetadata.instant(m, TikaCoreProperties.MODIFIED),
          text,
          isTruncated(m),
          extras,
          file.seenAt(),
          now,
          file.jobId(),
          web(article),
          new ExtractedDocument.Embedded(parent, file.id(), path, Math.max(1, depth))));
    }
  }

  /** Adds {@code warnings} to the {@value #WARNING_KEY} entry of {@code extras}, after any already there. */
  private static void warn(Map<String, String> extras, List<String> warnings) {
    if (!warnings.isEmpty()) {
      extras.merge(WARNING_KEY, "parts not read: " + String.join("; ", warnings), (a, b) -> a + "; " + b);
    }
  }

  /** Returns the URI of an embedded document: the file's URI with its path inside as fragment. */
  static URI childUri(URI file, String path) {
    try {
      return new URI(file.getScheme(), file.getSchemeSpecificPart(), path);
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("cannot name embedded document " + path + " of " + file, e);
    }
  }

  /** Returns an embedded document's length in bytes as its container states it, else its text's. */
  private static long length(Metadata m, String text) {
    String length = m.get(org.apache.tika.metadata.HttpHeaders.CONTENT_LENGTH);
    try {
      return length == null ? text.getBytes(StandardCharsets.UTF_8).length : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      return text.getBytes(StandardCharsets.UTF_8).length;
    }
  }

  private static String text(Metadata m) {
    String text = m.get(TikaCoreProperties.TIKA_CONTENT);
    return text == null ? "" : text.strip();
  }

  private static boolean isTruncated(Metadata m) {
    return "true".equalsIgnoreCase(m.get(TikaCoreProperties.WRITE_LIMIT_REACHED));
  }

  /** Holds the size and SHA-256 (lowercase hex) of a file's bytes. */
  private record Digest(long size, String sha256) {}

  private static Digest digest(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      HashingInputStream hashing = new HashingInputStream(in);
      hashing.drain();
      return new Digest(hashing.count(), hashing.sha256Hex());
    }
  }

  private static ExtractedDocument.Web web(Article article) {
    return article == null ? null : new ExtractedDocument.Web(article.published(), article.canonicalUrl(),
        article.siteName(), article.section(), article.topImage(), article.links());
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

  /**
   * Classifies a parse error by the exception classes in its stack trace, as Tika reports it (the
   * pipes workers send stack traces, not exceptions).
   */
  static FailureReason classify(String stack) {
    for (String line : causes(stack)) {
      if (line.startsWith("org.apache.tika.exception.EncryptedDocumentException")
          || line.startsWith("org.apache.poi.EncryptedDocumentException")
          || line.startsWith("org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException")) {
        return FailureReason.ENCRYPTED;
      }
      if (line.startsWith("org.apache.tika.exception.UnsupportedFormatException")) {
        return FailureReason.UNSUPPORTED;
      }
      if (line.startsWith("org.apache.tika.exception.ZeroByteFileException")) {
        return FailureReason.EMPTY;
      }
      if (line.startsWith("org.apache.tika.exception.TikaMemoryLimitException") || line.startsWith(ZIP_BOMB)
          || line.startsWith("org.apache.tika.exception.WriteLimitReachedException")
          || line.startsWith("java.lang.OutOfMemoryError")) {
        return FailureReason.LIMIT_EXCEEDED;
      }
    }
    return FailureReason.CORRUPT;
  }

  /** Returns the lines of a stack trace that name an exception: the first and each "Caused by". */
  private static List<String> causes(String stack) {
    List<String> causes = new ArrayList<>();
    for (String line : stack.split("\\R")) {
      String l = line.strip();
      if (causes.isEmpty() && !l.isEmpty()) {
        causes.add(l);
      } else if (l.startsWith("Caused by: ")) {
        causes.add(l.substring("Caused by: ".length()));
      }
    }
    return causes;
  }

  /** Returns the class of the innermost exception of a stack trace: it says more than Tika's wrappers. */
  static String errorClass(String stack) {
    List<String> causes = causes(stack);
    if (causes.isEmpty()) {
      return null;
    }
    String last = causes.get(causes.size() - 1);
    int colon = last.indexOf(':');
    return (colon < 0 ? last : last.substring(0, colon)).strip();
  }

  private static String describe(String stack, FailureReason reason) {
    if (reason == FailureReason.ENCRYPTED) {
      return "encrypted, no password";
    }
    List<String> causes = causes(stack);
    if (causes.isEmpty()) {
      return "parse error";
    }
    String first = message(causes.get(0));
    String last = causes.get(causes.size() - 1);
    return causes.size() == 1 || first.equals(message(last)) ? first : first + ": " + last;
  }

  /** Returns an exception line without its class name: "TikaException: boom" gives "boom". */
  private static String message(String causeLine) {
    int colon = causeLine.indexOf(": ");
    return colon < 0 ? causeLine : causeLine.substring(colon + 2);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  /** Tells whether no real parser read the file: Tika fell back to its EmptyParser. */
  private static boolean isUnsupported(Metadata metadata) {
    String[] parsers = metadata.getValues(TikaCoreProperties.TIKA_PARSED_BY);
    return parsers.length == 0 || parsers[parsers.length - 1].equals(EmptyParser.class.getName());
  }
}
