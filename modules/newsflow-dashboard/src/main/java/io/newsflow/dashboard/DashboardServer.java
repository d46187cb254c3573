package io.newsflow.dashboard;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.newsflow.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the ops dashboard page and its JSON API from newsflow's own process, on the JDK's HTTP
 * server (no web framework to keep up to date):
 *
 * <ul>
 *   <li>{@code GET /} the dashboard page
 *   <li>{@code GET /api/status} pipeline health: stack, stages, consumer lag, index
 *   <li>{@code GET /api/search?q=...&size=N} full-text search with highlights
 *   <li>{@code GET /api/facets?q=...} counts by language, content type and day
 *   <li>{@code GET /api/documents/ID} one document
 *   <li>{@code GET /api/deadletters?limit=N} the most recent dead letters
 *   <li>{@code GET /api/documents/ID/status} pending, searchable, enriched or failed
 *   <li>{@code POST /api/documents} upload a file (multipart, or raw bytes with {@code ?name=})
 *   <li>{@code POST /api/deadletters/replay} replay dead letters by ref or by reason
 *   <li>{@code GET /api/jobs} import jobs, newest first
 *   <li>{@code GET /api/jobs/ID} an import job's report: every item reconciled with the index
 *   <li>{@code GET /metrics} Prometheus metrics of every stage
 * </ul>
 *
 * <p>When a token is configured, every API call needs {@code Authorization: Bearer <token>}. Owns its
 * threads; close it to stop.
 */
