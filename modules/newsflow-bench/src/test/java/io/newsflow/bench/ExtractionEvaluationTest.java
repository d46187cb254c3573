package io.newsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionEvaluationTest {

  @TempDir
  Path corpus;

  @Test
  void countsSnippetsAfterNormalisingWhitespaceAndSumsOverPages() throws IOException {
    writeCorpus();

    // The "extractor" echoes the page's bytes, so the scores follow from the pages written below.
    ExtractionEvaluation.Report r = ExtractionEvaluation.run(corpus,
        page -> new String(page.html(), StandardCharsets.UTF_8));

    // a.html: "with" 'one  two' matches 'one two' after normalising (TP), 'absent' misses (FN),
    // "without" 'menu' leaks (FP). b.html (under eval/): TP for 'three', TN for 'footer'.
    assertThat(r.documents()).isEqualTo(2);
    assertThat(r.truePositives()).isEqualTo(2);
    assertThat(r.falseNegatives()).isEqualTo(1);
    assertThat(r.falsePositives()).isEqualTo(1);
    assertThat(r.trueNegatives()).isEqualTo(1);
    assertThat(r.precision()).isEqualTo(2.0 / 3);
    assertThat(r.recall()).isEqualTo(2.0 / 3);
    assertThat(r.accuracy()).isEqualTo(3.0 / 5);
    assertThat(r.f1()).isEqualTo(4.0 / 6);
  }

  @Test
  void scoresOneHalfOfThePagesWhenAsked() throws IOException {
    writeCorpus();

    ExtractionEvaluation.Report even = ExtractionEvaluation.run(corpus,
        page -> new String(page.html(), StandardCharsets.UTF_8), ExtractionEvaluation.Pages.EVEN);
    ExtractionEvaluation.Report odd = ExtractionEvaluation.run(corpus,
        page -> new String(page.html(), StandardCharsets.UTF_8), ExtractionEvaluation.Pages.ODD);

    // Page 0 is a.html (1 TP, 1 FN, 1 FP), page 1 is b.html (1 TP, 1 TN).
    assertThat(even.pages()).extracting(ExtractionEvaluation.PageResult::file).containsExactly("a.html");
    assertThat(even.falsePositives()).isEqualTo(1);
    assertThat(odd.pages()).extracting(ExtractionEvaluation.PageResult::file).containsExactly("b.html");
    assertThat(odd.trueNegatives()).isEqualTo(1);
    assertThat(odd.f1()).isEqualTo(1.0);
  }

  @Test
  void aCrashCountsAsEmptyOutput() throws IOException {
    writeCorpus();

    ExtractionEvaluation.Report r = ExtractionEvaluation.run(corpus, page -> {
      throw new IllegalStateException("boom");
    });

    assertThat(r.crashes()).isEqualTo(2);
    assertThat(r.truePositives()).isZero();
    assertThat(r.falseNegatives()).isEqualTo(3);
    assertThat(r.trueNegatives()).isEqualTo(2);
  }

  @Test
  void aPageMissingFromTheCorpusIsAnErrorNotASkippedPage() throws IOException {
    Files.writeString(corpus.resolve("evaldata.json"), """
        {"https://x.example/": {"file": "gone.html", "with": ["a"], "without": []}}
        """);

    assertThatThrownBy(() -> ExtractionEvaluation.run(corpus, page -> "")).hasMessageContaining("gone.html");
  }

  private void writeCorpus() throws IOException {
    Files.writeString(corpus.resolve("evaldata.json"), """
        {"https://a.example/": {"file": "a.html", "with": ["one  two", "absent"], "without": ["menu"]},
         "https://b.example/": {"file": "b.html", "with": ["three"], "without": ["footer"]}}
        """);
    gzip(corpus.resolve("cache/a.html.gz"), "<p>one\n two</p> menu");
    gzip(corpus.resolve("eval/b.html.gz"), "<p>three</p>");
  }

  private static void gzip(Path file, String content) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
      out.write(content.getBytes(StandardCharsets.UTF_8));
    }
  }
}
