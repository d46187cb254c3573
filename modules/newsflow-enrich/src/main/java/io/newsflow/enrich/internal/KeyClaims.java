package io.newsflow.enrich.internal;

import io.newsflow.api.Entities.Claim;
import io.newsflow.api.Entities.Entity;
import io.newsflow.api.Entities.Mention;
import io.newsflow.api.Entities.Quote;
import io.newsflow.api.Entities.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import opennlp.tools.util.Span;

/**
 * Picks a document's key claims: the sentences other outlets can report too, each with the facts a
 * corroborating report must share. A sentence is a claim when it names a person, organisation or
 * place and gives a number ("a 45 million plan", "18 months"), or when it is one of the first two
 * sentences of the body and names one (the lead says what happened). Sentences that are mostly a
 * quotation are left to the quotes, which are corroborated on their own; headlines and one-word lines
 * are not claims. Pure and thread-safe.
 */
public final class KeyClaims {

  /** At most this many claims per document, in text order. */
  public static final int MAX_CLAIMS = 6;

  private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");
  private static final int MIN_WORDS = 6;
  private static final int MAX_WORDS = 80;

  private KeyClaims() {}

  /**
   * Returns the key claims of {@code text}.
   *
   * @param sentences sentence spans of {@code text}
   * @param entities the document's entities, with their mentions
   * @param quotes the document's quotations
   */
  public static List<Claim> find(String text, Span[] sentences, List<Entity> entities, List<Quote> quotes) {
    List<Claim> claims = new ArrayList<>();
    int bodySentence = 0;
    for (Span s : sentences) {
      String sentence = text.substring(s.getStart(), s.getEnd());
      int words = sentence.trim().split("\\s+").length;
      if (sentence.indexOf('\n') >= 0) {
        // A headline or byline glued to the first sentence: a sentence does not cross a line break.
        int cut = sentence.lastIndexOf('\n') + 1;
        s = new Span(s.getStart() + cut, s.getEnd());
        sentence = text.substring(s.getStart(), s.getEnd());
        words = sentence.trim().split("\\s+").length;
      }
      if (words < MIN_WORDS || words > MAX_WORDS) {
        continue;
      }
      bodySentence++;
      if (quotedShare(s, quotes) > 0.5) {
        continue;
      }
      Set<String> facts = new LinkedHashSet<>();
      for (Entity e : entities) {
        if (e.type() == Type.MISC) {
          continue;
        }
        for (Mention m : e.mentions()) {
          if (m.start() >= s.getStart() && m.end() <= s.getEnd()) {
            facts.add(e.key());
            break;
          }
        }
      }
      boolean number = false;
      Matcher n = NUMBER.matcher(sentence);
      while (n.find()) {
        facts.add("number:" + n.group().replace(",", "").toLowerCase(Locale.ROOT));
        number = true;
      }
      boolean entity = facts.stream().anyMatch(f -> !f.startsWith("number:"));
      if (entity && (number || bodySentence <= 2)) {
        claims.add(new Claim(sentence.strip(), s.getStart() + (sentence.length() - sentence.stripLeading().length()),
            s.getStart() + sentence.stripTrailing().length(), List.copyOf(facts)));
        if (claims.size() == MAX_CLAIMS) {
          break;
        }
      }
    }
    return claims;
  }

  private static double quotedShare(Span sentence, List<Quote> quotes) {
    int quoted = 0;
    for (Quote q : quotes) {
      int start = Math.max(q.start(), sentence.getStart());
      int end = Math.min(q.end(), sentence.getEnd());
      quoted += Math.max(0, end - start);
    }
    return (double) quoted / Math.max(1, sentence.length());
  }
}
