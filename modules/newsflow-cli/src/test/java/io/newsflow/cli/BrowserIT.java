package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.newsflow.api.DocumentId;
import io.newsflow.dashboard.DashboardConfig;
import io.newsflow.dashboard.DashboardServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.awaitility.core.ConditionFactory;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * The dashboard in a real headless Chromium, against the real Kafka and Elasticsearch of
 * {@link TestStack}, after the demo articles are imported: what it shows matches what Kafka and
 * Elasticsearch report, search highlights, a story lists its articles, a dead letter is replayed
 * after its fix, an upload becomes searchable. Writes a screenshot of each page to
 * {@code target/screenshots}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {

  private static final Duration PAGE = Duration.ofSeconds(30);

  @TempDir
  static Path dir;

  private static ChromeDriver browser;
  private static DashboardWiring backend;
  private static DashboardServer server;
  private static Pipeline pipeline;
  private static String base;

  @BeforeAll
  static void importTheDemoAndOpenTheDashboard() throws Exception {
    if (Browser.missing() != null) {
      return; // each test reports the skip (or the failure, when the browser is required)
    }
    browser = Browser.start();
    pipeline = TestStack.pipeline();
    Path demo = TestStack.root().resolve("deploy/demo/articles");
    // Each copy gets bytes of its own: a file whose content is already indexed (earlier runs, other
    // tests) is recognised as that document and not indexed again under this path.
    String nonce = Long.toHexString(System.nanoTime());
    try (Stream<Path> files = Files.list(demo)) {
      for (Path f : files.toList()) {
        String text = Files.readString(f);
        text = f.toString().endsWith(".html") ? text.replace("</body>", "<!-- copy " + nonce + " --></body>")
            : text + "\n\n(archive copy " + nonce + ")\n";
        Files.writeString(dir.resolve(f.getFileName()), text);
      }
    }
    FerryStory.write(dir, nonce);
    TestStack.Run run = TestStack.cli("import", "--wait", dir.toString());
    assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
    Environment env = new Environment(TestStack.config(), Map.of());
    Settings settings = Settings.load(TestStack.config(), Map.of(), TestStack.dataDir());
    backend = new DashboardWiring(env, settings, pipeline, TestStack.meters());
    server = DashboardServer.start(new DashboardConfig("127.0.0.1", 0, null), backend);
    base = server.url().toString();
  }

  @BeforeEach
  void needsTheBrowser() {
    Browser.assumeAvailable();
  }

  @AfterAll
  static void close() {
    if (browser != null) {
      browser.quit();
    }
    if (server != null) {
      server.close();
    }
    if (backend != null) {
      backend.close();
    }
  }

  private static String id(String file) {
    return DocumentId.ofSource(dir.resolve(file).toUri()).value();
  }

  private static void open(String hash) {
    browser.get(base + hash);
    // A hash change alone does not reload the page: force the route to run for this address.
    browser.navigate().refresh();
  }

  /**
   * Waits for what a page shows. Pages redraw themselves on a timer (the health page every few
   * seconds): an element read while it is being replaced is stale, so that attempt is retried.
   */
  private static ConditionFactory awaitPage() {
    return await().atMost(PAGE).ignoreException(StaleElementReferenceException.class);
  }

  private static String text(String css) {
    List<WebElement> found = browser.findElements(By.cssSelector(css));
    return found.isEmpty() ? null : found.get(0).getText();
  }

  private static void awaitEnriched(List<String> ids) {
    await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
      var states = pipeline.search().states(ids.stream().map(DocumentId::new).toList());
      assertThat(states).hasSize(ids.size());
      states.values().forEach(s -> assertThat(s.enrichedRevision()).isEqualTo(s.revision()));
    });
  }

  /** Waits until a search finds {@code word} (the index refreshed), so the page needs asking once. */
  private static void awaitSearchable(String word) {
    await().atMost(Duration.ofSeconds(60)).until(() -> pipeline.search().search(word, 1).total() == 1);
  }

  /** End offset of each of {@code partitions} ("topic-partition"), as Kafka reports it. */
  private static Map<String, Long> endOffsets(java.util.Collection<String> partitions) throws Exception {
    Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
    for (String p : partitions) {
      int dash = p.lastIndexOf('-');
      latest.put(new TopicPartition(p.substring(0, dash), Integer.parseInt(p.substring(dash + 1))), OffsetSpec.latest());
    }
    Map<String, Long> out = new HashMap<>();
    pipeline.admin().listOffsets(latest).all().get(10, TimeUnit.SECONDS).forEach((tp, info) -> out.put(tp.toString(), info.offset()));
    return out;
  }

  private static long lag(String group) throws Exception {
    var committed = pipeline.admin().listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
    Map<String, Long> ends = endOffsets(committed.keySet().stream().map(TopicPartition::toString).toList());
    long lag = 0;
    for (var e : committed.entrySet()) {
      lag += ends.get(e.getKey().toString()) - e.getValue().offset();
    }
    return lag;
  }

  @Test
  @Order(1)
  void theHealthPageShowsWhatKafkaAndElasticsearchReport() throws Exception {
    awaitEnriched(List.of(id("elwin-bridge-morning-wire.txt"), id("chess-open-final.txt")));
    List<String> groups = List.of(pipeline.kafkaConfig().enrichGroup(), pipeline.kafkaConfig().indexGroup(),
        pipeline.kafkaConfig().storyGroup());
    await().atMost(Duration.ofSeconds(60)).until(() -> groups.stream().allMatch(g -> {
      try {
        return lag(g) == 0;
      } catch (Exception e) {
        return false;
      }
    }));
    open("#/");
    long documents = pipeline.search().count();
    int brokers = pipeline.admin().describeCluster().nodes().get(10, TimeUnit.SECONDS).size();
    awaitPage().untilAsserted(() -> {
      assertThat(text("#tile-documents b")).isEqualTo(String.valueOf(documents));
      assertThat(text("#tile-brokers b")).isEqualTo(String.valueOf(brokers));
      assertThat(text("#tile-backlog b")).isEqualTo("0");
      List<WebElement> rows = browser.findElements(By.cssSelector("#partitions tr[data-partition]"));
      List<String> partitions = rows.stream().map(r -> r.getAttribute("data-partition").split(" ", 2)[1]).toList();
      // The live lane: enrich reads the extracted topic, index reads it and the enrichments.
      assertThat(rows.stream().map(r -> r.getAttribute("data-partition")).toList()).contains(
          "enrich " + pipeline.kafkaConfig().extractedTopic() + "-0", "index " + pipeline.kafkaConfig().extractedTopic() + "-0",
          "index " + pipeline.kafkaConfig().enrichmentsTopic() + "-0");
      Map<String, Long> ends = endOffsets(partitions);
      for (WebElement row : rows) {
        String partition = row.getAttribute("data-partition").split(" ", 2)[1];
        assertThat(row.findElement(By.cssSelector(".end")).getText()).as(partition).isEqualTo(String.valueOf(ends.get(partition)));
        assertThat(row.findElement(By.cssSelector(".lag")).getText()).as(partition).isEqualTo("0");
      }
      assertThat(browser.findElements(By.cssSelector("#stages tr[data-stage]"))).hasSizeGreaterThanOrEqualTo(2);
      // The charts are drawn from the documents just imported.
      assertThat(browser.findElements(By.cssSelector("#rate svg path"))).hasSize(4);
      assertThat(text("#latency-searchable-p50 b")).isNotEqualTo("–");
    });
    assertThat(pipeline.search().count()).as("nothing was indexed meanwhile").isEqualTo(documents);
    Browser.screenshot(browser, "health");
  }

  @Test
  @Order(2)
  void aSearchShowsHighlightedHitsAndFacets() {
    open("#/search?q=" + "harbour%20bridge");
    awaitPage().untilAsserted(() -> {
      List<String> titles = browser.findElements(By.cssSelector(".hit .title > a")).stream().map(WebElement::getText).toList();
      assertThat(titles).contains("Elwin Harbour Bridge reopens after two-year rebuild");
      List<String> marked = browser.findElements(By.cssSelector(".hit mark")).stream().map(e -> e.getText().toLowerCase()).toList();
      assertThat(marked).isNotEmpty().allMatch(m -> m.startsWith("harbour") || m.startsWith("bridge") || m.startsWith("reopen"));
      assertThat(text("#facets")).contains("people").contains("Tomas Reyvik").contains("text/plain");
    });
    Browser.screenshot(browser, "search");

    // A facet value narrows the hits, and the facets, to the documents that have it.
    browser.findElement(By.cssSelector("#facets [data-facet='content_type'] a[href*='content_type=text%2Fhtml']")).click();
    awaitPage().untilAsserted(() -> {
      assertThat(text("#filters")).contains("content type: text/html");
      List<String> ids = browser.findElements(By.cssSelector(".hit")).stream().map(e -> e.getAttribute("data-id")).toList();
      assertThat(ids).contains(id("elwin-bridge-valley-times.html")).doesNotContain(id("elwin-bridge-morning-wire.txt"));
      assertThat(browser.findElements(By.cssSelector(".hit .meta"))).allMatch(e -> e.getText().contains(".html"));
      assertThat(text("#facets [data-facet='content_type']")).doesNotContain("text/plain");
    });
  }

  @Test
  @Order(3)
  void aStoryPageListsItsArticlesTheirSharedEntitiesAndCorroboratedQuotes() {
    List<String> bridge = List.of(id("elwin-bridge-morning-wire.txt"), id("elwin-bridge-reopens-coastal-herald.txt"),
        id("elwin-bridge-valley-times.html"));
    awaitEnriched(bridge);
    // The story stage assigns stories after enrichment.
    await().atMost(Duration.ofSeconds(60)).until(() ->
        pipeline.search().storyOf(pipeline.search().get(bridge.get(0)).orElseThrow()).documents().containsAll(bridge));
    open("#/story/" + bridge.get(0));
    awaitPage().untilAsserted(() -> {
      List<String> listed = browser.findElements(By.cssSelector("#articles tr.article")).stream()
          .map(e -> e.getAttribute("data-id")).toList();
      assertThat(listed).containsAll(bridge).doesNotContain(id("chess-open-final.txt"));
      assertThat(text("#shared-entities")).contains("Tomas Reyvik").contains("Port Elwin");
      assertThat(text("#quotes")).contains("This bridge carries the whole city's working day");
      // Key claims are listed with the number of independent articles reporting each.
      assertThat(browser.findElements(By.cssSelector("#claims .claim"))).isNotEmpty()
          .allMatch(c -> c.getText().matches("(?s).*reported by \\d+ independent articles?.*"));
      assertThat(text("#claims")).contains("Elwin Harbour Bridge");
    });
    Browser.screenshot(browser, "story");

    // The story links each article to its page, where the lineage shows every stage it went through.
    browser.findElement(By.cssSelector("#articles tr.article[data-id='" + bridge.get(0) + "'] a")).click();
    awaitPage().untilAsserted(() -> {
      List<String> steps = browser.findElements(By.cssSelector("#steps li")).stream().map(e -> e.getAttribute("data-stage")).toList();
      // In time order. The enricher may finish before the indexer writes the document (both read the extracted record),
      // and its enrichment may even be indexed first, as a stub the document then fills: only causes precede effects.
      assertThat(steps).containsExactlyInAnyOrder("seen", "extracted", "indexed", "enriched", "enrichment indexed");
      assertThat(steps).startsWith("seen", "extracted");
      assertThat(steps.indexOf("enriched")).isLessThan(steps.indexOf("enrichment indexed"));
      assertThat(text("#steps li[data-stage='enriched']")).contains("entities").contains("pipeline_version");
      assertThat(text("#steps li[data-stage='extracted']")).contains("parser");
    });
    Browser.screenshot(browser, "document");
  }

  @Test
  @Order(3)
  void aStoryLinksASurnameToTheFullNameAndCountsTheSourcesOfEachClaim() throws Exception {
    List<String> ferry = List.of(id(FerryStory.FULL), id(FerryStory.BRIEF));
    awaitEnriched(ferry);
    await().atMost(Duration.ofSeconds(60)).until(() ->
        pipeline.search().storyOf(pipeline.search().get(ferry.get(0)).orElseThrow()).documents().containsAll(ferry));
    // The API: "Lindqvist" alone in the brief is Mara Lindqvist, so both articles share her; the claim
    // both make is reported by two sources.
    var response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(server.url().resolve("/api/stories/" + ferry.get(1))).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode story = io.newsflow.api.Json.mapper().readTree(response.body());
    List<String> shared = new java.util.ArrayList<>();
    story.get("shared_entities").forEach(e -> shared.add(e.get("key").asText() + "=" + e.get("documents").asInt()));
    assertThat(shared).contains("person:mara-lindqvist=2").noneMatch(k -> k.startsWith("person:lindqvist"));
    com.fasterxml.jackson.databind.JsonNode top = story.get("claims").get(0);
    assertThat(top.get("sources").asInt()).as(top.toString()).isEqualTo(2);
    assertThat(top.get("text").asText()).contains("eleven weeks");
    // The page shows the same.
    open("#/story/" + ferry.get(1));
    awaitPage().untilAsserted(() -> {
      assertThat(text("#shared-entities")).contains("Mara Lindqvist");
      assertThat(text("#claims .claim[data-sources='2']")).contains("eleven weeks").contains("reported by 2 independent articles");
    });
    Browser.screenshot(browser, "story-claims");
  }

  @Test
  @Order(4)
  void aDeadLetteredDocumentIsReplayedAfterItsFixAndThenFound() throws Exception {
    Path late = Files.createFile(dir.resolve("late-notice.txt"));
    assertThat(TestStack.cli("import", "--wait", late.toString()).exitCode()).isEqualTo(Main.EXIT_FAILURES);
    String source = late.toUri().toString();
    open("#/deadletters?reason=empty&stage=ingest");
    By row = By.cssSelector("#deadletters tr[data-source='" + source + "']");
    awaitPage().until(() -> !browser.findElements(row).isEmpty());
    assertThat(browser.findElement(row).getText()).contains("empty").doesNotContain("resolved");
    Browser.screenshot(browser, "deadletters");

    String word = "zq" + Long.toHexString(System.nanoTime());
    Files.writeString(late, "Late notice\n\nThe ferry notice was empty; now it mentions " + word + ".");
    browser.findElement(row).findElement(By.cssSelector("button[data-ref]")).click();
    awaitPage().untilAsserted(() -> assertThat(text("#replayresult")).isEqualTo("replayed 1"));

    awaitSearchable(word);
    open("#/search?q=" + word);
    awaitPage().untilAsserted(() -> {
      assertThat(browser.findElements(By.cssSelector(".hit"))).hasSize(1);
      assertThat(text(".hit mark")).isEqualTo(word);
    });
    // The dead-letter list now marks it resolved.
    open("#/deadletters?reason=empty&stage=ingest");
    awaitPage().untilAsserted(() -> assertThat(text("#deadletters tr[data-source='" + source + "']")).contains("resolved"));
    // Its lineage keeps the failure, then shows it indexed.
    open("#/document/" + id("late-notice.txt"));
    awaitPage().untilAsserted(() -> {
      List<String> steps = browser.findElements(By.cssSelector("#steps li")).stream().map(e -> e.getAttribute("data-stage")).toList();
      assertThat(steps).startsWith("failed in ingest").contains("indexed");
    });
  }

  @Test
  @Order(5)
  void anUploadThroughTheApiBecomesSearchable() throws Exception {
    String word = "zq" + Long.toHexString(System.nanoTime());
    Path file = Files.writeString(dir.resolve("uploaded-note.txt"), "Uploaded note\n\nThe upload mentions " + word + ".");
    open("#/upload");
    browser.findElement(By.id("file")).sendKeys(file.toString());
    browser.findElement(By.cssSelector("#uploadform button")).click();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(text("#uploadstate")).isIn("searchable", "enriched"));
    Browser.screenshot(browser, "upload");
    awaitSearchable(word);
    open("#/search?q=" + word);
    awaitPage().untilAsserted(() -> {
      assertThat(browser.findElements(By.cssSelector(".hit .title > a")).stream().map(WebElement::getText).toList())
          .containsExactly("Uploaded note");
    });
  }

  @Test
  @Order(6)
  void everyMetricTheGrafanaDashboardNamesIsServedOnMetrics() throws Exception {
    String dashboard = Files.readString(TestStack.root().resolve("deploy/grafana/newsflow-dashboard.json"));
    java.util.Set<String> named = new java.util.TreeSet<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\b((?:newsflow|jvm|process)_[a-z_]+)").matcher(dashboard);
    while (m.find()) {
      named.add(m.group(1));
    }
    // {__name__=~"newsflow_.*_records_total"} stands for every stage's counter.
    named.addAll(List.of("newsflow_ingest_records_total", "newsflow_enrich_records_total", "newsflow_index_records_total"));
    assertThat(named).contains("newsflow_index_latency_seconds_bucket", "newsflow_ingest_in_flight");
    var response = java.net.http.HttpClient.newHttpClient().send(
        java.net.http.HttpRequest.newBuilder(server.url().resolve("/metrics")).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    java.util.Set<String> served = new java.util.HashSet<>();
    for (String line : response.body().split("\n")) {
      if (!line.startsWith("#") && !line.isBlank()) {
        served.add(line.split("[{ ]", 2)[0]);
      }
    }
    assertThat(served).containsAll(named);
    assertThat(response.body()).contains("newsflow_ingest_records_total{outcome=\"success\",stage=\"ingest\"}");
  }

  @Test
  @Order(7)
  void theEntitiesPageChartsTheTopEntities() {
    open("#/entities");
    awaitPage().untilAsserted(() -> {
      assertThat(text("#entitytable")).contains("Tomas Reyvik");
      assertThat(browser.findElements(By.cssSelector("#entitychart svg path"))).isNotEmpty();
    });
    Browser.screenshot(browser, "entities");
  }
}
