package io.newsflow.cli;

import static io.newsflow.cli.TestStack.json;
import static io.newsflow.cli.TestStack.uniqueWord;
import static io.newsflow.cli.TestStack.hitsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.api.DeadLetter;
import io.newsflow.api.DocumentId;
import io.newsflow.api.FailureReason;
import io.newsflow.extract.testing.Fixtures;
import io.newsflow.kafka.DeadLetterReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Files in, searchable documents out, on the real Kafka and Elasticsearch of {@link TestStack}. */
class PipelineIT {




  private static Path copyDemoArticles(Path dir) throws IOException {
    Path demo = TestStack.root().resolve("deploy/demo/articles");
    try (Stream<Path> files = Files.list(demo)) {
      // Each copy gets bytes of its own: the importer skips a byte-for-byte copy of an indexed
      // document as a duplicate, and other tests (and earlier runs on this data folder) import these too.
      String mark = uniqueWord();
      for (Path f : files.toList()) {
        String text = Files.readString(f);
        Files.writeString(dir.resolve(f.getFileName()), f.toString().endsWith(".html")
            ? text + "\n<!-- copy " + mark + " -->\n" : text + "\n\n(" + mark + ")\n");
        Files.setLastModifiedTime(dir.resolve(f.getFileName()), Files.getLastModifiedTime(f));
      }
    }
    return dir;
  }

