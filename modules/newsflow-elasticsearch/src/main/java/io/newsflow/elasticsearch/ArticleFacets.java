package io.newsflow.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.aggregations.Aggregate;
import co.elastic.clients.elasticsearch._types.aggregations.CalendarInterval;
import co.elastic.clients.elasticsearch._types.aggregations.StringTermsBucket;
import co.elastic.clients.elasticsearch._types.query_dsl.Operator;
import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts the documents matching a query by language, content type and day, computed by
 * Elasticsearch (aggregations), so the dashboard never ships documents to the browser to count them.
 * Thread-safe. Does not own the client.
 */
public final class ArticleFacets {

  private final ElasticsearchClient client;
  private final ElasticsearchConfig config;

  public ArticleFacets(ElasticsearchClient client, ElasticsearchConfig config) {
    this.client = client;
    this.config = config;
  }

  /** One facet value and how many documents have it. */
  public record Bucket(String key, long count) {}

  /**
   * Returns facets for {@code query} (all documents if blank): {@code language}, {@code content_type}
   * (top 10 each) and {@code by_day} (documents per day first seen).
   */
  public Map<String, List<Bucket>> facets(String query) {
    Query indexed = Query.of(q -> q.exists(e -> e.field("revision")));
    Query match = query == null || query.isBlank()
        ? Query.of(q -> q.matchAll(m -> m))
        : Query.of(q -> q.simpleQueryString(s -> s.query(query).fields("title^3", "text").defaultOperator(Operator.And)));
    try {
      SearchResponse<Void> response = client.search(s -> s
          .index(config.indexAlias())
          .size(0)
          .query(q -> q.bool(b -> b.filter(indexed).must(match)))
          .aggregations("language", a -> a.terms(t -> t.field("language").size(10)))
          .aggregations("content_type", a -> a.terms(t -> t.field("content_type").size(10)))
          .aggregations("by_day", a -> a.dateHistogram(h -> h.field("seen_at").calendarInterval(CalendarInterval.Day)
              .format("yyyy-MM-dd").minDocCount(1))), Void.class);
      Map<String, List<Bucket>> out = new LinkedHashMap<>();
      out.put("language", terms(response.aggregations().get("language")));
      out.put("content_type", terms(response.aggregations().get("content_type")));
      List<Bucket> days = new ArrayList<>();
      response.aggregations().get("by_day").dateHistogram().buckets().array()
          .forEach(b -> days.add(new Bucket(b.keyAsString(), b.docCount())));
      out.put("by_day", days);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach Elasticsearch at " + config.urls() + ": " + e.getMessage(), e);
    }
  }

  private static List<Bucket> terms(Aggregate aggregate) {
    List<Bucket> buckets = new ArrayList<>();
    for (StringTermsBucket b : aggregate.sterms().buckets().array()) {
      buckets.add(new Bucket(b.key().stringValue(), b.docCount()));
    }
    return buckets;
  }
}
