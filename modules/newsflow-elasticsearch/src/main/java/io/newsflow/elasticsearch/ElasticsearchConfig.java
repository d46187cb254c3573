package io.newsflow.elasticsearch;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Configures newsflow's Elasticsearch side. Defaults live in {@link #defaults()} only.
 *
 * @param urls cluster endpoints; key {@code elasticsearch.urls} (comma-separated)
 * @param username basic-auth user or {@code null}; key {@code elasticsearch.username}
 * @param password basic-auth password or {@code null}; key {@code elasticsearch.password} (never printed)
 * @param apiKey encoded API key or {@code null}; key {@code elasticsearch.api-key} (never printed)
 * @param caCertificate PEM file of the CA that signed the cluster's certificate, or {@code null} to
 *     use the JVM's trust store; key {@code elasticsearch.ca-certificate}
 * @param indexAlias alias that searches and writes go through; key {@code elasticsearch.index-alias}
 * @param bulkMaxOperations operations per bulk request; key {@code elasticsearch.bulk.max-operations}
 * @param bulkFlushInterval flush a partly filled bulk after this long; key {@code elasticsearch.bulk.flush-interval}
 * @param requestTimeout socket timeout of a request; key {@code elasticsearch.request-timeout}
 */
public record ElasticsearchConfig(
    List<URI> urls,
    String username,
    String password,
    String apiKey,
    Path caCertificate,
    String indexAlias,
    int bulkMaxOperations,
    Duration bulkFlushInterval,
    Duration requestTimeout) {

  public ElasticsearchConfig {
    if (urls == null || urls.isEmpty()) {
      throw new IllegalArgumentException("elasticsearch.urls must name at least one URL");
    }
    for (URI url : urls) {
      if (url.getScheme() == null || !(url.getScheme().equals("http") || url.getScheme().equals("https")) || url.getHost() == null) {
        throw new IllegalArgumentException("elasticsearch.urls: '" + url + "' is not an http(s)://host:port URL");
      }
    }
    urls = List.copyOf(urls);
    if ((username == null) != (password == null)) {
      throw new IllegalArgumentException("elasticsearch.username and elasticsearch.password must be set together");
    }
    if (apiKey != null && username != null) {
      throw new IllegalArgumentException("set either elasticsearch.api-key or elasticsearch.username/password, not both");
    }
    if (indexAlias == null || !indexAlias.matches("[a-z0-9][a-z0-9._-]*")) {
      throw new IllegalArgumentException("elasticsearch.index-alias must be a lowercase index name, got: " + indexAlias);
    }
    if (bulkMaxOperations < 1 || bulkMaxOperations > 10_000) {
      throw new IllegalArgumentException("elasticsearch.bulk.max-operations must be between 1 and 10000, got " + bulkMaxOperations);
    }
    if (bulkFlushInterval == null || bulkFlushInterval.isNegative() || bulkFlushInterval.isZero()) {
      throw new IllegalArgumentException("elasticsearch.bulk.flush-interval must be positive, got " + bulkFlushInterval);
    }
    if (requestTimeout == null || requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("elasticsearch.request-timeout must be positive, got " + requestTimeout);
    }
  }

  /** Returns the defaults: a local cluster on port 9200, no credentials, alias {@code newsflow-articles}. */
  public static ElasticsearchConfig defaults() {
    return new ElasticsearchConfig(List.of(URI.create("http://127.0.0.1:9200")), null, null, null, null,
        "newsflow-articles", 500, Duration.ofMillis(200), Duration.ofSeconds(60));
  }

  /** Returns a copy pointing at {@code url}, keeping every other setting. */
  public ElasticsearchConfig withUrl(URI url) {
    return new ElasticsearchConfig(List.of(url), username, password, apiKey, caCertificate, indexAlias,
        bulkMaxOperations, bulkFlushInterval, requestTimeout);
  }

  /** Returns a copy with another alias, for tests that want an index of their own. */
  public ElasticsearchConfig withIndexAlias(String alias) {
    return new ElasticsearchConfig(urls, username, password, apiKey, caCertificate, alias,
        bulkMaxOperations, bulkFlushInterval, requestTimeout);
  }

  /** Names the concrete index behind the alias; bump the version when the mapping changes incompatibly. */
  public String indexName() {
    return indexAlias + "-v1";
  }

  @Override
  public String toString() {
    return "ElasticsearchConfig[urls=" + urls + ", username=" + username
        + ", password=" + (password == null ? null : "****") + ", apiKey=" + (apiKey == null ? null : "****")
        + ", caCertificate=" + caCertificate + ", indexAlias=" + indexAlias
        + ", bulkMaxOperations=" + bulkMaxOperations + ", bulkFlushInterval=" + bulkFlushInterval
        + ", requestTimeout=" + requestTimeout + "]";
  }
}
