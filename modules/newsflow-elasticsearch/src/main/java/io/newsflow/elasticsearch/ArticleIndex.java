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
    try {
      client.indices().putIndexTemplate(t -> t.name(templateName)
          .withJson(new java.io.StringReader(templateJson(config))));
      if (client.indices().existsAlias(a -> a.name(config.indexAlias())).value()) {
        String mappings = io.newsflow.api.Json.mapper().readTree(templateJson(config)).path("template").path("mappings").toString();
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
}
