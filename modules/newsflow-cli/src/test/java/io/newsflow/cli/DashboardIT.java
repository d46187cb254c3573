package io.newsflow.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newsflow.api.Json;
import io.newsflow.dashboard.DashboardConfig;
import io.newsflow.dashboard.DashboardServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's API over HTTP, answering from the real Kafka and Elasticsearch of {@link TestStack}:
 * the numbers it shows match theirs, a search highlights, an upload becomes searchable, and a dead
 * letter is replayed after its cause is fixed.
 */
class DashboardIT {

  private static JsonNode get(URI base, String path) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
    return Json.mapper().readTree(r.body());
  }

  private static HttpResponse<String> post(URI base, String path, byte[] body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theApiShowsWhatKafkaAndElasticsearchReport(@TempDir Path dir) throws Exception {
    Pipeline pipeline = TestStack.pipeline();
    Environment env = new Environment(TestStack.config(), Map.of());
    Settings settings = Settings.load(TestStack.config(), Map.of(), TestStack.dataDir());
    String word = "zq" + Long.toHexString(System.nanoTime());
    Files.writeString(dir.resolve("story.txt"), "Dashboard story\n\nA story about " + word + " for the dashboard.");
    Path corrupt = Files.write(dir.resolve("broken.pdf"), "%PDF-1.7\n1 0 obj garbage".getBytes());
    assertThat(TestStack.cli("import", "--wait", dir.toString()).exitCode()).isEqualTo(Main.EXIT_FAILURES);

    PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    try (DashboardWiring backend = new DashboardWiring(env, settings, pipeline, meters);
        DashboardServer server = DashboardServer.start(new DashboardConfig("127.0.0.1", 0, null), backend)) {
      URI base = server.url();

      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        JsonNode status = get(base, "/api/status");
        assertThat(status.at("/elasticsearch/documents").asLong()).isEqualTo(pipeline.search().count());
        assertThat(status.at("/kafka/brokers").asInt()).isEqualTo(1);
        assertThat(status.at("/kafka/stages/0/members").asInt()).isGreaterThanOrEqualTo(1);
      });

      JsonNode search = get(base, "/api/search?q=" + word);
      assertThat(search.get("total").asLong()).isEqualTo(1);
      assertThat(search.at("/hits/0/highlights/0").asText()).contains("[" + word + "]");
      assertThat(get(base, "/api/documents/" + search.at("/hits/0/id").asText()).get("title").asText()).isEqualTo("Dashboard story");
      JsonNode facets = get(base, "/api/facets?q=" + word);
      assertThat(facets.at("/content_type/0/key").asText()).isEqualTo("text/plain");
      assertThat(facets.at("/content_type/0/count").asLong()).isEqualTo(1);
      assertThat(facets.at("/by_day/0/count").asLong()).isEqualTo(1);

      JsonNode letters = get(base, "/api/deadletters?limit=50").get("deadletters");
      assertThat(letters.findValuesAsText("source")).contains(corrupt.toUri().toString());

      // An upload through the API becomes searchable.
      String uploaded = "zq" + Long.toHexString(System.nanoTime());
      HttpResponse<String> up = post(base, "/api/documents?name=upload.txt", ("Uploaded note\n\nThe upload mentions " + uploaded + ".").getBytes());
      assertThat(up.statusCode()).as(up.body()).isEqualTo(202);
      String statusUrl = Json.mapper().readTree(up.body()).get("status_url").asText();
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
        assertThat(get(base, statusUrl).get("state").asText()).isIn("searchable", "enriched");
        assertThat(get(base, "/api/search?q=" + uploaded).get("total").asLong()).isEqualTo(1);
      });

      // A dead-lettered file is replayed once its cause is fixed, and then becomes searchable.
      String fixedWord = "zq" + Long.toHexString(System.nanoTime());
      Path empty = Files.createFile(dir.resolve("late.txt"));
      assertThat(TestStack.cli("import", "--wait", empty.toString()).exitCode()).isEqualTo(Main.EXIT_FAILURES);
      String ref = null;
      for (JsonNode letter : get(base, "/api/deadletters?limit=100").get("deadletters")) {
        if (empty.toUri().toString().equals(letter.get("source").asText())) {
          ref = letter.get("ref").asText();
          assertThat(letter.get("reason").asText()).isEqualTo("empty");
          break;
        }
      }
      assertThat(ref).as("dead letter of the empty file").isNotNull();
      Files.writeString(empty, "Late story\n\nThe late file now mentions " + fixedWord + ".");
      JsonNode replayed = Json.mapper().readTree(post(base, "/api/deadletters/replay", ("{\"refs\":[\"" + ref + "\"]}").getBytes()).body());
      assertThat(replayed.get("replayed").asInt()).isEqualTo(1);
      await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
          assertThat(get(base, "/api/search?q=" + fixedWord).get("total").asLong()).isEqualTo(1));

      String page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base).build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(page).contains("Pipeline health").contains("/api/search");
    }
  }
}
