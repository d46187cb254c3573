package io.newsflow.cli;

import static io.newsflow.cli.TestStack.json;
import static io.newsflow.cli.TestStack.uniqueWord;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.api.DeadLetter;
import io.newsflow.api.FailureReason;
import io.newsflow.cli.testing.NeverEndingParser;
import io.newsflow.extract.testing.Fixtures;
import io.newsflow.kafka.DeadLetterReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Extraction isolated in Tika's pipes worker processes, through the real pipeline (Kafka and
 * Elasticsearch of {@link TestStack}): embedded documents, a parse that never ends, encrypted files.
 */
class ExtractionIT {



  /** A configuration for the test stack that parses in 2 worker processes with a short timeout. */
  private static Path forkedConfig(Path dir) throws IOException {
    TestStack.config();
    return TestStack.writeConfig(dir.resolve("forked.properties"), Map.of(
        "extract.isolation", "fork", "extract.workers", "2", "extract.worker-heap", "256MB", "extract.timeout", "8s"));
  }

  private static JsonNode show(String id) throws IOException {
    TestStack.Run run = TestStack.cli("show", "--json", id);
    assertThat(run.exitCode()).as(run.err()).isZero();
    return json(run.out());
  }

  @Test
  void aNestedZipWithAMailWithAPdfAttachmentBecomesLinkedChildDocumentsInTheIndex(@TempDir Path dir) throws Exception {
    String word = uniqueWord();
    Path in = Files.createDirectory(dir.resolve("in"));
    Path zip = Fixtures.writeNestedZipWithMailWithPdf(in.resolve("outer.zip"), "Please find the figures attached.",
        "Quarterly figures", "Revenue rose by eleven percent, says " + word + ".");

    TestStack.Run run = TestStack.cliWith(forkedConfig(dir), "import", "--wait", "--json", in.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    JsonNode summary = json(run.out());
    // The import reads outer.zip as a source: inner.zip is its item, and Tika reads the mail and the
    // PDF inside it as embedded documents.
    assertThat(summary.get("indexed").asLong()).isEqualTo(1);
    assertThat(summary.get("embedded").asLong()).isGreaterThanOrEqualTo(2);
    // --wait waits for the item's own document; its children arrive alongside.
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(json(TestStack.cli("search", "--json", word).out()).get("hits")).hasSize(1));
    JsonNode hits = json(TestStack.cli("search", "--json", word).out()).get("hits");
    // The PDF's text is a document of its own, not glued onto the mail or the zip.
    JsonNode pdf = show(hits.get(0).get("id").asText());
    assertThat(pdf.at("/embedded/path").asText()).endsWith("/report.eml/figures.pdf");
    assertThat(pdf.get("content_type").asText()).isEqualTo("application/pdf");
    assertThat(pdf.get("text").asText()).contains("Revenue rose by eleven percent");
    JsonNode mail = show(pdf.at("/embedded/parent").asText());
    assertThat(mail.at("/embedded/path").asText()).endsWith("/report.eml");
    assertThat(mail.at("/embedded/root").asText()).isEqualTo(pdf.at("/embedded/root").asText());
    assertThat(mail.get("text").asText()).contains("Please find the figures attached").doesNotContain(word);
    assertThat(mail.get("children")).anySatisfy(c -> assertThat(c.get("id").asText()).isEqualTo(pdf.get("id").asText()));
    JsonNode root = show(pdf.at("/embedded/root").asText());
    assertThat(root.at("/source/uri").asText()).startsWith("jar:" + zip.toUri()).endsWith("inner.zip");
    assertThat(root.has("embedded")).isFalse();
    assertThat(root.get("text").asText()).doesNotContain(word);
  }

  @Test
  void aFileThatNeverFinishesParsingTimesOutAndIsDeadLetteredWhileTheOthersAreIndexed(@TempDir Path dir)
      throws Exception {
    String word = uniqueWord();
    Path in = Files.createDirectory(dir.resolve("in"));
    // NUL bytes after the magic: binary, so newsflow's text-first detector keeps the detected type.
    Path stuck = Files.write(in.resolve("a-stuck.bin"),
        (NeverEndingParser.MAGIC + "\0\0\0\0").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    for (int i = 0; i < 6; i++) {
      Files.writeString(in.resolve("good-" + i + ".txt"), "Good file " + i + "\n\nIt mentions " + word + ".");
    }
    Path locked = Fixtures.writeEncryptedPdf(in.resolve("locked.pdf"), "Locked", "The board minutes " + word + ".",
        "nobody-knows");

    TestStack.Run run;
    List<DeadLetter> letters = new ArrayList<>();
    try (DeadLetterReader reader = new DeadLetterReader(TestStack.pipeline().kafkaConfig())) {
      var start = reader.endOffsets();
      run = TestStack.cliWith(forkedConfig(dir), "import", "--wait", "--json", in.toString());
      assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.EXIT_FAILURES);
      reader.seek(start);
      String output = run.out();
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        letters.addAll(reader.poll(Duration.ofMillis(200)));
        assertThat(letters.stream().filter(l -> l.source() != null && l.source().startsWith(in.toUri().toString())))
            .as("dead letters of %s after import %s: %s", in.toUri(), output, letters).hasSizeGreaterThanOrEqualTo(2);
      });
    }

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURES);
    JsonNode summary = json(run.out());
    assertThat(summary.get("seen").asLong()).isEqualTo(8);
    assertThat(summary.get("indexed").asLong()).isEqualTo(6);
    assertThat(summary.at("/failures/timeout").asLong()).isEqualTo(1);
    assertThat(summary.at("/failures/encrypted").asLong()).isEqualTo(1);
    assertThat(json(TestStack.cli("search", "--json", "--size", "100", word).out()).get("total").asLong()).isEqualTo(6);
    DeadLetter timedOut = letters.stream().filter(l -> stuck.toUri().toString().equals(l.source())).findFirst().orElseThrow();
    assertThat(timedOut.reason()).isEqualTo(FailureReason.TIMEOUT);
    assertThat(timedOut.message()).contains("extract.timeout");
    DeadLetter encrypted = letters.stream().filter(l -> locked.toUri().toString().equals(l.source())).findFirst().orElseThrow();
    assertThat(encrypted.reason()).isEqualTo(FailureReason.ENCRYPTED);
    assertThat(encrypted.message()).isEqualTo("encrypted, no password");
  }
}
