package io.newsflow.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.newsflow.api.DocumentId;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.api.PipelineVersion;
import io.newsflow.api.SourceFile;
import io.newsflow.extract.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.AccessPermission;
import org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TikaExtractorTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final Instant SEEN = Instant.parse("2024-05-01T11:59:00Z");
  private static final TikaExtractor EXTRACTOR =
      new TikaExtractor(ExtractionConfig.defaults().withIsolation(ExtractionConfig.Isolation.IN_PROCESS), Clock.fixed(NOW, ZoneOffset.UTC));

  private static final String ARTICLE = """
      Rail strike ends after pay deal is agreed
      Train drivers accepted a two-year pay offer on Tuesday, ending a dispute that had halted \
      services across the region for three weeks.
      Services will return to the normal timetable from Thursday, the operator said.
      """;

  @TempDir
  Path dir;

  @Test
  void htmlPageGivesTitleAuthorAndBodyText() {
    Path page = Fixtures.writeHtml(dir.resolve("page.html"), "Harbour reopens", "Ana Ruiz",
        "The harbour reopened on Monday.\nFishing boats returned at dawn.");

    ExtractedDocument doc = success(EXTRACTOR.extract(source(page)));

    assertThat(doc.title()).isEqualTo("Harbour reopens");
    assertThat(doc.author()).isEqualTo("Ana Ruiz");
    assertThat(doc.contentType()).isEqualTo("text/html");
    assertThat(doc.text()).contains("The harbour reopened on Monday.", "Fishing boats returned at dawn.")
        .doesNotContain("Harbour reopens");
    assertThat(doc.metadata()).containsEntry("charset", "UTF-8");
  }

  @Test
  void htmlPageGivesTheArticleNotThePageAndWhatThePageSaysAboutItself() throws IOException {
    Path page = Files.writeString(dir.resolve("news.html"), Fixtures.NEWS_PAGE);

    ExtractedDocument doc = success(EXTRACTOR.extract(source(page)));

    assertThat(doc.text()).contains("Engineers replaced more than four hundred rivets")
        .doesNotContain("Weather outlook").doesNotContain("Ferry timetable").doesNotContain("All rights reserved");
    assertThat(doc.title()).isEqualTo("Harbour bridge reopens after repairs");
    assertThat(doc.metadata()).containsEntry(TikaExtractor.TEXT_SOURCE_KEY, "article");
    assertThat(doc.web()).isNotNull();
    assertThat(doc.web().published()).isEqualTo(Instant.parse("2024-03-04T08:30:00Z"));
    assertThat(doc.web().canonicalUrl()).isEqualTo("https://courier.example/local/harbour-bridge-reopens");
    assertThat(doc.web().siteName()).isEqualTo("The Coastal Courier");
    assertThat(doc.web().section()).isEqualTo("Local");
  }

  @Test
  void aWebPageInsideAnArchiveGivesItsArticleToo() {
    Path zip = Fixtures.writeZip(dir.resolve("pages.zip"),
        java.util.Map.of("local/news.html", Fixtures.NEWS_PAGE.getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    Outcome<io.newsflow.api.Extraction> outcome = EXTRACTOR.extractAll(source(zip));
    assertThat(outcome).isInstanceOf(Outcome.Success.class);
    io.newsflow.api.Extraction all = ((Outcome.Success<io.newsflow.api.Extraction>) outcome).value();

    ExtractedDocument page = all.children().stream().filter(c -> c.embedded().path().endsWith("news.html")).findFirst()
        .orElseThrow();
    assertThat(page.text()).contains("Engineers replaced more than four hundred rivets").doesNotContain("Weather outlook");
    assertThat(page.title()).isEqualTo("Harbour bridge reopens after repairs");
    assertThat(page.metadata()).containsEntry(TikaExtractor.TEXT_SOURCE_KEY, "article");
    assertThat(page.web()).isNotNull();
    assertThat(page.web().canonicalUrl()).isEqualTo("https://courier.example/local/harbour-bridge-reopens");
    assertThat(page.metadata().keySet()).noneMatch(k -> k.startsWith("newsflow:article-"));
  }

  @Test
  void aParseThatNeverFinishesIsRejectedAsTimedOutAndTheExtractorCarriesOn() throws IOException {
    Path slow = Files.writeString(dir.resolve("slow.txt"), ARTICLE);
    Path fine = Files.writeString(dir.resolve("fine.txt"), ARTICLE);
    java.util.concurrent.atomic.AtomicBoolean hang = new java.util.concurrent.atomic.AtomicBoolean(true);
    org.apache.tika.parser.Parser real = new org.apache.tika.parser.AutoDetectParser();
    org.apache.tika.parser.Parser sometimesHangs = new org.apache.tika.parser.AbstractParser() {
      @Override
      public java.util.Set<org.apache.tika.mime.MediaType> getSupportedTypes(org.apache.tika.parser.ParseContext c) {
        return real.getSupportedTypes(c);
      }

      @Override
      public void parse(java.io.InputStream in, org.xml.sax.ContentHandler h, org.apache.tika.metadata.Metadata m,
          org.apache.tika.parser.ParseContext c) throws IOException, org.xml.sax.SAXException,
          org.apache.tika.exception.TikaException {
        if (hang.getAndSet(false)) {
          try {
            new java.util.concurrent.CountDownLatch(1).await(); // until interrupted
          } catch (InterruptedException e) {
            throw new org.apache.tika.exception.TikaException("interrupted", e);
          }
        }
        real.parse(in, h, m, c);
      }
    };
    try (TikaExtractor extractor = new TikaExtractor(ExtractionConfig.defaults().withTimeout(java.time.Duration.ofMillis(500)).withIsolation(ExtractionConfig.Isolation.IN_PROCESS),
        Clock.fixed(NOW, ZoneOffset.UTC), sometimesHangs)) {

      Outcome<ExtractedDocument> timedOut = extractor.extract(source(slow));
      Outcome<ExtractedDocument> next = extractor.extract(source(fine));

      assertThat(timedOut).isInstanceOfSatisfying(Outcome.Rejected.class,
          r -> assertThat(r.reason()).isEqualTo(FailureReason.TIMEOUT));
      assertThat(success(next).text()).contains("Train drivers accepted");
    }
  }

  @Test
  void aParseThatRunsOutOfMemoryIsRejectedAsOverALimit() throws IOException {
    Path file = Files.writeString(dir.resolve("greedy.txt"), ARTICLE);
    org.apache.tika.parser.Parser greedy = new org.apache.tika.parser.AbstractParser() {
      @Override
      public java.util.Set<org.apache.tika.mime.MediaType> getSupportedTypes(org.apache.tika.parser.ParseContext c) {
        return java.util.Set.of(org.apache.tika.mime.MediaType.TEXT_PLAIN);
      }

      @Override
      public void parse(java.io.InputStream in, org.xml.sax.ContentHandler h, org.apache.tika.metadata.Metadata m,
          org.apache.tika.parser.ParseContext c) {
        throw new OutOfMemoryError("Java heap space");
      }
    };
    try (TikaExtractor extractor = new TikaExtractor(ExtractionConfig.defaults(), Clock.fixed(NOW, ZoneOffset.UTC), greedy)) {

      assertThat(extractor.extract(source(file))).isInstanceOfSatisfying(Outcome.Rejected.class,
          r -> assertThat(r.reason()).isEqualTo(FailureReason.LIMIT_EXCEEDED));
    }
  }

  @Test
  void nonHtmlDocumentsHaveNoWebMetadata() throws IOException {
    Path text = Files.writeString(dir.resolve("a.txt"), ARTICLE);

    assertThat(success(EXTRACTOR.extract(source(text))).web()).isNull();
  }

  @Test
  void htmlMetaFieldsWorthKeepingAreKept() throws IOException {
    Path page = Files.writeString(dir.resolve("meta.html"), """
        <html><head><title>T</title>
        <meta name="description" content="A short summary">
        <meta property="og:site_name" content="Daily Example">
        <meta http-equiv="content-language" content="fr">
        </head><body><p>Bonjour tout le monde.</p></body></html>
        """);

    ExtractedDocument doc = success(EXTRACTOR.extract(source(page)));

    assertThat(doc.language()).isEqualTo("fr");
    assertThat(doc.metadata())
        .containsEntry("description", "A short summary")
        .containsEntry("og:site_name", "Daily Example")
        // Web pages are read by newsflow's parser for Tika, which finds the article where Tika parses.
        .containsEntry("newsflow:parser", "io.newsflow.extract.internal.ArticleParser")
        .containsEntry(TikaExtractor.TEXT_SOURCE_KEY, "article");
  }

  @Test
  void htmlLangAttributeIsTheDeclaredLanguage() throws IOException {
    Path page = Files.writeString(dir.resolve("de.html"),
        "<html lang=\"de\"><head><title>T</title></head><body><p>Hallo Welt.</p></body></html>");

    assertThat(success(EXTRACTOR.extract(source(page))).language()).isEqualTo("de");
  }

  @Test
  void utf8TextFileIsReadWithItsFirstLineAsTitle() throws IOException {
    Path file = Files.writeString(dir.resolve("article.txt"),
        "\n  Xi meets Blinken in Beijing’s Great Hall  \n\nThe talks – the first in years – were “candid”.\n");

    ExtractedDocument doc = success(EXTRACTOR.extract(source(file)));

    assertThat(doc.title()).isEqualTo("Xi meets Blinken in Beijing’s Great Hall");
    assertThat(doc.contentType()).isEqualTo("text/plain");
    assertThat(doc.text()).contains("The talks – the first in years – were “candid”.");
    assertThat(doc.metadata()).containsEntry("charset", "UTF-8");
    assertThat(doc.language()).isNull();
  }

  @Test
  void plainTextWithALongFirstLineHasNoTitle() throws IOException {
    Path file = Files.writeString(dir.resolve("long.txt"), "word ".repeat(60) + "\nSecond line.\n");

    assertThat(success(EXTRACTOR.extract(source(file))).title()).isNull();
  }

  @Test
  void latin1TextIsDecodedWithTheDetectedCharset() throws IOException {
    String french = """
        Le café de la gare était fermé à cause de la grève des cheminots.
        Les voyageurs ont dû attendre près d'une heure sur le quai, sans information.
        « Nous sommes désolés pour la gêne occasionnée », a déclaré la société ferroviaire.
        Le trafic reprendra normalement dès demain matin, selon la direction régionale.
        """;
    Path file = dir.resolve("latin1.txt");
    Files.write(file, french.getBytes(StandardCharsets.ISO_8859_1));

    ExtractedDocument doc = success(EXTRACTOR.extract(source(file)));

    assertThat(doc.text()).contains("Le café de la gare était fermé à cause de la grève", "« Nous sommes désolés");
    assertThat(doc.title()).isEqualTo("Le café de la gare était fermé à cause de la grève des cheminots.");
    assertThat(doc.metadata().get("charset")).isIn("ISO-8859-1", "windows-1252");
  }

  @ParameterizedTest
  @CsvSource({
      "article.txt, MZ Wallace opens its first store in Paris",
      "article, MZ Wallace opens its first store in Paris",
      "article.txt, GIF89a animations are back in fashion",
      "article.txt, ID3 tags: what your music files know about you"})
  void textFileStartingWithABinaryMagicNumberIsReadAsText(String name, String headline) throws IOException {
    // "MZ" opens Windows executables, "GIF89a" GIF images and "ID3" MP3 files: Tika's magic
    // detection alone calls these articles application/x-msdownload, image/gif and audio/mpeg.
    Path file = Files.writeString(dir.resolve(name), headline + "\n" + ARTICLE);

    ExtractedDocument doc = success(EXTRACTOR.extract(source(file)));

    assertThat(doc.contentType()).isEqualTo("text/plain");
    assertThat(doc.title()).isEqualTo(headline);
    assertThat(doc.text()).contains("Train drivers accepted a two-year pay offer");
  }

  @Test
  void pdfGivesTitleTextAndPageCount() {
    Path pdf = Fixtures.writePdf(dir.resolve("report.pdf"), "Annual report", "Revenue grew by four percent.\nCosts fell.");

    ExtractedDocument doc = success(EXTRACTOR.extract(source(pdf)));

    assertThat(doc.title()).isEqualTo("Annual report");
    assertThat(doc.contentType()).isEqualTo("application/pdf");
    assertThat(doc.text()).contains("Revenue grew by four percent.", "Costs fell.");
    assertThat(doc.metadata()).containsEntry("page-count", "1");
  }

  @Test
  void docxGivesTitleAndText() {
    Path docx = Fixtures.writeDocx(dir.resolve("memo.docx"), "Board memo", "The board met on Friday.\nIt approved the budget.");

    ExtractedDocument doc = success(EXTRACTOR.extract(source(docx)));

    assertThat(doc.title()).isEqualTo("Board memo");
    assertThat(doc.contentType()).isEqualTo("application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(doc.text()).contains("The board met on Friday.", "It approved the budget.");
    assertThat(doc.created()).isNotNull();
  }

  @Test
  void emptyFileIsRejectedAsEmpty() throws IOException {
    Path file = Files.createFile(dir.resolve("empty.txt"));

    assertThat(rejected(EXTRACTOR.extract(source(file))).reason()).isEqualTo(FailureReason.EMPTY);
  }

  @Test
  void fileWithOnlyWhitespaceIsRejectedAsEmpty() throws IOException {
    Path file = Files.writeString(dir.resolve("blank.txt"), " \n\n\t \n");

    assertThat(rejected(EXTRACTOR.extract(source(file))).reason()).isEqualTo(FailureReason.EMPTY);
  }

  @Test
  void corruptPdfIsRejectedAsCorrupt() throws IOException {
    Path file = Files.writeString(dir.resolve("corrupt.pdf"), "%PDF-1.4 garbage");

    Outcome.Rejected<ExtractedDocument> rejected = rejected(EXTRACTOR.extract(source(file)));

    assertThat(rejected.reason()).isEqualTo(FailureReason.CORRUPT);
    assertThat(rejected.errorClass()).isNotBlank();
    assertThat(rejected.message()).isNotBlank();
  }

  @Test
  void truncatedZipKeepsTheRecoveredTextWithAWarning() throws IOException {
    byte[] zip = zipOfRandomWords(3, 20_000);
    Path file = dir.resolve("truncated.zip");
    Files.write(file, Arrays.copyOf(zip, zip.length / 2));

    ExtractedDocument doc = success(EXTRACTOR.extract(source(file)));

    assertThat(doc.contentType()).isEqualTo("application/zip");
    assertThat(doc.text()).contains("entry0");
    assertThat(doc.metadata()).containsKey(TikaExtractor.WARNING_KEY);
  }

  @Test
  void encryptedPdfIsRejectedAsEncrypted() throws IOException {
    Path plain = Fixtures.writePdf(dir.resolve("plain.pdf"), "Secret", "Nobody may read this.");
    Path file = dir.resolve("encrypted.pdf");
    try (PDDocument pdf = Loader.loadPDF(plain.toFile())) {
      StandardProtectionPolicy policy = new StandardProtectionPolicy("owner-pw", "user-pw", new AccessPermission());
      policy.setEncryptionKeyLength(256);
      pdf.protect(policy);
      pdf.save(file.toFile());
    }

    Outcome.Rejected<ExtractedDocument> rejected = rejected(EXTRACTOR.extract(source(file)));

    assertThat(rejected.reason()).isEqualTo(FailureReason.ENCRYPTED);
    assertThat(rejected.message()).isEqualTo("encrypted, no password");
    assertThat(rejected.errorClass()).isNotBlank();
  }

  @Test
  void anEncryptedAttachmentFailsWithItsReasonMessageAndErrorClassEachInItsPlace() throws IOException {
    Path pdf = Fixtures.writeEncryptedPdf(dir.resolve("minutes.pdf"), "Minutes", "Closed session.", "user-pw");
    Path zip = Fixtures.writeZip(dir.resolve("board.zip"), java.util.Map.of(
        "minutes.pdf", Files.readAllBytes(pdf),
        "agenda.txt", "Budget, then any other business.".getBytes(java.nio.charset.StandardCharsets.UTF_8)));

    Outcome<io.newsflow.api.Extraction> outcome = EXTRACTOR.extractAll(source(zip));

    assertThat(outcome).isInstanceOf(Outcome.Success.class);
    io.newsflow.api.Extraction all = ((Outcome.Success<io.newsflow.api.Extraction>) outcome).value();
    assertThat(all.failures()).singleElement().satisfies(f -> {
      assertThat(f.reason()).isEqualTo(FailureReason.ENCRYPTED);
      assertThat(f.message()).isEqualTo("encrypted, no password");
      assertThat(f.errorClass()).matches("[\\w.$]+").isNotEqualTo(f.message());
    });
  }

  @Test
  void unknownBinaryIsRejectedAsUnsupported() throws IOException {
    byte[] noise = new byte[4096];
    new Random(42).nextBytes(noise);
    Path file = Files.write(dir.resolve("noise.bin"), noise);

    assertThat(rejected(EXTRACTOR.extract(source(file))).reason()).isEqualTo(FailureReason.UNSUPPORTED);
  }

  @Test
  void fileLargerThanTheMaximumIsRejectedAsTooLarge() throws IOException {
    Path file = Files.writeString(dir.resolve("big.txt"), ARTICLE);
    TikaExtractor small = new TikaExtractor(ExtractionConfig.defaults().withMaxFileSizeBytes(100).withIsolation(ExtractionConfig.Isolation.IN_PROCESS));

    Outcome.Rejected<ExtractedDocument> rejected = rejected(small.extract(source(file)));

    assertThat(rejected.reason()).isEqualTo(FailureReason.TOO_LARGE);
    assertThat(rejected.message()).contains("extract.max-file-size");
  }

  @Test
  void missingFileIsRejectedAsUnreadable() {
    Path missing = dir.resolve("gone.txt");
    SourceFile file = new SourceFile(missing.toUri(), missing, 10, NOW, SEEN, null);

    Outcome.Rejected<ExtractedDocument> rejected = rejected(EXTRACTOR.extract(file));

    assertThat(rejected.reason()).isEqualTo(FailureReason.UNREADABLE);
    assertThat(rejected.errorClass()).isEqualTo("java.nio.file.NoSuchFileException");
  }

  @Test
  void directoryIsRejectedAsUnreadable() throws IOException {
    Path directory = Files.createDirectory(dir.resolve("not-a-file"));

    Outcome.Rejected<ExtractedDocument> rejected = rejected(EXTRACTOR.extract(source(directory)));

    assertThat(rejected.reason()).isEqualTo(FailureReason.UNREADABLE);
    assertThat(rejected.errorClass()).isEqualTo("java.io.IOException");
  }

  @Test
  void unexpectedErrorIsRejectedAsInternalNamingItsClass() throws IOException {
    Path file = Files.writeString(dir.resolve("a.txt"), ARTICLE);
    Clock broken = new Clock() {
      @Override
      public ZoneOffset getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        throw new IllegalStateException("clock is broken");
      }
    };

    Outcome.Rejected<ExtractedDocument> rejected =
        rejected(new TikaExtractor(ExtractionConfig.defaults().withIsolation(ExtractionConfig.Isolation.IN_PROCESS), broken).extract(source(file)));

    assertThat(rejected.reason()).isEqualTo(FailureReason.INTERNAL);
    assertThat(rejected.errorClass()).isEqualTo("java.lang.IllegalStateException");
  }

  @Test
  void textLongerThanTheMaximumIsTruncatedNotRejected() throws IOException {
    Path file = Files.writeString(dir.resolve("long.txt"), ARTICLE.repeat(50));
    TikaExtractor small = new TikaExtractor(ExtractionConfig.defaults().withMaxTextChars(100).withIsolation(ExtractionConfig.Isolation.IN_PROCESS));

    ExtractedDocument doc = success(small.extract(source(file)));

    assertThat(doc.textTruncated()).isTrue();
    assertThat(doc.text()).hasSizeLessThanOrEqualTo(100).startsWith("Rail strike ends");
    assertThat(success(EXTRACTOR.extract(source(file))).textTruncated()).isFalse();
  }

  @Test
  void sha256AndSizeCoverTheWholeFileEvenWhenTheParserStopsEarly() throws Exception {
    Path text = Files.writeString(dir.resolve("long.txt"), ARTICLE.repeat(2000));
    Path pdf = Fixtures.writePdf(dir.resolve("doc.pdf"), "T", ARTICLE.repeat(20));
    TikaExtractor small = new TikaExtractor(ExtractionConfig.defaults().withMaxTextChars(50).withIsolation(ExtractionConfig.Isolation.IN_PROCESS));

    for (Path file : List.of(text, pdf)) {
      for (TikaExtractor extractor : List.of(EXTRACTOR, small)) {
        ExtractedDocument doc = success(extractor.extract(source(file)));
        assertThat(doc.source().sha256()).isEqualTo(jdkSha256(file));
        assertThat(doc.source().size()).isEqualTo(Files.size(file));
      }
    }
  }

  @Test
  void aDigestTheCallerAlreadyComputedIsTakenAsTheSourceDigest() throws Exception {
    Path file = Files.writeString(dir.resolve("known.txt"), ARTICLE);
    // Not the file's real digest: the extractor must take the caller's, not read the file again.
    String given = "ab".repeat(32);

    ExtractedDocument doc = success(EXTRACTOR.extract(source(file).withSha256(given)));
    ExtractedDocument hashed = success(EXTRACTOR.extract(source(file)));

    assertThat(doc.source().sha256()).isEqualTo(given);
    assertThat(doc.source().size()).isEqualTo(Files.size(file));
    assertThat(hashed.source().sha256()).isEqualTo(jdkSha256(file));
    assertThatThrownBy(() -> source(file).withSha256("ABC")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("64 lowercase hex");
  }

  @Test
  void recordCarriesIdentityAndTimesFromTheSourceFile() throws IOException {
    Path file = Files.writeString(dir.resolve("a.txt"), ARTICLE);
    SourceFile source = source(file);

    ExtractedDocument first = success(EXTRACTOR.extract(source));
    ExtractedDocument again = success(EXTRACTOR.extract(source(file)));

    assertThat(first.id()).isEqualTo(DocumentId.ofSource(file.toUri())).isEqualTo(again.id());
    assertThat(first.revision()).isEqualTo(source.modified().toEpochMilli());
    assertThat(first.source().uri()).isEqualTo(file.toUri().toString());
    assertThat(first.source().modified()).isEqualTo(source.modified());
    assertThat(first.seenAt()).isEqualTo(SEEN);
    assertThat(first.extractedAt()).isEqualTo(NOW);
    assertThat(first.jobId()).isEqualTo("job-1");
    assertThat(first.schemaVersion()).isEqualTo(ExtractedDocument.SCHEMA_VERSION);
    assertThat(first.pipelineVersion()).isEqualTo(PipelineVersion.CURRENT);
  }

  @Test
  void oneInstanceServesSeveralThreadsAtOnce() throws Exception {
    List<Path> files = List.of(
        Fixtures.writePdf(dir.resolve("t.pdf"), "PDF", ARTICLE),
        Fixtures.writeDocx(dir.resolve("t.docx"), "DOCX", ARTICLE),
        Fixtures.writeHtml(dir.resolve("t.html"), "HTML", "A", ARTICLE),
        Files.writeString(dir.resolve("t.txt"), ARTICLE));
    List<SourceFile> sources = new ArrayList<>();
    for (Path file : files) {
      sources.add(source(file));
    }
    List<Outcome<ExtractedDocument>> expected = sources.stream().map(EXTRACTOR::extract).toList();

    List<Callable<List<Outcome<ExtractedDocument>>>> tasks = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      tasks.add(() -> sources.stream().map(EXTRACTOR::extract).toList());
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      for (Future<List<Outcome<ExtractedDocument>>> result : pool.invokeAll(tasks)) {
        assertThat(result.get()).isEqualTo(expected);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private static SourceFile source(Path file) {
    return Fixtures.source(file, SEEN, "job-1");
  }

  private static ExtractedDocument success(Outcome<ExtractedDocument> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Success.class);
    return ((Outcome.Success<ExtractedDocument>) outcome).value();
  }

  private static Outcome.Rejected<ExtractedDocument> rejected(Outcome<ExtractedDocument> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Rejected.class);
    return (Outcome.Rejected<ExtractedDocument>) outcome;
  }

  private static String jdkSha256(Path file) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  /** Returns a zip of text entries that barely compress, so cutting it in half cuts into entry data. */
  private static byte[] zipOfRandomWords(int entries, int wordsPerEntry) throws IOException {
    Random random = new Random(7);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (int e = 0; e < entries; e++) {
        zip.putNextEntry(new ZipEntry("entry" + e + ".txt"));
        StringBuilder text = new StringBuilder("entry" + e);
        for (int w = 0; w < wordsPerEntry; w++) {
          text.append(' ').append(Integer.toString(random.nextInt(1 << 30), 36));
        }
        zip.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        zip.closeEntry();
      }
    }
    return bytes.toByteArray();
  }
}
