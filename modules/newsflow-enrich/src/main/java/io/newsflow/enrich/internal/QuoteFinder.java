package io.newsflow.enrich.internal;

import io.newsflow.api.Entities.Entity;
import io.newsflow.api.Entities.Mention;
import io.newsflow.api.Entities.Quote;
import io.newsflow.api.Entities.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds direct quotations and their speakers. Pure and thread-safe.
 *
 * <p>A quotation is text of at least {@value #MIN_WORDS} words between curly or straight double
 * quotes within one paragraph (shorter ones are mostly scare quotes: “progress”). Its speaker is the
 * person mentioned nearest to it in the rest of its sentence when a speech verb is there ("…," Xi
 * said), else in the words before it ("Xi said: “…”"). A pronoun attribution ("he said") goes to
 * the previous quotation's speaker, else to the person mentioned last before the quotation.
 */
public final class QuoteFinder {

  static final int MIN_WORDS = 3;

  private static final Pattern QUOTED = Pattern.compile("“([^”\\n]+)”|\"([^\"\\n]+)\"");
  private static final Pattern SPEECH_VERB = Pattern.compile(
      "\\b(said|says|say|told|tells|added|adds|asked|asks|stated|declared|warned|warns|noted|notes|explained|"
          + "insisted|replied|urged|urges|remarked|according to|announced|stressed|wrote|writes)\\b");
  private static final Pattern PRONOUN_SAID = Pattern.compile(
      "^[\\s,.]*(?:(?:he|she)\\s+(?:said|says|added|told|asked|noted)|(?:said|says|added)\\s+(?:he|she))\\b",
      Pattern.CASE_INSENSITIVE);

  private QuoteFinder() {}

  /** Returns the quotations of {@code text}, speakers resolved among {@code entities}. */
  public static List<Quote> find(String text, List<Entity> entities) {
    List<Quote> quotes = new ArrayList<>();
    Matcher m = QUOTED.matcher(text);
    Entity previousSpeaker = null;
    while (m.find()) {
      int group = m.group(1) != null ? 1 : 2;
      String quoted = m.group(group);
      if (quoted.trim().split("\\s+").length < MIN_WORDS) {
        continue;
      }
      int after = m.end();
      int afterEnd = sentenceEnd(text, after);
      int beforeStart = sentenceStart(text, m.start());
      Entity speaker = null;
      String afterText = text.substring(after, afterEnd);
      if (SPEECH_VERB.matcher(afterText).find()) {
        speaker = nearestPerson(entities, after, afterEnd, after);
      }
      if (speaker == null && SPEECH_VERB.matcher(text.substring(beforeStart, m.start())).find()) {
        speaker = nearestPerson(entities, beforeStart, m.start(), m.start());
      }
      if (speaker == null && PRONOUN_SAID.matcher(afterText).find()) {
        speaker = previousSpeaker != null ? previousSpeaker : lastPersonBefore(entities, m.start());
      }
      if (speaker != null) {
        previousSpeaker = speaker;
      }
      quotes.add(new Quote(quoted, m.start(group), m.end(group),
          speaker == null ? null : speaker.name(), speaker == null ? null : speaker.key()));
    }
    return quotes;
  }

  private static int sentenceEnd(String text, int from) {
    int i = from;
    // The rest of the sentence after a quotation: up to the next full stop, newline or quote.
    while (i < text.length() && i - from < 200) {
      char c = text.charAt(i);
      if (c == '\n' || c == '“' || c == '"' || (c == '.' && i > from + 1 && !abbreviation(text, i))) {
        break;
      }
      i++;
    }
    return i;
  }

  private static boolean abbreviation(String text, int dot) {
    // "Mr. Xi said" must not end the sentence at "Mr.".
    int s = dot;
    while (s > 0 && Character.isLetter(text.charAt(s - 1))) {
      s--;
    }
    String w = text.substring(s, dot);
    return w.matches("Mr|Mrs|Ms|Dr|St|Sen|Gen|Gov|Rep|U|S|[A-Z]");
  }

  private static int sentenceStart(String text, int before) {
    int i = before - 1;
    while (i > 0 && before - i < 200) {
      char c = text.charAt(i);
      if (c == '\n' || c == '”' || c == '"' || ((c == '.' || c == '!' || c == '?') && !abbreviation(text, i))) {
        return i + 1;
      }
      i--;
    }
    return Math.max(0, i);
  }

  private static Entity nearestPerson(List<Entity> entities, int from, int to, int anchor) {
    Entity best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (Entity e : entities) {
      if (e.type() != Type.PERSON) {
        continue;
      }
      for (Mention mention : e.mentions()) {
        if (mention.start() >= from && mention.end() <= to) {
          int distance = Math.min(Math.abs(mention.start() - anchor), Math.abs(mention.end() - anchor));
          if (distance < bestDistance) {
            best = e;
            bestDistance = distance;
          }
        }
      }
    }
    return best;
  }

  private static Entity lastPersonBefore(List<Entity> entities, int offset) {
    Entity best = null;
    int bestStart = -1;
    for (Entity e : entities) {
      if (e.type() != Type.PERSON) {
        continue;
      }
      for (Mention mention : e.mentions()) {
        if (mention.end() <= offset && mention.start() > bestStart) {
          best = e;
          bestStart = mention.start();
        }
      }
    }
    return best;
  }
}
