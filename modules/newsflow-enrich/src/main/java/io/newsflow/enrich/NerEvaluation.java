package io.newsflow.enrich;

import io.newsflow.api.Entities.Entity;
import io.newsflow.api.Entities.Mention;
import io.newsflow.api.Entities.Type;
import io.newsflow.enrich.EntityRecognizer.Span;
import io.newsflow.enrich.internal.EntityNormaliser;
import io.newsflow.enrich.internal.Sentences;
import java.io.BufferedReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores entity recognition against a CoNLL-2003-style corpus, conlleval style: an entity counts
 * only if its type and its exact token span match, and precision, recall and F1 are given per type
 * and overall. Not thread-safe; one instance scores one run.
 *
 * <p>Each document of the corpus ({@code -DOCSTART-} lines separate them) is rebuilt as text, one
 * sentence a line, tokens joined by single spaces, and given to the recogniser as the enrich stage
 * gives it a text: with OpenNLP's sentences and tokens; predicted character spans are mapped back to
 * the tokens they cover. Two systems are scored: the bare
 * recogniser, and the mentions of the entities after {@link NlpEnricher}'s normalisation (titles
 * stripped, names after titles added, types corrected by head word).
 */
public final class NerEvaluation {

  /** Counts of one type: true positives, predicted, gold. */
  public record Counts(int correct, int predicted, int gold) {
    public double precision() {
      return predicted == 0 ? 0 : (double) correct / predicted;
    }

    public double recall() {
      return gold == 0 ? 0 : (double) correct / gold;
    }

    public double f1() {
      double p = precision();
      double r = recall();
      return p + r == 0 ? 0 : 2 * p * r / (p + r);
    }
  }

  /** Scores of one system: per type code and {@code overall}. */
  public record Scores(Map<String, Counts> byType) {}

  /** Gives both systems' scores and the corpus size. */
  public record Report(int documents, int sentences, int tokens, Scores recognizer, Scores normalised) {}

  private record Token(String word, String tag, int start, int end) {}

  private record Labelled(int start, int end, Type type) {}

  private NerEvaluation() {}

  /** Reads the corpus from {@code in}, runs {@code recognizer} on every document and scores it. */
  public static Report evaluate(BufferedReader in, EntityRecognizer recognizer) throws IOException {
    int[] sizes = new int[3];
    Map<String, int[]> rec = new LinkedHashMap<>();
    Map<String, int[]> norm = new LinkedHashMap<>();
    List<List<Token>> document = new ArrayList<>();
    List<Token> sentence = new ArrayList<>();
    String line;
    while ((line = in.readLine()) != null) {
      line = line.strip();
      if (line.startsWith("-DOCSTART-")) {
        endSentence(document, sentence);
        score(document, recognizer, rec, norm, sizes);
        document = new ArrayList<>();
      } else if (line.isEmpty()) {
        endSentence(document, sentence);
      } else {
        int space = line.lastIndexOf(' ');
        if (space < 0) {
          throw new IOException("not a CoNLL 'token tag' line: " + line);
        }
        sentence.add(new Token(line.substring(0, space), line.substring(space + 1), 0, 0));
      }
    }
    endSentence(document, sentence);
    score(document, recognizer, rec, norm, sizes);
    return new Report(sizes[0], sizes[1], sizes[2], scores(rec), scores(norm));
  }

  private static void endSentence(List<List<Token>> document, List<Token> sentence) {
    if (!sentence.isEmpty()) {
      document.add(new ArrayList<>(sentence));
      sentence.clear();
    }
  }

  private static void score(List<List<Token>> sentences, EntityRecognizer recognizer, Map<String, int[]> rec,
      Map<String, int[]> norm, int[] sizes) {
    if (sentences.isEmpty()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    List<Token> tokens = new ArrayList<>();
    for (List<Token> s : sentences) {
      for (int i = 0; i < s.size(); i++) {
        if (i > 0) {
          text.append(' ');
        }
        Token t = s.get(i);
        tokens.add(new Token(t.word, t.tag, text.length(), text.length() + t.word.length()));
        text.append(t.word);
      }
      text.append('\n');
    }
    sizes[0]++;
    sizes[1] += sentences.size();
    sizes[2] += tokens.size();
    Set<Labelled> gold = gold(tokens, sentences);
    String body = text.toString();
    List<Span> spans = recognizer.recognize(body, Sentences.tokens(body, Sentences.sentences(body)));
    Set<Labelled> predicted = new HashSet<>();
    for (Span s : spans) {
      add(predicted, tokens, s.start(), s.end(), s.type());
    }
    Set<Labelled> normalised = new HashSet<>();
    for (Entity e : EntityNormaliser.normalise(body, spans)) {
      for (Mention m : e.mentions()) {
        add(normalised, tokens, m.start(), m.end(), e.type());
      }
    }
    tally(rec, gold, predicted);
    tally(norm, gold, normalised);
  }

  /** Maps a character span to the tokens it overlaps (a span ends and starts on token edges). */
  private static void add(Set<Labelled> into, List<Token> tokens, int start, int end, Type type) {
    int first = -1;
    int last = -1;
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.start < end && start < t.end) {
        if (first < 0) {
          first = i;
        }
        last = i;
      }
    }
    if (first >= 0) {
      into.add(new Labelled(first, last, type));
    }
  }

  /** Reads IOB1 (and IOB2) tags: I-X continues an X unless B-X starts a new one. */
  private static Set<Labelled> gold(List<Token> tokens, List<List<Token>> sentences) {
    Set<Labelled> gold = new HashSet<>();
    int index = 0;
    for (List<Token> s : sentences) {
      Type current = null;
      int start = -1;
      for (int i = 0; i < s.size(); i++, index++) {
        String tag = tokens.get(index).tag;
        Type type = tag.length() > 2 ? type(tag.substring(2)) : null;
        boolean begins = tag.startsWith("B-");
        if (current != null && (type != current || begins)) {
          gold.add(new Labelled(start, index - 1, current));
          current = null;
        }
        if (type != null && current == null) {
          current = type;
          start = index;
        }
      }
      if (current != null) {
        gold.add(new Labelled(start, index - 1, current));
      }
    }
    return gold;
  }

  private static Type type(String conll) {
    return switch (conll) {
      case "PER" -> Type.PERSON;
      case "ORG" -> Type.ORGANIZATION;
      case "LOC" -> Type.LOCATION;
      case "MISC" -> Type.MISC;
      default -> null;
    };
  }

  private static void tally(Map<String, int[]> counts, Set<Labelled> gold, Set<Labelled> predicted) {
    for (Labelled p : predicted) {
      int[] c = counts.computeIfAbsent(p.type.code(), k -> new int[3]);
      c[1]++;
      if (gold.contains(p)) {
        c[0]++;
      }
    }
    for (Labelled g : gold) {
      counts.computeIfAbsent(g.type.code(), k -> new int[3])[2]++;
    }
  }

  private static Scores scores(Map<String, int[]> counts) {
    Map<String, Counts> byType = new LinkedHashMap<>();
    int[] all = new int[3];
    for (Type t : Type.values()) {
      int[] c = counts.getOrDefault(t.code(), new int[3]);
      byType.put(t.code(), new Counts(c[0], c[1], c[2]));
      for (int i = 0; i < 3; i++) {
        all[i] += c[i];
      }
    }
    byType.put("overall", new Counts(all[0], all[1], all[2]));
    return new Scores(byType);
  }
}