  @Test
  void demoArticlesAndGeneratedFormatsAreSearchableWithTitleAndLanguage(@TempDir Path dir) throws Exception {
    copyDemoArticles(dir);
    Path generated = Files.createDirectories(dir.resolve("generated"));
    Fixtures.writePdf(generated.resolve("inspection.pdf"), "Harbour bridge inspection report",
        "Inspectors examined the piles of the Elwin Harbour Bridge before it reopened to traffic.");
    Fixtures.writeDocx(generated.resolve("minutes.docx"), "Council minutes on the ferry timetable",
        "The council agreed to reduce the ferry timetable once the Elwin Harbour Bridge reopened.");
    Fixtures.writeHtml(generated.resolve("notice.html"), "Ferry notice for Northgate passengers", "Harbour Desk",
        "Weekend ferries between Northgate and the old town will continue after the Elwin Harbour Bridge reopening.");
    Files.writeString(generated.resolve("notice.html"), "\n<!-- copy " + uniqueWord() + " -->\n", java.nio.file.StandardOpenOption.APPEND);
    long files;
    try (Stream<Path> s = Files.walk(dir)) {
      files = s.filter(Files::isRegularFile).count();
    }

    TestStack.Run run = TestStack.cli("import", "--wait", "--json", dir.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    JsonNode summary = json(run.out());
    assertThat(summary.get("seen").asLong()).isEqualTo(files);
    assertThat(summary.get("indexed").asLong()).isEqualTo(files);
    assertThat(summary.get("failed").asLong()).isZero();

    JsonNode hits = json(TestStack.cli("search", "--json", "--size", "100", "Elwin Harbour Bridge").out()).get("hits");
    List<String> titles = new ArrayList<>();
    for (JsonNode hit : hits) {
      if (hit.get("source").asText().startsWith(dir.toUri().toString())) {
        titles.add(hit.get("title").asText());
        assertThat(hit.get("id").asText()).hasSize(32);
        assertThat(hit.get("score").asDouble()).isPositive();
      }
    }
    assertThat(titles).contains(
        "Elwin Harbour Bridge reopens after two-year rebuild",
        "Port Elwin celebrates as harbour bridge opens again",
        "Bridge back in service: Port Elwin ends two-year detour",
        "Harbour bridge inspection report",
        "Council minutes on the ferry timetable",
        "Ferry notice for Northgate passengers");
    assertThat(titles).doesNotContain("Teenager wins the Lakeside Open chess tournament on tie-break");

    // English stemming: "reopening" finds "reopens" and "reopened".
    assertThat(hitsFor("reopening")).isGreaterThanOrEqualTo(3);

    // Enrichment follows extraction: the detected language arrives as a partial update.
    String french = DocumentId.ofSource(dir.resolve("marche-de-noel-lyon-fr.txt").toUri()).value();
    String english = DocumentId.ofSource(dir.resolve("elwin-bridge-morning-wire.txt").toUri()).value();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      JsonNode fr = json(TestStack.cli("show", "--json", french).out());
      assertThat(fr.path("language").asText()).isEqualTo("fr"); // path(): absent until enriched, await retries
      assertThat(fr.get("title").asText()).isEqualTo("Le marché de Noël de Lyon ouvre ses portes avec deux cents chalets");
      JsonNode en = json(TestStack.cli("show", "--json", english).out());
      assertThat(en.path("language").asText()).isEqualTo("en");
      assertThat(en.at("/enrichment/word_count").asInt()).isGreaterThan(40);
      assertThat(en.get("pipeline_version").asText()).isNotBlank();
      assertThat(en.get("schema_version").asInt()).isEqualTo(io.newsflow.api.ExtractedDocument.SCHEMA_VERSION);
      // The NLP enrichment arrives with it: people and places merged within the article.
      List<String> entities = new ArrayList<>();
      for (JsonNode entity : en.at("/enrichment/entities")) {
        entities.add(entity.get("name").asText() + "/" + entity.get("type").asText());
        String text = en.get("text").asText();
        for (JsonNode m : entity.get("mentions")) {
          assertThat(text.substring(m.get("start").asInt(), m.get("end").asInt())).isEqualTo(m.get("text").asText());
        }
      }
      assertThat(entities).contains("Tomas Reyvik/PERSON", "Ilse Varga/PERSON", "Port Elwin/LOCATION");
      assertThat(en.at("/enrichment/quotes/0/speaker").asText()).isEqualTo("Tomas Reyvik");
      assertThat(en.at("/enrichment/enrichers").findValuesAsText("name")).contains("entities", "dates", "quotes", "key-phrases");
    });
    // The three outlets' reports of the reopening are one story; the chess final is not part of it.
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      List<String> stories = new ArrayList<>();
      for (String file : List.of("elwin-bridge-morning-wire.txt", "elwin-bridge-reopens-coastal-herald.txt",
          "elwin-bridge-valley-times.html", "chess-open-final.txt")) {
        JsonNode doc = json(TestStack.cli("show", "--json", DocumentId.ofSource(dir.resolve(file).toUri()).value()).out());
        assertThat(doc.at("/story/id").asText()).as(file).isNotBlank();
        assertThat(doc.at("/story/assigned").asBoolean()).as(file + " stored by the story stage").isTrue();
        stories.add(doc.at("/story/id").asText());
      }
      assertThat(stories.get(1)).isEqualTo(stories.get(0));
      assertThat(stories.get(2)).isEqualTo(stories.get(0));
      assertThat(stories.get(3)).isNotEqualTo(stories.get(0));
      // The stored id is what search hits carry too.
      JsonNode bridgeHits = json(TestStack.cli("search", "--json", "--size", "100", "Elwin Harbour Bridge").out()).get("hits");
      int seen = 0;
      for (JsonNode hit : bridgeHits) {
        if (hit.get("source").asText().startsWith(dir.toUri().toString())
            && hit.get("title").asText().equals("Elwin Harbour Bridge reopens after two-year rebuild")) {
          assertThat(hit.get("story").asText()).isEqualTo(stories.get(0));
          seen++;
        }
      }
      assertThat(seen).isEqualTo(1);
      // The mayor's words, quoted by two outlets, are corroborated by both.
      JsonNode wire = json(TestStack.cli("show", "--json", english).out());
      assertThat(wire.at("/enrichment/quotes/0/speaker").asText()).isEqualTo("Tomas Reyvik");
      assertThat(wire.at("/enrichment/quotes/0/sources").asInt()).isGreaterThanOrEqualTo(2);
    });
  }

  @Test
  void aPersonNamedBySurnameAloneGetsTheFullNamesKeyWithinTheStory(@TempDir Path dir) throws Exception {
    FerryStory.write(dir, Long.toHexString(System.nanoTime()));
    TestStack.Run run = TestStack.cli("import", "--wait", dir.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    String brief = DocumentId.ofSource(dir.resolve(FerryStory.BRIEF).toUri()).value();
    String full = DocumentId.ofSource(dir.resolve(FerryStory.FULL).toUri()).value();
    await().atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
      JsonNode shown = json(TestStack.cli("show", "--json", brief).out());
      // Other tests of this run may import their own copies of the two reports into the same story.
      assertThat(shown.at("/story/documents").asInt()).as("one story").isGreaterThanOrEqualTo(2);
      assertThat(json(TestStack.cli("show", "--json", full).out()).at("/story/id").asText()).isEqualTo(shown.at("/story/id").asText());
      JsonNode lindqvist = null;
      for (JsonNode e : shown.at("/enrichment/entities")) {
        if (e.get("name").asText().equals("Lindqvist")) {
          lindqvist = e;
        }
      }
      assertThat(lindqvist).as("the brief names her by surname").isNotNull();
      assertThat(lindqvist.get("key").asText()).isEqualTo("person:mara-lindqvist");
      assertThat(lindqvist.get("document_key").asText()).isEqualTo("person:lindqvist");
      List<String> facts = new ArrayList<>();
      shown.at("/enrichment/claims/0/facts").forEach(f -> facts.add(f.asText()));
      assertThat(facts).contains("person:mara-lindqvist").doesNotContain("person:lindqvist");
      assertThat(shown.at("/enrichment/claims/0/sources").asInt()).isGreaterThanOrEqualTo(2);
    });
  }

  @Test
  void aNearCopyImportedLaterIsShownAsADuplicateOfTheFirst(@TempDir Path dir) throws Exception {
    // An invented wire story, a lightly edited reprint of it and an unrelated notice.
    String word = uniqueWord();
    String[] vocabulary = ("crews pier ferry harbour timber deck council storm tide morning repairs northgate "
        + "office yard bridge piles steel rope boats passengers weekend timetable engineers inspection report "
        + "budget weather winter cargo lights rails").split(" ");
    // Seeded by the run's unique word: the test index keeps earlier runs' documents, which must not match.
    java.util.Random random = new java.util.Random(word.hashCode());
    StringBuilder story = new StringBuilder("Ferry pier repairs in Northgate " + word + "\n\n");
    for (int i = 0; i < 300; i++) {
      story.append(i == 100 ? "alpha" : i == 200 ? "omega" : vocabulary[random.nextInt(vocabulary.length)])
          .append(i % 15 == 14 ? ". " : " ");
    }
    Path original = Files.writeString(dir.resolve("pier-wire.txt"), story.toString());
    Path first = Files.createDirectories(dir.resolve("first"));
    Files.move(original, first.resolve("pier-wire.txt"));
    assertThat(TestStack.cli("import", "--wait", first.toString()).exitCode()).isZero();

    Path later = Files.createDirectories(dir.resolve("later"));
    Files.writeString(later.resolve("pier-reprint.txt"), story.toString()
        .replace("alpha", "first").replace("omega", "last") + "Reporting by the Harbour Desk.");
    // Unrelated, and unlike earlier runs' notices too (their text would otherwise match this one's).
    StringBuilder noticeText = new StringBuilder("Library hours " + word + "\n\n");
    String[] library = "library opens late reading room closes painting week month winter thursday shelves loans children hour".split(" ");
    for (int i = 0; i < 60; i++) {
      noticeText.append(library[random.nextInt(library.length)]).append(i % 12 == 11 ? ". " : " ");
    }
    Files.writeString(later.resolve("notice.txt"), noticeText.toString());
    assertThat(TestStack.cli("import", "--wait", later.toString()).exitCode()).isZero();

    String firstId = DocumentId.ofSource(first.resolve("pier-wire.txt").toUri()).value();
    String reprintId = DocumentId.ofSource(later.resolve("pier-reprint.txt").toUri()).value();
    String noticeId = DocumentId.ofSource(later.resolve("notice.txt").toUri()).value();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
      JsonNode reprint = json(TestStack.cli("show", "--json", reprintId).out());
      assertThat(reprint.at("/duplicate_of/id").asText()).isEqualTo(firstId);
      assertThat(reprint.at("/duplicate_of/similarity").asDouble()).isGreaterThanOrEqualTo(0.8);
      JsonNode notice = json(TestStack.cli("show", "--json", noticeId).out());
      assertThat(notice.at("/enrichment/minhash_bands").size()).isEqualTo(16);
      assertThat(notice.has("duplicate_of")).isFalse();
    });
    // The original is not a duplicate of its own reprint.
    assertThat(json(TestStack.cli("show", "--json", firstId).out()).has("duplicate_of")).isFalse();
  }

  @Test
  void reimportingTheSameFilesLeavesExactlyOneDocumentEach(@TempDir Path dir) throws Exception {
    String word = uniqueWord();
    for (int i = 0; i < 5; i++) {
      Files.writeString(dir.resolve("note-" + i + ".txt"), "Note " + i + "\n\nA short note about " + word + " number " + i + ".");
    }

    TestStack.Run first = TestStack.cli("import", "--wait", "--json", dir.toString());
    TestStack.Run second = TestStack.cli("import", "--wait", "--json", dir.toString());

    assertThat(json(first.out()).get("indexed").asLong()).isEqualTo(5);
    JsonNode again = json(second.out());
    assertThat(again.get("seen").asLong()).isEqualTo(5);
    assertThat(again.get("unchanged").asLong()).isEqualTo(5);
    assertThat(again.get("indexed").asLong()).isZero();
    assertThat(hitsFor(word)).isEqualTo(5);

    // A changed file replaces its old version instead of adding one.
    Path changed = dir.resolve("note-0.txt");
    Files.writeString(changed, "Note 0, revised\n\nThe revised note about " + word + ".");
    Files.setLastModifiedTime(changed, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    JsonNode third = json(TestStack.cli("import", "--wait", "--json", dir.toString()).out());
    assertThat(third.get("indexed").asLong()).isEqualTo(1);
    assertThat(third.get("unchanged").asLong()).isEqualTo(4);
    assertThat(hitsFor(word)).isEqualTo(5);
    assertThat(hitsFor("revised " + word)).isEqualTo(1);
  }

  @Test
  void aWebPageIsIndexedAsItsArticleWithoutNavigationRelatedLinksOrFooter(@TempDir Path dir) throws Exception {
    String article = uniqueWord();
    String menu = uniqueWord();
    String related = uniqueWord();
    String footer = uniqueWord();
    Path page = Files.writeString(dir.resolve("bridge.html"), Fixtures.NEWS_PAGE
        .replace("four hundred rivets", "four hundred " + article + " rivets")
        .replace("Weather outlook", menu + " outlook")
        .replace("Ferry timetable", related + " timetable")
        .replace("All rights reserved", footer + " reserved"));

    TestStack.Run run = TestStack.cli("import", "--wait", "--json", dir.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(hitsFor(article)).isEqualTo(1);
    assertThat(hitsFor(menu)).isZero();
    assertThat(hitsFor(related)).isZero();
    assertThat(hitsFor(footer)).isZero();
    JsonNode doc = json(TestStack.cli("show", "--json", DocumentId.ofSource(page.toUri()).value()).out());
    assertThat(doc.get("title").asText()).isEqualTo("Harbour bridge reopens after repairs");
    assertThat(doc.at("/web/published").asText()).startsWith("2024-03-04T08:30");
    assertThat(doc.at("/web/site_name").asText()).isEqualTo("The Coastal Courier");
  }

  @Test
  void aCorruptFileIsDeadLetteredWithItsReasonWhileTheOtherFilesArrive(@TempDir Path dir) throws Exception {
    String word = uniqueWord();
    Files.writeString(dir.resolve("good-1.txt"), "Good one\n\nThe first good file mentions " + word + ".");
    Files.writeString(dir.resolve("good-2.txt"), "Good two\n\nThe second good file mentions " + word + " too.");
    Path corrupt = dir.resolve("broken.pdf");
    Files.write(corrupt, "%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntruncated here".getBytes());
    Path empty = dir.resolve("empty.txt");
    Files.write(empty, new byte[0]);

    TestStack.Run run;
    List<DeadLetter> letters = new ArrayList<>();
    try (DeadLetterReader reader = new DeadLetterReader(TestStack.pipeline().kafkaConfig())) {
      var start = reader.endOffsets();
      run = TestStack.cli("import", "--wait", "--json", dir.toString());
      reader.seek(start);
      await().atMost(Duration.ofSeconds(30)).until(() -> {
        letters.addAll(reader.poll(Duration.ofMillis(200)));
        return letters.size() >= 2;
      });
    }

    assertThat(run.exitCode()).isEqualTo(Main.EXIT_FAILURES);
    JsonNode summary = json(run.out());
    assertThat(summary.get("seen").asLong()).isEqualTo(4);
    assertThat(summary.get("indexed").asLong()).isEqualTo(2);
    assertThat(summary.get("failed").asLong()).isEqualTo(2);
    assertThat(summary.at("/failures/empty").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(hitsFor(word)).isEqualTo(2);
    DeadLetter broken = letters.stream().filter(l -> corrupt.toUri().toString().equals(l.source())).findFirst().orElseThrow();
    assertThat(broken.reason()).isIn(FailureReason.CORRUPT, FailureReason.EMPTY);
    assertThat(broken.stage().code()).isEqualTo("ingest");
    assertThat(broken.message()).isNotBlank();
    assertThat(broken.id()).isEqualTo(DocumentId.ofSource(corrupt.toUri()));
  }

  @Test
  void aFileDroppedIntoTheInboxBecomesSearchable() throws Exception {
    String word = uniqueWord();
    Path inbox = TestStack.dataDir().resolve("inbox");
    Files.createDirectories(inbox);
    // Written under a temporary name and renamed, as a careful uploader does; the watcher ignores *.part.
    Path part = inbox.resolve(word + ".txt.part");
    Files.writeString(part, "Inbox arrival\n\nThis file about " + word + " was dropped into the inbox.");
    Files.move(part, inbox.resolve(word + ".txt"));

    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(hitsFor(word)).isEqualTo(1));
  }
}
