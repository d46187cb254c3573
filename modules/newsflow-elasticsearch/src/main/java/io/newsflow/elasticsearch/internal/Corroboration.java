package io.newsflow.elasticsearch.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Counts, for each quotation of a document, how many independent sources in its story report it.
 * Pure and thread-safe.
 *
 * <p>A source reports a quotation when one of its own quotations shares at least
 * {@link #MIN_OVERLAP} of the shorter one's words (outlets trim and re-punctuate what they quote:
 * "The two sides made progress…" and "Two sides have also made progress…"). A document that is a
 * near-copy of one already counted (a reprint of the same wire copy) is not independent and does not
 * count again. The document itself counts as one source.
 */
public final class Corroboration {

  public static final double MIN_OVERLAP = 0.6;

  /** Describes one other document of the story: its id, its quotations, its MinHash signature and its key claims. */
  public record Source(String id, List<String> quotes, List<? extends Number> minhash, List<Claim> claims) {
    public Source(String id, List<String> quotes, List<? extends Number> minhash) {
      this(id, quotes, minhash, List.of());
    }
  }

  /** A key claim: its sentence and its facts (entity keys and {@code number:N}). */
  public record Claim(String text, List<String> facts) {}

  /** Word share a claim without numbers needs besides two shared entities. */
  public static final double MIN_CLAIM_OVERLAP = 0.4;

  private Corroboration() {}

  /**
   * Returns, for each of {@code quotes}, the number of independent sources reporting it, itself included.
   *
   * @param minhash the document's own signature (may be empty)
   * @param others the story's other documents, earliest first
   * @param duplicateThreshold signatures this similar are one source
   */
  public static List<Integer> count(List<String> quotes, List<? extends Number> minhash, List<Source> others,
      double duplicateThreshold) {
    List<Source> independent = independent(minhash, others, duplicateThreshold);
    List<Integer> result = new ArrayList<>();
    for (String quote : quotes) {
      Set<String> words = words(quote);
      int sources = 1;
      for (Source s : independent) {
        if (s.quotes().stream().anyMatch(q -> overlap(words, words(q)) >= MIN_OVERLAP)) {
          sources++;
        }
      }
      result.add(sources);
    }
    return result;
  }

  /**
   * Returns, for each of {@code claims}, the number of independent sources reporting it, itself
   * included. Another document reports a claim when one of its own claims shares a number and an
   * entity with it ("45 million" and the town), or, for a claim without numbers, two entities and
   * {@link #MIN_CLAIM_OVERLAP} of the shorter sentence's words.
   */
  public static List<Integer> countClaims(List<Claim> claims, List<? extends Number> minhash, List<Source> others,
      double duplicateThreshold) {
    List<Source> independent = independent(minhash, others, duplicateThreshold);
    List<Integer> result = new ArrayList<>();
    for (Claim claim : claims) {
      int sources = 1;
      for (Source s : independent) {
        if (s.claims().stream().anyMatch(other -> sameClaim(claim, other))) {
          sources++;
        }
      }
      result.add(sources);
    }
    return result;
  }

  /** Tells whether two claims report the same thing (see {@link #countClaims}). */
  public static boolean sameClaim(Claim a, Claim b) {
    Set<String> shared = new HashSet<>(a.facts());
    shared.retainAll(new HashSet<>(b.facts()));
    long numbers = shared.stream().filter(f -> f.startsWith("number:")).count();
    long entities = shared.size() - numbers;
    if (numbers >= 1 && entities >= 1) {
      return true;
    }
    return entities >= 2 && overlap(words(a.text()), words(b.text())) >= MIN_CLAIM_OVERLAP;
  }

  /** Returns {@code others} without near-copies of the document or of an earlier source. */
  private static List<Source> independent(List<? extends Number> minhash, List<Source> others, double duplicateThreshold) {
    List<List<? extends Number>> counted = new ArrayList<>();
    counted.add(minhash);
    List<Source> independent = new ArrayList<>();
    for (Source s : others) {
      boolean copy = counted.stream().anyMatch(c -> io.newsflow.api.Enrichment.minhashSimilarity(c, s.minhash()) >= duplicateThreshold);
      if (!copy) {
        independent.add(s);
        counted.add(s.minhash());
      }
    }
    return independent;
  }

  static double overlap(Set<String> a, Set<String> b) {
    if (a.size() < 3 || b.size() < 3) {
      return 0;
    }
    Set<String> shared = new HashSet<>(a);
    shared.retainAll(b);
    return (double) shared.size() / Math.min(a.size(), b.size());
  }

  private static Set<String> words(String text) {
    Set<String> words = new HashSet<>();
    for (String w : text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
      if (!w.isEmpty()) {
        words.add(w);
      }
    }
    return words;
  }
}
