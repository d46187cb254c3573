package io.newsflow.enrich.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Picks a document's top phrases, RAKE-style: candidates are the one- to three-word n-grams of the
 * runs of words between stop words and punctuation, scored by frequency weighted towards longer
 * phrases; a phrase inside a better one is dropped, and a single word must occur twice. Pure and
 * thread-safe.
 */
public final class KeyPhrases {

  private static final int MAX_WORDS = 3;
  private static final Pattern TOKEN = Pattern.compile("[\\p{L}][\\p{L}'’-]*|[^\\p{L}\\s]+");
  // A common English stop list (function words, reporting verbs that every article repeats).
  private static final Set<String> STOP = Set.of(
      "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as", "at",
      "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can", "could", "did", "do",
      "does", "doing", "down", "during", "each", "few", "for", "from", "further", "had", "has", "have", "having", "he",
      "her", "here", "hers", "herself", "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its",
      "itself", "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on", "once",
      "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same", "she", "should", "so", "some",
      "such", "than", "that", "the", "their", "theirs", "them", "themselves", "then", "there", "these", "they", "this",
      "those", "through", "to", "too", "under", "until", "up", "very", "was", "we", "were", "what", "when", "where",
      "which", "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "said", "says", "say",
      "told", "mr", "mrs", "ms", "one", "two", "new", "since", "may", "might", "must", "shall", "us", "per", "like",
      "yet", "still", "many", "much", "well", "even", "however", "according", "including", "saying", "another", "within",
      "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "s", "t");

  private KeyPhrases() {}

  /** Returns at most {@code limit} phrases of {@code text}, lowercased, best first. */
  public static List<String> top(String text, int limit) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    List<String> run = new ArrayList<>();
    Matcher m = TOKEN.matcher(text);
    while (m.find()) {
      String t = m.group().toLowerCase(Locale.ROOT).replace('’', '\'');
      if (t.endsWith("'s")) {
        t = t.substring(0, t.length() - 2);
      }
      boolean word = Character.isLetter(t.isEmpty() ? ' ' : t.charAt(0));
      if (!word || t.length() < 2 || STOP.contains(t)) {
        flush(run, counts);
      } else {
        run.add(t);
      }
    }
    flush(run, counts);
    // Scored once each, not at every comparison of the sort.
    Map<String, Double> scores = new HashMap<>();
    counts.forEach((phrase, count) -> scores.put(phrase, score(phrase, count)));
    List<Map.Entry<String, Integer>> ranked = new ArrayList<>(counts.entrySet());
    ranked.sort(Comparator.<Map.Entry<String, Integer>>comparingDouble(e -> -scores.get(e.getKey())));
    List<String> top = new ArrayList<>();
    for (Map.Entry<String, Integer> e : ranked) {
      if (top.size() >= limit) {
        break;
      }
      String phrase = e.getKey();
      // A single word must recur to be a key phrase; a phrase inside or overlapping a chosen one
      // ("harbour bridge reopened" after "elwin harbour bridge") adds nothing.
      if ((e.getValue() < 2 && !phrase.contains(" ")) || top.stream().anyMatch(p -> contains(p, phrase) || contains(phrase, p)
          || sharesBigram(p, phrase))) {
        continue;
      }
      top.add(phrase);
    }
    return top;
  }

  private static boolean contains(String longer, String shorter) {
    return (" " + longer + " ").contains(" " + shorter + " ");
  }

  private static boolean sharesBigram(String a, String b) {
    String[] w = b.split(" ");
    for (int i = 0; i + 1 < w.length; i++) {
      if (contains(a, w[i] + " " + w[i + 1])) {
        return true;
      }
    }
    return false;
  }

  private static double score(String phrase, int count) {
    int words = 1;
    for (int i = phrase.indexOf(' '); i >= 0; i = phrase.indexOf(' ', i + 1)) {
      words++;
    }
    return count * (1 + 0.6 * (words - 1));
  }

  private static void flush(List<String> run, Map<String, Integer> counts) {
    for (int n = 1; n <= MAX_WORDS; n++) {
      for (int i = 0; i + n <= run.size(); i++) {
        counts.merge(String.join(" ", run.subList(i, i + n)), 1, Integer::sum);
      }
    }
    run.clear();
  }
}
