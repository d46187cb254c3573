package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.api.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs {@code newsflow enrich} in this JVM: no Kafka, no Elasticsearch. */
class EnrichCommandTest {

  private static final Path DEMO = Path.of("../../deploy/demo/articles");

  private static String run(Path config, String... args) {
    PrintStream out = System.out;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    List<String> all = new ArrayList<>(List.of("--config", config.toString()));
    all.addAll(List.of(args));
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      int code = Main.commandLine().execute(all.toArray(String[]::new));
      assertThat(code).as(o.toString(StandardCharsets.UTF_8)).isZero();
    } finally {
      System.setOut(out);
    }
    return o.toString(StandardCharsets.UTF_8);
  }

  @Test
  void jsonGivesOneLinePerFileWithEntitiesMentionsAndDates(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("empty.properties"), "");

    String out = run(config, "enrich", "--json", DEMO.resolve("elwin-bridge-valley-times.html").toString(),
        DEMO.resolve("elwin-bridge-reopens-coastal-herald.txt").toString());

    List<String> lines = out.lines().toList();
    assertThat(lines).hasSize(2);
    for (String line : lines) {
      JsonNode doc = Json.mapper().readTree(line);
      assertThat(doc.get("id").asText()).hasSize(32);
      JsonNode e = doc.get("enrichment");
      assertThat(e.get("published_date").asText()).isEqualTo("2026-03-03");
      List<String> entities = new ArrayList<>();
      for (JsonNode entity : e.get("entities")) {
        entities.add(entity.get("name").asText() + "/" + entity.get("type").asText());
        assertThat(entity.get("mentions").size()).isEqualTo(entity.get("mention_count").asInt());
        assertThat(entity.at("/mentions/0/start").asInt()).isEqualTo(entity.get("first_offset").asInt());
        assertThat(entity.at("/mentions/0/text").asText()).isNotBlank();
        assertThat(entity.at("/mentions/0/end").asInt()).isGreaterThan(entity.at("/mentions/0/start").asInt());
      }
      assertThat(entities).contains("Tomas Reyvik/PERSON", "Ilse Varga/PERSON", "Port Elwin/LOCATION");
      assertThat(e.get("dates").findValuesAsText("value")).contains("2026-03-03");
    }
  }

  @Test
  void withoutJsonItPrintsAReadableSummary(@TempDir Path dir) throws Exception {
    Path config = Files.writeString(dir.resolve("none.properties"), "enrich.entities=none\n");

    String out = run(config, "enrich", DEMO.resolve("elwin-bridge-morning-wire.txt").toString());

    assertThat(out).contains("elwin-bridge-morning-wire.txt", "language     en", "key phrases", "took", "entities")
        // Without a recogniser only the names after a title ("Mayor Tomas Reyvik") are found.
        .contains("PERSON       Tomas Reyvik").doesNotContain("LOCATION");
  }
}
