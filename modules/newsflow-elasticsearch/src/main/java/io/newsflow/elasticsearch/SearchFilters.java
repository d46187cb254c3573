package io.newsflow.elasticsearch;

import co.elastic.clients.elasticsearch._types.query_dsl.Query;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Narrows a search to one value of some facets, named as {@link ArticleInsights#facets} names them:
 * {@code site}, {@code language}, {@code content_type}, {@code people}, {@code organisations},
 * {@code places}. Immutable.
 */
public record SearchFilters(Map<String, String> values) {

  /** Facet name → the indexed field it filters on (entity facets: the nested entity's type). */
  private static final Map<String, String> FIELDS = Map.of(
      "site", "web.site_name", "language", "language", "content_type", "content_type",
      "people", "PERSON", "organisations", "ORGANIZATION", "places", "LOCATION");

  public static final SearchFilters NONE = new SearchFilters(Map.of());

  /**
   * @throws IllegalArgumentException naming an unknown facet
   */
  public SearchFilters {
    Map<String, String> kept = new LinkedHashMap<>();
    values.forEach((k, v) -> {
      if (!FIELDS.containsKey(k)) {
        throw new IllegalArgumentException("unknown filter " + k + "; known: " + new java.util.TreeSet<>(FIELDS.keySet()));
      }
      if (v != null && !v.isBlank()) {
        kept.put(k, v);
      }
    });
    values = Map.copyOf(kept);
  }

  /** Returns the facet names that can filter. */
  public static java.util.Set<String> names() {
    return FIELDS.keySet();
  }

  private static boolean entity(String name) {
    return FIELDS.get(name).equals(FIELDS.get(name).toUpperCase(java.util.Locale.ROOT));
  }

  /** Returns one filter query per value, for the typed client. */
  public List<Query> queries() {
    List<Query> out = new ArrayList<>();
    values.forEach((name, value) -> {
      if (entity(name)) {
        out.add(Query.of(q -> q.nested(n -> n.path("enrichment.entities").query(nq -> nq.bool(b -> b
            .filter(f -> f.term(t -> t.field("enrichment.entities.type").value(FIELDS.get(name))))
            .filter(f -> f.term(t -> t.field("enrichment.entities.name").value(value))))))));
      } else {
        out.add(Query.of(q -> q.term(t -> t.field(FIELDS.get(name)).value(value))));
      }
    });
    return out;
  }

  /** Appends the same filters, as query JSON, to a bool query's {@code filter} array. */
  void addTo(ArrayNode filter) {
    values.forEach((name, value) -> {
      if (entity(name)) {
        ObjectNode nested = filter.addObject().putObject("nested");
        nested.put("path", "enrichment.entities");
        ArrayNode inner = nested.putObject("query").putObject("bool").putArray("filter");
        inner.addObject().putObject("term").put("enrichment.entities.type", FIELDS.get(name));
        inner.addObject().putObject("term").put("enrichment.entities.name", value);
      } else {
        filter.addObject().putObject("term").put(FIELDS.get(name), value);
      }
    });
  }
}