public final class DashboardServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardServer.class);

  /** Largest page of results the API hands out in one answer. */
  static final int MAX_PAGE = 200;

  private final HttpServer server;
  private final ExecutorService threads;
  private final DashboardBackend backend;
  private final DashboardConfig config;

  private DashboardServer(DashboardConfig config, DashboardBackend backend) throws IOException {
    this.config = config;
    this.backend = backend;
    this.server = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 0);
    this.threads = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "newsflow-dashboard");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
  }

  /**
   * Starts serving.
   *
   * @throws IllegalStateException naming the port if it cannot be bound
   */
  public static DashboardServer start(DashboardConfig config, DashboardBackend backend) {
    try {
      DashboardServer s = new DashboardServer(config, backend);
      s.server.start();
      return s;
    } catch (IOException e) {
      throw new IllegalStateException("cannot serve the dashboard on " + config.host() + ":" + config.port()
          + " (dashboard.port): " + e.getMessage(), e);
    }
  }

  /** Returns the address users open, e.g. {@code http://127.0.0.1:8080/}. */
  public URI url() {
    return URI.create("http://" + config.host() + ":" + server.getAddress().getPort() + "/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      route(exchange);
    }
  }

  private void route(HttpExchange exchange) throws IOException {
    try {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (!"GET".equals(method) && !"POST".equals(method)) {
        send(exchange, 405, "application/json", Json.encode(Map.of("error", "only GET and POST are supported")));
        return;
      }
      if ("GET".equals(method) && (path.equals("/") || path.equals("/index.html"))) {
        sendResource(exchange, "dashboard.html", "text/html; charset=utf-8");
        return;
      }
      if (!authorized(exchange)) {
        exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        send(exchange, 401, "application/json", Json.encode(Map.of("error", "missing or wrong bearer token (dashboard.token)")));
        return;
      }
      Map<String, String> query = query(exchange.getRequestURI());
      if ("POST".equals(method)) {
        post(exchange, path, query);
        return;
      }
      if (path.equals("/metrics")) {
        send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", backend.metrics().getBytes(StandardCharsets.UTF_8));
      } else if (path.equals("/api/status")) {
        json(exchange, 200, backend.status());
      } else if (path.equals("/api/search")) {
        String q = query.getOrDefault("q", "").trim();
        if (q.isEmpty()) {
          json(exchange, 400, Map.of("error", "parameter q is required"));
        } else {
          json(exchange, 200, backend.search(q, page(query.get("size"), 20)));
        }
      } else if (path.equals("/api/facets")) {
        json(exchange, 200, backend.facets(query.getOrDefault("q", "")));
      } else if (path.startsWith("/api/documents/") && path.endsWith("/status")) {
        String id = path.substring("/api/documents/".length(), path.length() - "/status".length());
        json(exchange, 200, backend.documentStatus(id));
      } else if (path.startsWith("/api/documents/")) {
        Optional<Map<String, Object>> doc = backend.document(path.substring("/api/documents/".length()));
        if (doc.isPresent()) {
          json(exchange, 200, doc.get());
        } else {
          json(exchange, 404, Map.of("error", "no such document"));
        }
      } else if (path.equals("/api/deadletters")) {
        json(exchange, 200, Map.of("deadletters", backend.deadLetters(page(query.get("limit"), 100))));
      } else if (path.equals("/api/jobs")) {
        json(exchange, 200, Map.of("jobs", backend.jobs()));
      } else if (path.startsWith("/api/jobs/")) {
        Optional<Map<String, Object>> report = backend.jobReport(path.substring("/api/jobs/".length()));
        if (report.isPresent()) {
          json(exchange, 200, report.get());
        } else {
          json(exchange, 404, Map.of("error", "no such import job"));
        }
      } else {
        json(exchange, 404, Map.of("error", "no such page: " + path));
      }
    } catch (RuntimeException e) {
      // The backend could not answer (Kafka or Elasticsearch down): tell the page, keep serving.
      LOG.warn("dashboard request {} failed: {}", exchange.getRequestURI(), e.toString());
      try {
        json(exchange, 503, Map.of("error", String.valueOf(e.getMessage())));
      } catch (IOException | RuntimeException ignored) {
        // the response was already started
      }
    }
  }

  /** Handles uploads and replays: the two calls that change something. */
  @SuppressWarnings("unchecked")
  private void post(HttpExchange exchange, String path, Map<String, String> query) throws IOException {
    byte[] body = readBody(exchange);
    if (body == null) {
      json(exchange, 413, Map.of("error", "request body larger than dashboard.max-upload-size (" + config.maxUploadBytes() + " bytes)"));
      return;
    }
    if (path.equals("/api/documents")) {
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      Multipart.Part part = contentType != null && contentType.startsWith("multipart/form-data")
          ? Multipart.firstFile(contentType, body)
          : new Multipart.Part(query.get("name"), body);
      if (part == null || part.fileName() == null || part.fileName().isBlank()) {
        json(exchange, 400, Map.of("error", "send a multipart/form-data file, or the raw bytes with ?name=FILE_NAME"));
        return;
      }
      json(exchange, 202, backend.upload(part.fileName(), part.content()));
    } else if (path.equals("/api/deadletters/replay")) {
      Map<String, Object> request = body.length == 0 ? Map.of() : Json.mapper().readValue(body, Map.class);
      List<String> refs = request.get("refs") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
      String reason = request.get("reason") == null ? null : request.get("reason").toString();
      if (refs.isEmpty() && reason == null) {
        json(exchange, 400, Map.of("error", "name the dead letters: {\"refs\": [\"0-12\", ...]} or {\"reason\": \"corrupt\"}"));
        return;
      }
      json(exchange, 200, backend.replay(refs, reason));
    } else {
      json(exchange, 404, Map.of("error", "no such endpoint: POST " + path));
    }
  }

  /** Reads the request body, or returns null if it is larger than allowed. */
  private byte[] readBody(HttpExchange exchange) throws IOException {
    long limit = config.maxUploadBytes();
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    if (length != null && Long.parseLong(length.trim()) > limit) {
      return null;
    }
    try (InputStream in = exchange.getRequestBody()) {
      byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
      return body.length > limit ? null : body;
    }
  }

  private boolean authorized(HttpExchange exchange) {
    if (config.token() == null) {
      return true;
    }
    String header = exchange.getRequestHeaders().getFirst("Authorization");
    byte[] given = header == null ? new byte[0] : header.getBytes(StandardCharsets.UTF_8);
    // Constant time, so the token cannot be guessed byte by byte from response times.
    return MessageDigest.isEqual(given, ("Bearer " + config.token()).getBytes(StandardCharsets.UTF_8));
  }

  static int page(String value, int fallback) {
    if (value == null) {
      return fallback;
    }
    try {
      return Math.max(1, Math.min(MAX_PAGE, Integer.parseInt(value)));
    } catch (NumberFormatException e) {
      return fallback;
    }
  }

  static Map<String, String> query(URI uri) {
    Map<String, String> params = new HashMap<>();
    String raw = uri.getRawQuery();
    if (raw == null) {
      return params;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      params.putIfAbsent(key, value);
    }
    return params;
  }

  private static void json(HttpExchange exchange, int status, Object body) throws IOException {
    send(exchange, status, "application/json", Json.encode(body));
  }

  private void sendResource(HttpExchange exchange, String name, String type) throws IOException {
    try (InputStream in = DashboardServer.class.getResourceAsStream(name)) {
      send(exchange, 200, type, in.readAllBytes());
    }
  }

  private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.getResponseHeaders().set("Cache-Control", "no-store");
    exchange.sendResponseHeaders(status, body.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(body);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
