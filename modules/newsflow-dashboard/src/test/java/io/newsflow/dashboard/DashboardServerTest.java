package io.newsflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server's routing, auth and error handling, over real HTTP on loopback, with a fixed backend. */
class DashboardServerTest {

  private static final DashboardBackend BACKEND = new DashboardBackend() {
    @Override public Map<String, Object> status() { return Map.of("elasticsearch", Map.of("documents", 3)); }
    @Override public Map<String, Object> search(String query, Map<String, String> filters, int from, int size) { return Map.of("total", 1, "query", query, "from", from, "size", size, "filters", filters); }
    @Override public Optional<Map<String, Object>> story(String id) { return id.equals("abc") ? Optional.of(Map.of("id", "abc", "articles", List.of())) : Optional.empty(); }
    @Override public Optional<Map<String, Object>> lineage(String id) { return id.equals("abc") ? Optional.of(Map.of("id", "abc", "steps", List.of())) : Optional.empty(); }
    @Override public Map<String, Object> activity(java.time.Duration window) { return Map.of("window_seconds", window.toSeconds()); }
    @Override public Map<String, Object> topEntities(java.time.Duration window, String type, int size) { return Map.of("window_seconds", window.toSeconds(), "type", String.valueOf(type), "size", size); }
    @Override public Optional<Map<String, Object>> document(String id) { return id.equals("abc") ? Optional.of(Map.of("id", "abc")) : Optional.empty(); }
    @Override public List<Map<String, Object>> deadLetters(int limit, String reason, String stage) { throw new IllegalStateException("Kafka is down"); }
    @Override public String metrics() { return "newsflow_index_records_total 5.0\n"; }
    @Override public Map<String, Object> replay(List<String> refs, String reason) { return Map.of("replayed", refs.size(), "reason", String.valueOf(reason)); }
    @Override public Map<String, Object> upload(String fileName, byte[] content) { return Map.of("id", fileName, "bytes", content.length); }
    @Override public Map<String, Object> documentStatus(String id) { return Map.of("id", id, "state", "pending"); }
    @Override public Map<String, Object> facets(String query, Map<String, String> filters) { return Map.of("language", List.of(Map.of("key", "en", "count", 2)), "q", query, "filters", filters); }
  };

  private static HttpResponse<String> post(URI base, String path, String contentType, byte[] body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", contentType)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void uploadsAcceptMultipartAndRawBodiesAndRefuseTooLargeOnes() throws Exception {
    try (DashboardServer server = DashboardServer.start(new DashboardConfig("127.0.0.1", 0, null, 1000), BACKEND)) {
      String multipart = "--XyZ\r\nContent-Disposition: form-data; name=\"note\"\r\n\r\nhello\r\n"
          + "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../etc/story.txt\"\r\n"
          + "Content-Type: text/plain\r\n\r\nA story.\r\n--XyZ--\r\n";
      HttpResponse<String> up = post(server.url(), "/api/documents", "multipart/form-data; boundary=XyZ", multipart.getBytes());
      assertThat(up.statusCode()).isEqualTo(202);
      assertThat(up.body()).contains("\"id\":\"story.txt\"").contains("\"bytes\":8");
      assertThat(post(server.url(), "/api/documents?name=raw.txt", "application/octet-stream", "abc".getBytes()).body())
          .contains("\"id\":\"raw.txt\"");
      assertThat(post(server.url(), "/api/documents", "application/octet-stream", "abc".getBytes()).statusCode()).isEqualTo(400);
      assertThat(post(server.url(), "/api/documents?name=big.bin", "application/octet-stream", new byte[1001]).statusCode()).isEqualTo(413);
      assertThat(get(server.url(), "/api/documents/story.txt/status", null).body()).contains("pending");
    }
  }

  @Test
  void replayNeedsRefsOrAReason() throws Exception {
    try (DashboardServer server = DashboardServer.start(new DashboardConfig("127.0.0.1", 0, null), BACKEND)) {
      assertThat(post(server.url(), "/api/deadletters/replay", "application/json", "{}".getBytes()).statusCode()).isEqualTo(400);
      assertThat(post(server.url(), "/api/deadletters/replay", "application/json", "{\"refs\":[\"0-1\",\"2-5\"]}".getBytes()).body())
          .contains("\"replayed\":2");
      assertThat(post(server.url(), "/api/deadletters/replay", "application/json", "{\"reason\":\"corrupt\"}".getBytes()).body())
          .contains("\"reason\":\"corrupt\"");
    }
  }

