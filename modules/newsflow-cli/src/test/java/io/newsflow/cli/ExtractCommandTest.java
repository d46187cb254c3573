package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.api.Json;
import io.newsflow.extract.testing.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code newsflow extract} in this JVM; it needs no Kafka and no Elasticsearch. */
class ExtractCommandTest {

  @TempDir
  Path dir;

  @Test
  void printsOneJsonObjectPerFileAndExitsOneWhenAFileFailed() throws Exception {
    Path page = Files.writeString(dir.resolve("news.html"), Fixtures.NEWS_PAGE);
    Path empty = Files.writeString(dir.resolve("empty.txt"), "");

    Run run = run("extract", "--json", page.toString(), empty.toString());

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURES);
    List<JsonNode> lines = new ArrayList<>();
    for (String line : run.out().strip().split("\n")) {
      lines.add(Json.mapper().readTree(line));
    }
    assertThat(lines).hasSize(2);
    JsonNode article = lines.get(0);
    assertThat(article.get("path").asText()).isEqualTo(page.toString());
    assertThat(article.get("outcome").asText()).isEqualTo("success");
    assertThat(article.get("title").asText()).isEqualTo("Harbour bridge reopens after repairs");
    assertThat(article.get("published").asText()).isEqualTo("2024-03-04T08:30:00Z");
    assertThat(article.get("text").asText()).contains("four hundred rivets").doesNotContain("Ferry timetable");
    JsonNode failed = lines.get(1);
    assertThat(failed.get("outcome").asText()).isEqualTo("failed");
    assertThat(failed.get("reason").asText()).isEqualTo("empty");
  }

  @Test
  void printsTextAndMetadataForPeopleAndExitsZeroWhenAllSucceeded() throws Exception {
    Path page = Files.writeString(dir.resolve("news.html"), Fixtures.NEWS_PAGE);

    Run run = run("extract", page.toString());

    assertThat(run.exitCode()).isZero();
    assertThat(run.out()).contains("== " + page).contains("outcome         success")
        .contains("The old harbour bridge reopened");
  }

  @Test
  void printsTheEmbeddedDocumentsOfANestedArchiveAsChildren() throws Exception {
    Path zip = Fixtures.writeNestedZipWithMailWithPdf(dir.resolve("outer.zip"), "Figures attached.", "Figures",
        "Revenue rose by eleven percent.");

    Run run = run("extract", "--json", zip.toString());

    assertThat(run.exitCode()).isZero();
    JsonNode file = Json.mapper().readTree(run.out().strip());
    List<String> paths = new ArrayList<>();
    file.get("children").forEach(c -> paths.add(c.get("embedded_path").asText()));
    assertThat(paths).contains("/inner.zip", "/inner.zip/report.eml", "/inner.zip/report.eml/figures.pdf");
    JsonNode pdf = null;
    JsonNode mail = null;
    for (JsonNode c : file.get("children")) {
      if (c.get("embedded_path").asText().endsWith("figures.pdf")) {
        pdf = c;
      } else if (c.get("embedded_path").asText().endsWith("report.eml")) {
        mail = c;
      }
    }
    assertThat(pdf.get("text").asText()).contains("Revenue rose by eleven percent");
    assertThat(pdf.get("parent_id").asText()).isEqualTo(mail.get("id").asText());
  }

  private record Run(int exitCode, String out) {}

  private Run run(String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      List<String> all = new ArrayList<>(List.of("--config", writeEmptyConfig().toString()));
      all.addAll(List.of(args));
      int code = Main.commandLine().execute(all.toArray(String[]::new));
      return new Run(code, o.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
    }
  }

  private Path writeEmptyConfig() {
    try {
      return Files.writeString(dir.resolve("empty.properties"), "");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
