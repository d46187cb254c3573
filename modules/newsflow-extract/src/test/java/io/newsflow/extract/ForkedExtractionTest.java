package io.newsflow.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Extraction;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import io.newsflow.extract.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Extraction in Tika's pipes worker processes, the default isolation. */
class ForkedExtractionTest {

  private static TikaExtractor forked;

  @TempDir
  Path dir;

  @BeforeAll
  static void start() {
    forked = new TikaExtractor(ExtractionConfig.defaults().withWorkers(1, 256L * 1024 * 1024)
        .withPasswords(List.of("wrong", "open-sesame", SPACED_UNICODE_PASSWORD)));
  }

  /** Spaces at both ends, a comma, a quote and a character outside the BMP: the worker must get it intact. */
  private static final String SPACED_UNICODE_PASSWORD = "  \" sesame, \u20AC \uD83D\uDE00  ";

  @AfterAll
  static void stop() {
    forked.close();
  }

  @Test
  void aBatchExtractorsWorkersRunAtTheLowerPriorityAndGiveTheSameDocument() throws Exception {
    Path stat = Path.of("/proc/self/stat");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(stat), "needs /proc");
    Path file = Files.writeString(dir.resolve("note.txt"), "The harbour board met on Tuesday and approved the budget.");
    int own = nice(ProcessHandle.current().pid());
    // Under nice 17 or more both extractors' workers end at 19 and cannot be told apart.
    org.junit.jupiter.api.Assumptions.assumeTrue(own + 3 <= 19, "the tests run at nice " + own);

    try (TikaExtractor low = new TikaExtractor(ExtractionConfig.defaults().withWorkers(1, 256L * 1024 * 1024), 3)) {
      ExtractedDocument doc = success(low.extractAll(source(file))).document();
      assertThat(doc.text()).isEqualTo(success(forked.extractAll(source(file))).document().text());
      List<Long> niced = ProcessHandle.current().children()
          .filter(c -> c.info().command().orElse("").endsWith("java")) // the workers are this test JVM's only children
          .filter(c -> nice(c.pid()) == own + 3)
          .map(ProcessHandle::pid).toList();
      assertThat(niced).hasSize(1);
    }
  }

  private static int nice(long pid) {
    try {
      String s = Files.readString(Path.of("/proc/" + pid + "/stat"));
      return Integer.parseInt(s.substring(s.lastIndexOf(')') + 2).split(" ")[16]);
    } catch (IOException e) {
      return Integer.MIN_VALUE; // the process is gone
    }
  }

  @Test
  void nestedZipWithAMailWithAPdfGivesLinkedChildDocuments() {
    Path zip = Fixtures.writeNestedZipWithMailWithPdf(dir.resolve("outer.zip"), "Please find the figures attached.",
        "Quarterly figures", "Revenue rose by eleven percent in the third quarter.");

    Extraction all = success(forked.extractAll(source(zip)));

    ExtractedDocument mail = child(all, "/inner.zip/report.eml");
    ExtractedDocument pdf = child(all, "/inner.zip/report.eml/figures.pdf");
    ExtractedDocument inner = child(all, "/inner.zip");
    assertThat(pdf.text()).contains("Revenue rose by eleven percent");
    assertThat(pdf.embedded().parent()).isEqualTo(mail.id());
    assertThat(mail.embedded().parent()).isEqualTo(inner.id());
    assertThat(inner.embedded().parent()).isEqualTo(all.document().id());
    assertThat(pdf.embedded().root()).isEqualTo(all.document().id());
    assertThat(pdf.embedded().depth()).isEqualTo(3);
    // The mail's text is its body once, not the plain and HTML alternatives both, nor the attachment.
    assertThat(mail.text().split("Please find the figures attached", -1)).hasSize(2);
    assertThat(mail.text()).doesNotContain("Revenue rose");
    assertThat(all.document().text()).doesNotContain("Revenue rose");
  }

  @Test
  void encryptedPdfOpensWithAConfiguredPassword() {
    Path pdf = Fixtures.writeEncryptedPdf(dir.resolve("locked.pdf"), "Locked", "The minutes of the board meeting.",
        "open-sesame");

    assertThat(success(forked.extractAll(source(pdf))).document().text()).contains("minutes of the board meeting");
  }

  @Test
  void aPasswordWithSpacesAtItsEndsAndCharactersOutsideTheBmpOpensItsPdf() {
    Path pdf = Fixtures.writeEncryptedPdf(dir.resolve("spaced.pdf"), "Spaced", "The spaced minutes of the board.",
        SPACED_UNICODE_PASSWORD);

    assertThat(success(forked.extractAll(source(pdf))).document().text()).contains("spaced minutes of the board");
  }

  @Test
  void encryptedPdfWithAnUnknownPasswordIsRejectedAsEncrypted() {
    Path pdf = Fixtures.writeEncryptedPdf(dir.resolve("locked.pdf"), "Locked", "The minutes.", "unknown-pw");

    Outcome<Extraction> outcome = forked.extractAll(source(pdf));

    assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(FailureReason.ENCRYPTED);
      assertThat(r.message()).isEqualTo("encrypted, no password");
    });
  }

  @Test
  void aNestedArchiveWhoseTextDwarfsItsSizeIsRejectedAsAZipBomb() throws IOException {
    // 3 MB of one repeated line compresses about 1,000 to 1; nested, each level looks harmless to Tika.
    byte[] text = "blah blah blah blah blah blah blah blah\n".repeat(75_000).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    java.util.Map<String, byte[]> inner = new java.util.LinkedHashMap<>();
    inner.put("blah.txt", text);
    byte[] innerZip = Files.readAllBytes(Fixtures.writeZip(dir.resolve("inner.zip"), inner));
    java.util.Map<String, byte[]> outer = new java.util.LinkedHashMap<>();
    outer.put("inner.zip", innerZip);
    Path bomb = Fixtures.writeZip(dir.resolve("bomb.zip"), outer);

    Outcome<Extraction> outcome = forked.extractAll(source(bomb));

    assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class, r -> {
      assertThat(r.reason()).isEqualTo(FailureReason.LIMIT_EXCEEDED);
      assertThat(r.message()).contains("zip bomb");
    });
  }

  @Test
  void htmlPageStillGivesTheArticle() throws IOException {
    Path page = Files.writeString(dir.resolve("page.html"), Fixtures.NEWS_PAGE);

    ExtractedDocument doc = success(forked.extractAll(source(page))).document();

    assertThat(doc.text()).contains("rivets").doesNotContain("cookies");
    assertThat(doc.web().siteName()).isEqualTo("The Coastal Courier");
  }

  private static ExtractedDocument child(Extraction all, String path) {
    return all.children().stream().filter(c -> c.embedded().path().equals(path)).findFirst()
        .orElseThrow(() -> new AssertionError("no child " + path + " in " + all.children().stream()
            .map(c -> c.embedded().path()).toList()));
  }

  @SuppressWarnings("unchecked")
  private static Extraction success(Outcome<Extraction> outcome) {
    assertThat(outcome).isInstanceOf(Outcome.Success.class);
    return ((Outcome.Success<Extraction>) outcome).value();
  }

  private static SourceFile source(Path file) {
    return Fixtures.source(file, Instant.now(), null);
  }
}
