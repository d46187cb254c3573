package io.newsflow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Creates the article index: a composable index template for {@code <alias>-*}, a versioned index
 * ({@code <alias>-v1}) and the alias in front of it. Idempotent; safe to run from every process at
 * start. The template only uses standard analysis component names, so it works on any cluster with
 * the analysis-common module, and on the local stack through newsflow's analysis plugin.
 */
public final class ArticleIndex {

  private ArticleIndex() {}

  /** Returns the index template as JSON, with the index pattern of {@code config}'s alias. */
  public static String templateJson(ElasticsearchConfig config) {
    try (InputStream in = ArticleIndex.class.getResourceAsStream("articles-template.json")) {
      String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return json.replace("\"newsflow-articles-*\"", "\"" + config.indexAlias() + "-*\"");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Puts the template and creates the index behind the alias if the alias does not exist yet. If it
   * exists, puts the template's mappings on it, so that fields added since it was created (the
   * enrichment's entities, dates, quotes) are indexed from now on; Elasticsearch accepts new fields
   * on a live index, and refuses a changed type with a reason that this rethrows.
   *
   * @throws IllegalStateException with the cluster's reason if Elasticsearch refuses
   */
  public static void ensure(ElasticsearchClient client, ElasticsearchConfig config) {
    String templateName = config.indexAlias();
    String template = stampedTemplateJson(config);
    if (isCurrent(client, config, fingerprint(templateJson(config)))) {
      return;
    }
    try {
      client.indices().putIndexTemplate(t -> t.name(templateName)
          .withJson(new java.io.StringReader(template)));
      if (client.indices().existsAlias(a -> a.name(config.indexAlias())).value()) {
        String mappings = io.newsflow.api.Json.mapper().readTree(template).path("template").path("mappings").toString();
        client.indices().putMapping(m -> m.index(config.indexAlias()).withJson(new java.io.StringReader(mappings)));
        return;
      }
      try {
        client.indices().create(c -> c.index(config.indexName())
            .aliases(config.indexAlias(), a -> a.isWriteIndex(true)));
      } catch (ElasticsearchException e) {
        // Another process created it at the same moment.
        if (!"resource_already_exists_exception".equals(e.error().type())) {
          throw e;
        }
      }
    } catch (ElasticsearchException e) {
      throw new IllegalStateException("Elasticsearch refused the article index setup: " + e.error().reason(), e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach Elasticsearch at " + config.urls() + ": " + e.getMessage(), e);
    }
  }

  /** Name of the field in the index mapping's {@code _meta} that holds the fingerprint of the template it came from. */
  static final String FINGERPRINT_FIELD = "newsflow_template";

  /**
   * Returns the template of {@link #templateJson} with its fingerprint in the mappings' {@code _meta}: an index created
   * from it, or whose mappings {@link #ensure} updated from it, carries the fingerprint of the template it is current with.
   */
  static String stampedTemplateJson(ElasticsearchConfig config) {
    String json = templateJson(config);
    try {
      com.fasterxml.jackson.databind.node.ObjectNode root =
          (com.fasterxml.jackson.databind.node.ObjectNode) io.newsflow.api.Json.mapper().readTree(json);
      root.withObject("/template/mappings/_meta").put(FINGERPRINT_FIELD, fingerprint(json));
      return root.toString();
    } catch (IOException e) {
      throw new UncheckedIOException("the bundled index template is not JSON", e);
    }
  }

  static String fingerprint(String json) {
    try {
      byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(digest, 0, 12);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM ships SHA-256", e);
    }
  }

  /**
   * Tells whether the index behind the alias already carries this template's fingerprint, with one small request: then the
   * template and the mappings were put by an earlier {@link #ensure} of the same template and there is nothing to do. Putting
   * them again costs two cluster-state updates on the server and, in the client, deserialising the whole template into the
   * typed API's classes (about 1,000 of them loaded: a third of a short command's start-up). Any doubt (another transport,
   * an error, a missing alias) answers {@code false}, and {@link #ensure} does the full setup as before.
   */
  private static boolean isCurrent(ElasticsearchClient client, ElasticsearchConfig config, String fingerprint) {
    if (!(client._transport() instanceof co.elastic.clients.transport.rest_client.RestClientTransport transport)) {
      return false;
    }
    org.elasticsearch.client.Request request = new org.elasticsearch.client.Request("GET", "/" + config.indexAlias() + "/_mapping");
    request.addParameter("filter_path", "*.mappings._meta." + FINGERPRINT_FIELD);
    try {
      org.elasticsearch.client.Response response = transport.restClient().performRequest(request);
      String body = new String(response.getEntity().getContent().readAllBytes(), StandardCharsets.UTF_8);
      return body.contains("\"" + fingerprint + "\"");
    } catch (IOException | RuntimeException e) {
      return false; // a 404 (no index yet) arrives as a ResponseException
    }
  }
}
