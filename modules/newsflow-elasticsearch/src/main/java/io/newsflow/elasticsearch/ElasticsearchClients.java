package io.newsflow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.newsflow.api.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.http.Header;
import org.apache.http.HttpHeaders;
import org.apache.http.HttpHost;
import org.apache.http.auth.AuthScope;
import org.apache.http.auth.UsernamePasswordCredentials;
import org.apache.http.impl.client.BasicCredentialsProvider;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

/** Builds Elasticsearch clients from an {@link ElasticsearchConfig}. The caller closes them. */
public final class ElasticsearchClients {

  private ElasticsearchClients() {}

  /**
   * Returns a client for the configured cluster, with TLS and credentials applied. Closing the
   * client's {@code _transport()} releases its connections.
   */
  public static ElasticsearchClient create(ElasticsearchConfig config) {
    HttpHost[] hosts = config.urls().stream()
        .map(u -> new HttpHost(u.getHost(), u.getPort() == -1 ? ("https".equals(u.getScheme()) ? 443 : 80) : u.getPort(), u.getScheme()))
        .toArray(HttpHost[]::new);
    RestClientBuilder builder = RestClient.builder(hosts)
        .setRequestConfigCallback(rc -> rc
            .setConnectTimeout(10_000)
            .setSocketTimeout((int) config.requestTimeout().toMillis()));
    if (config.apiKey() != null) {
      builder.setDefaultHeaders(new Header[] {new BasicHeader(HttpHeaders.AUTHORIZATION, "ApiKey " + config.apiKey())});
    }
    SSLContext ssl = config.caCertificate() == null ? null : sslContext(config);
    builder.setHttpClientConfigCallback(http -> {
      if (config.username() != null) {
        BasicCredentialsProvider credentials = new BasicCredentialsProvider();
        credentials.setCredentials(AuthScope.ANY, new UsernamePasswordCredentials(config.username(), config.password()));
        http.setDefaultCredentialsProvider(credentials);
      }
      if (ssl != null) {
        http.setSSLContext(ssl);
      }
      return http;
    });
    return new ElasticsearchClient(new RestClientTransport(builder.build(), new JacksonJsonpMapper(Json.mapper().copy())));
  }

  private static SSLContext sslContext(ElasticsearchConfig config) {
    try (InputStream in = Files.newInputStream(config.caCertificate())) {
      Certificate ca = CertificateFactory.getInstance("X.509").generateCertificate(in);
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("newsflow-ca", ca);
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException("elasticsearch.ca-certificate: cannot read " + config.caCertificate(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("elasticsearch.ca-certificate: " + config.caCertificate() + " is not a PEM certificate: " + e.getMessage(), e);
    }
  }
}
