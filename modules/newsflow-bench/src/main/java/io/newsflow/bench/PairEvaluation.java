package io.newsflow.bench;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores a grouping or a pairing against labels, pair by pair: a pair of documents put together
 * that the labels also put together is a true positive. The usual measure for clustering and
 * deduplication when the clusters themselves have no names to match (a story id is whatever
 * document came first). Pure and thread-safe.
 */
public final class PairEvaluation {

  private PairEvaluation() {}

  /** An unordered pair of document names. */
  public record Pair(String a, String b) {
    public static Pair of(String x, String y) {
      return x.compareTo(y) <= 0 ? new Pair(x, y) : new Pair(y, x);
    }
  }

  /** Pair counts and the scores derived from them. */
  public record Scores(long truePositives, long falsePositives, long falseNegatives) {
    public double precision() {
      return truePositives + falsePositives == 0 ? 1 : (double) truePositives / (truePositives + falsePositives);
    }

    public double recall() {
      return truePositives + falseNegatives == 0 ? 1 : (double) truePositives / (truePositives + falseNegatives);
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }

    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("precision", Math.round(precision() * 10000) / 10000.0);
      m.put("recall", Math.round(recall() * 10000) / 10000.0);
      m.put("f1", Math.round(f1() * 10000) / 10000.0);
      m.put("true_positive_pairs", truePositives);
      m.put("false_positive_pairs", falsePositives);
      m.put("false_negative_pairs", falseNegatives);
      return m;
    }
  }

  /** Returns every pair of documents that share a group in {@code groups} (document to group). */
  public static Set<Pair> pairsOf(Map<String, String> groups) {
    Map<String, List<String>> members = new LinkedHashMap<>();
    groups.forEach((doc, group) -> members.computeIfAbsent(group, g -> new ArrayList<>()).add(doc));
    Set<Pair> pairs = new HashSet<>();
    for (List<String> docs : members.values()) {
      for (int i = 0; i < docs.size(); i++) {
        for (int j = i + 1; j < docs.size(); j++) {
          pairs.add(Pair.of(docs.get(i), docs.get(j)));
        }
      }
    }
    return pairs;
  }

  /** Scores {@code predicted} pairs against {@code expected} pairs. */
  public static Scores score(Set<Pair> expected, Set<Pair> predicted) {
    long tp = predicted.stream().filter(expected::contains).count();
    return new Scores(tp, predicted.size() - tp, expected.size() - tp);
  }
}