  private static HttpResponse<String> get(URI base, String path, String token) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesThePageTheApiAndMetrics() throws Exception {
    try (DashboardServer server = DashboardServer.start(new DashboardConfig("127.0.0.1", 0, null), BACKEND)) {
      URI base = server.url();
      assertThat(get(base, "/", null).body()).contains("<title>newsflow</title>");
      assertThat(get(base, "/api/status", null).body()).contains("\"documents\":3");
      HttpResponse<String> search = get(base, "/api/search?q=harbour%20bridge&size=5000", null);
      assertThat(search.body()).contains("\"query\":\"harbour bridge\"").contains("\"size\":" + DashboardServer.MAX_PAGE);
      assertThat(get(base, "/api/search", null).statusCode()).isEqualTo(400);
      assertThat(get(base, "/api/facets?q=bridge", null).body()).contains("\"q\":\"bridge\"").contains("\"key\":\"en\"");
      assertThat(get(base, "/api/documents/abc", null).statusCode()).isEqualTo(200);
      assertThat(get(base, "/api/documents/nope", null).statusCode()).isEqualTo(404);
      assertThat(get(base, "/metrics", null).body()).contains("newsflow_index_records_total");
      HttpResponse<String> down = get(base, "/api/deadletters", null);
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("Kafka is down");
    }
  }

  @Test
  void storiesLineageChartsAndPagingAreRoutedWithTheirParametersChecked() throws Exception {
    try (DashboardServer server = DashboardServer.start(new DashboardConfig("127.0.0.1", 0, null), BACKEND)) {
      URI base = server.url();
      assertThat(get(base, "/api/stories/abc", null).body()).contains("\"articles\"");
      assertThat(get(base, "/api/stories/nope", null).statusCode()).isEqualTo(404);
      assertThat(get(base, "/api/documents/abc/lineage", null).body()).contains("\"steps\"");
      assertThat(get(base, "/api/documents/nope/lineage", null).statusCode()).isEqualTo(404);
      assertThat(get(base, "/api/activity", null).body()).contains("\"window_seconds\":3600");
      assertThat(get(base, "/api/activity?window=15m", null).body()).contains("\"window_seconds\":900");
      assertThat(get(base, "/api/activity?window=1y", null).statusCode()).isEqualTo(400);
      assertThat(get(base, "/api/activity?window=90d", null).statusCode()).isEqualTo(400);
      assertThat(get(base, "/api/entities?window=7d&type=PERSON&size=5", null).body())
          .contains("\"window_seconds\":604800").contains("\"type\":\"PERSON\"").contains("\"size\":5");
      assertThat(get(base, "/api/search?q=x&from=40&size=20", null).body()).contains("\"from\":40");
      assertThat(get(base, "/api/search?q=x&people=Tomas%20Reyvik&language=en&colour=red", null).body())
          .contains("\"filters\":{\"language\":\"en\",\"people\":\"Tomas Reyvik\"}");
      assertThat(get(base, "/api/facets?q=x&places=Port%20Elwin", null).body()).contains("\"places\":\"Port Elwin\"");
      assertThat(get(base, "/api/search?q=x&from=-1", null).statusCode()).isEqualTo(400);
      assertThat(get(base, "/api/search?q=x&from=20000", null).statusCode()).isEqualTo(400);
      assertThat(get(base, "/api/openapi.json", null).body()).contains("\"openapi\"").contains("/api/stories/{id}");
    }
  }

  @Test
  void aReplayBodyLargerThanAMegabyteIsRefusedWhateverTheUploadLimit() throws Exception {
    try (DashboardServer server = DashboardServer.start(new DashboardConfig("127.0.0.1", 0, null, 10L << 20), BACKEND)) {
      byte[] big = new byte[(int) DashboardServer.MAX_JSON_BODY + 1];
      java.util.Arrays.fill(big, (byte) ' ');
      assertThat(post(server.url(), "/api/deadletters/replay", "application/json", big).statusCode()).isEqualTo(413);
    }
  }

  @Test
  void theApiNeedsTheTokenWhenOneIsSet() throws Exception {
    try (DashboardServer server = DashboardServer.start(new DashboardConfig("127.0.0.1", 0, "s3cret"), BACKEND)) {
      assertThat(get(server.url(), "/api/status", null).statusCode()).isEqualTo(401);
      assertThat(get(server.url(), "/api/status", "wrong").statusCode()).isEqualTo(401);
      assertThat(get(server.url(), "/api/status", "s3cret").statusCode()).isEqualTo(200);
      assertThat(get(server.url(), "/metrics", null).statusCode()).isEqualTo(401);
      // Changing calls above all: an upload or a replay without the token does nothing.
      assertThat(post(server.url(), "/api/documents?name=a.txt", "application/octet-stream", "abc".getBytes()).statusCode()).isEqualTo(401);
      assertThat(post(server.url(), "/api/deadletters/replay", "application/json", "{\"reason\":\"corrupt\"}".getBytes()).statusCode()).isEqualTo(401);
      // The page itself loads, and asks for the token in its address (#token=...).
      assertThat(get(server.url(), "/", null).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void bindingBeyondLoopbackWithoutATokenIsRefused() {
    assertThatThrownBy(() -> new DashboardConfig("0.0.0.0", 8080, null)).hasMessageContaining("dashboard.token");
    assertThat(new DashboardConfig("0.0.0.0", 8080, "t").toString()).doesNotContain("=t]");
  }
}
