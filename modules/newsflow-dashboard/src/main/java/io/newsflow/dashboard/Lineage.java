package io.newsflow.dashboard;

import io.newsflow.api.DeadLetter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tells a document's path through the stages from what its records carry: the timestamps and
 * versions the indexed document holds (seen, extracted, indexed, enriched, enrichment indexed) and
 * its dead letters. Stateless.
 */
public final class Lineage {

  private Lineage() {}

  /**
   * Returns the lineage of document {@code id}: {@code state}, {@code steps} in time order (each with
   * {@code stage}, {@code at} and what that stage recorded) and {@code failures}.
   *
   * @param doc the indexed document as Elasticsearch returns it, or null if not indexed
   * @param failures its dead letters as the API lists them (newest first), possibly empty
   * @return null if the document is neither indexed nor dead-lettered
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> of(String id, Map<String, Object> doc, List<Map<String, Object>> failures) {
    if (doc == null && failures.isEmpty()) {
      return null;
    }
    List<Map<String, Object>> steps = new ArrayList<>();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", id);
    if (doc != null) {
      Map<String, Object> source = doc.get("source") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      Map<String, Object> metadata = doc.get("metadata") instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
      out.put("source", source.get("uri"));
      out.put("title", doc.get("title"));
      steps.add(step("seen", doc.get("seen_at"), "source", source.get("uri"), "size", source.get("size"),
          "sha256", source.get("sha256"), "job_id", doc.get("job_id")));
      steps.add(step("extracted", doc.get("extracted_at"), "pipeline_version", doc.get("pipeline_version"),
          "schema_version", doc.get("schema_version"), "content_type", doc.get("content_type"),
          "parser", metadata.get("newsflow:parser"), "text_source", metadata.get("newsflow:text-source"),
          "text_truncated", doc.get("text_truncated"), "revision", doc.get("revision")));
      steps.add(step("indexed", doc.get("indexed_at"), "seen_to_indexed_ms", doc.get("seen_to_indexed_ms")));
      if (doc.get("enrichment") instanceof Map<?, ?> e) {
        Map<String, Object> enrichment = (Map<String, Object>) e;
        List<Map<String, Object>> enrichers = new ArrayList<>();
        if (enrichment.get("enrichers") instanceof List<?> runs) {
          for (Object run : runs) {
            if (run instanceof Map<?, ?> r) {
              Map<String, Object> one = new LinkedHashMap<>();
              one.put("name", r.get("name"));
              one.put("version", r.get("version"));
              one.put("took", r.get("took"));
              if (r.get("skipped") != null) {
                one.put("skipped", r.get("skipped"));
              }
              enrichers.add(one);
            }
          }
        }
        steps.add(step("enriched", enrichment.get("enriched_at"), "pipeline_version", enrichment.get("pipeline_version"),
            "revision", enrichment.get("revision"), "enrichers", enrichers));
        steps.add(step("enrichment indexed", enrichment.get("indexed_at"), "seen_to_indexed_ms",
            enrichment.get("seen_to_indexed_ms")));
      }
    }
    for (Map<String, Object> failure : failures) {
      steps.add(step("failed in " + failure.get("stage"), failure.get("failed_at"), "reason", failure.get("reason"),
          "message", failure.get("message"), "error_class", failure.get("error_class"),
          "pipeline_version", failure.get("pipeline_version"), "ref", failure.get("ref")));
      if (out.get("source") == null) {
        out.put("source", failure.get("source"));
      }
    }
    // Steps without a time (a record written before the field existed) keep their place at the end.
    steps.sort(Comparator.comparing(s -> s.get("at") == null ? "~" : String.valueOf(s.get("at"))));
    Instant lastFailure = failures.stream().map(f -> instant(f.get("failed_at"))).filter(t -> t != null)
        .max(Comparator.naturalOrder()).orElse(null);
    Instant lastSuccess = doc == null ? null : instant(doc.get("indexed_at"));
    String state;
    if (doc == null || lastFailure != null && (lastSuccess == null || lastFailure.isAfter(lastSuccess))) {
      state = "failed";
    } else {
      state = doc.get("enrichment") instanceof Map<?, ?> ? "enriched" : "searchable";
    }
    out.put("state", state);
    out.put("steps", steps);
    out.put("failures", failures);
    return out;
  }

  private static Map<String, Object> step(String stage, Object at, Object... details) {
    Map<String, Object> step = new LinkedHashMap<>();
    step.put("stage", stage);
    step.put("at", at);
    for (int i = 0; i < details.length; i += 2) {
      if (details[i + 1] != null) {
        step.put((String) details[i], details[i + 1]);
      }
    }
    return step;
  }

  private static Instant instant(Object value) {
    try {
      return value == null ? null : Instant.parse(value.toString());
    } catch (RuntimeException e) {
      return null;
    }
  }

  /**
   * Counts dead letters that failed since {@code from}: by reason, by stage, and per bucket of
   * {@code intervalMs} (as {@code [bucket start epoch millis, count]}, empty buckets included).
   */
  public static Map<String, Object> failures(List<DeadLetter> letters, Instant from, long intervalMs) {
    Map<String, Long> byReason = new TreeMap<>();
    Map<String, Long> byStage = new TreeMap<>();
    long start = from.toEpochMilli();
    int buckets = (int) Math.max(1, (Instant.now().toEpochMilli() - start) / intervalMs + 1);
    long[] counts = new long[buckets];
    long total = 0;
    for (DeadLetter letter : letters) {
      long at = letter.failedAt().toEpochMilli();
      if (at < start) {
        continue;
      }
      total++;
      byReason.merge(letter.reason().code(), 1L, Long::sum);
      byStage.merge(letter.stage().code(), 1L, Long::sum);
      counts[(int) Math.min(buckets - 1, (at - start) / intervalMs)]++;
    }
    List<List<Object>> points = new ArrayList<>();
    for (int i = 0; i < buckets; i++) {
      points.add(List.of(start + i * intervalMs, counts[i]));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("total", total);
    out.put("by_reason", byReason);
    out.put("by_stage", byStage);
    out.put("points", points);
    return out;
  }
}
