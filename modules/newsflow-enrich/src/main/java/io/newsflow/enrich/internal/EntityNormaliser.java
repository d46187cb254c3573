package io.newsflow.enrich.internal;

import io.newsflow.api.Entities.Entity;
import io.newsflow.api.Entities.Mention;
import io.newsflow.api.Entities.Type;
import io.newsflow.enrich.EntityRecognizer.Span;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Merges a document's entity mentions into entities: "Antony Blinken", "Blinken" and "Mr. Blinken"
 * become one person, "Xi", "Xi Jinping" and "President Xi" too, even where the recogniser labelled a
 * lone surname as a location or organisation; "U.S." and "United States" become one place. Pure and
 * thread-safe.
 *
 * <p>The rules, in order: mentions lose a leading title ("Mr.", "President"), a leading "the" and a
 * trailing possessive. A mention after a personal title is a person whatever its label. Multi-word
 * person names are entities; a one-word mention (of any label) that is a word of a person's name
 * joins that person (the most recently mentioned one if several match; the last word, the surname,
 * is preferred over other words). Unlabelled occurrences of a person's full name or of a short form
 * the recogniser found elsewhere in the document are added as mentions. Other mentions merge when
 * their normalised text is the same or one is the other's acronym; their type is the label most
 * mentions got.
 */
public final class EntityNormaliser {

  // Titles that precede a person's name in news English; lowercase, without the trailing dot.
  private static final Set<String> PERSONAL_TITLES = Set.of(
      "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president",
      "vice-president", "premier", "chancellor", "minister", "secretary", "senator", "sen", "rep",
      "representative", "governor", "gov", "mayor", "judge", "justice", "general", "gen", "admiral",
      "colonel", "col", "captain", "capt", "king", "queen", "prince", "princess", "pope", "rev",
      "reverend", "councillor", "councilor", "ambassador", "engineer", "chairman", "chairwoman", "chief");
  // A title, then one to three capitalised words on the same line: the name.
  private static final Pattern TITLED_NAME = Pattern.compile(
      "\\b(?:Mr|Mrs|Ms|Dr|Prof|Sen|Gov|Gen|Rep)\\.?[ \\t]+((?:\\p{Lu}[\\p{L}'’-]+)(?:[ \\t]+\\p{Lu}[\\p{L}'’-]+){0,2})"
          + "|\\b(?:President|Premier|Chancellor|Minister|Secretary|Senator|Governor|Mayor|Judge|Ambassador|Councillor"
          + "|engineer|Engineer|spokesman|spokeswoman|spokesperson)[ \\t]+((?:\\p{Lu}[\\p{L}'’-]+)(?:[ \\t]+\\p{Lu}[\\p{L}'’-]+){0,2})");
  // The first letters of TITLED_NAME's titles.
  private static final boolean[] TITLE_INITIALS = Scan.initials("MDPSGRCJAEes");

  private static final Set<String> LOCATION_HEADS = Set.of(
      "Bridge", "Street", "Road", "Avenue", "Square", "Harbour", "Harbor", "Airport", "Station", "Park", "River",
      "Lake", "Bay", "Island", "Islands", "Mountain", "Mountains", "Valley", "Tunnel", "Port", "Hall", "Palace",
      "Stadium", "Sea", "Ocean", "County", "Province", "District", "City", "Town", "Village");
  private static final Set<String> LOCATION_PREFIXES = Set.of("Port", "Mount", "Lake", "Cape", "Fort", "Gulf");
  private static final Set<String> ORGANIZATION_HEADS = Set.of(
      "Council", "Committee", "Commission", "Ministry", "Department", "Agency", "Company", "Corporation", "Corp",
      "Inc", "Inc.", "Ltd", "Ltd.", "Group", "Bank", "University", "College", "School", "Institute", "Association",
      "Party", "Union", "Fund", "Foundation", "Authority", "Office", "Times", "Herald", "News", "Post", "Wire",
      "Press", "Club", "Court", "Parliament", "Congress", "Senate", "Army", "Navy", "Police");
  private static final Pattern PLACE_PREFIX_BEFORE = Pattern.compile("(?<![\\p{L}])(?:Port|PORT|Mount|Cape|Fort) $");
  private static final Set<String> ACRONYM_SKIP_WORDS = Set.of("of", "the", "and", "for", "in", "on", "&");
  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}.'’-]*");

  private EntityNormaliser() {}

  /** Returns the entities of {@code text}, in order of first mention. */
  public static List<Entity> normalise(String text, List<Span> recognised) {
    List<Span> spans = new ArrayList<>(recognised);
    spans.addAll(titledNames(text, recognised));
    spans.sort(Comparator.comparingInt(Span::start));
    List<Draft> persons = new ArrayList<>();
    List<Candidate> lone = new ArrayList<>();
    List<Candidate> others = new ArrayList<>();
    for (Span span : spans) {
      Candidate c = clean(text, span);
      if (c == null) {
        continue;
      }
      if (c.type == Type.PERSON && c.words.size() > 1) {
        Draft d = findPerson(persons, c.words);
        if (d == null) {
          d = new Draft(Type.PERSON);
          persons.add(d);
        }
        d.add(c);
      } else if (c.type == Type.PERSON || c.words.size() == 1) {
        lone.add(c);
      } else {
        others.add(c);
      }
    }
    // A two- or three-word "organisation" or "miscellaneous" name that begins or ends with a word
    // the recogniser calls a person elsewhere is that person ("Chinese leader Xi Jinping" comes out
    // as MISC next to a lone "Xi" labelled PERSON).
    Set<String> personWords = new java.util.HashSet<>();
    for (Candidate c : lone) {
      if (c.type == Type.PERSON && c.words.size() == 1) {
        personWords.add(c.words.get(0));
      }
    }
    for (java.util.Iterator<Candidate> it = others.iterator(); it.hasNext(); ) {
      Candidate o = it.next();
      if ((o.type == Type.MISC || o.type == Type.ORGANIZATION) && o.words.size() <= 3
          && retypeByHeadWord(o.mention.text(), o.type) == o.type
          && (personWords.contains(o.words.get(0)) || personWords.contains(o.words.get(o.words.size() - 1)))) {
        it.remove();
        Candidate asPerson = new Candidate(o.mention, Type.PERSON, o.words);
        Draft d = findPerson(persons, o.words);
        if (d == null) {
          d = new Draft(Type.PERSON);
          persons.add(d);
        }
        d.add(asPerson);
      }
    }
    // One-word mentions: a word of a known person's name joins that person whatever its label.
    List<Draft> lonePersons = new ArrayList<>();
    for (Candidate c : lone) {
      Draft match = personFor(persons, c);
      if (match != null) {
        match.add(c);
        match.shortForms.add(c.mention.text());
      } else if (c.type == Type.PERSON && containingThing(others, c) != null) {
        // "Elwin" labelled a person beside "Port Elwin" and "Elwin Harbour Bridge": a place word.
        Candidate thing = containingThing(others, c);
        others.add(new Candidate(c.mention, thing.type, c.words));
      } else if (c.type == Type.PERSON) {
        Draft d = findExact(lonePersons, c.key());
        if (d == null) {
          d = new Draft(Type.PERSON);
          lonePersons.add(d);
        }
        d.add(c);
      } else {
        others.add(c);
      }
    }
    persons.addAll(lonePersons);
    // Other mentions that spell a person's name ("Xi" labelled LOCATION next to "Xi Jinping").
    List<Candidate> rest = new ArrayList<>();
    for (Candidate c : others) {
      Draft match = findPersonByFullName(persons, c.key());
      if (match != null) {
        match.add(c);
      } else {
        rest.add(c);
      }
    }
    addUnlabelledPersonMentions(text, persons);

    List<Draft> things = new ArrayList<>();
    for (Candidate c : rest) {
      Draft d = findThing(things, c);
      if (d == null) {
        d = new Draft(c.type);
        things.add(d);
      }
      d.add(c);
    }
    List<Entity> entities = new ArrayList<>();
    for (Draft d : persons) {
      entities.add(d.toEntity(Type.PERSON));
    }
    for (Draft d : things) {
      entities.add(d.toEntity(d.majorityType()));
    }
    entities.sort(Comparator.comparingInt(Entity::firstOffset));
    return entities;
  }

  /** Returns the stable cross-document key of an entity: type code and slug of its name. */
  public static String key(Type type, String name) {
    String folded = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
    String slug = folded.toLowerCase(Locale.ROOT).replaceAll("[.'’]", "").replaceAll("[^\\p{L}\\p{N}]+", "-")
        .replaceAll("^-|-$", "");
    return type.code().toLowerCase(Locale.ROOT) + ":" + slug;
  }

  /**
   * Returns the capitalised names right after a personal title ("Foreign Minister Qin Gang", "Mayor
   * Tomas Reyvik") that the recogniser left unlabelled: the CoNLL model misses many names it never
   * saw, but a title before them is strong evidence of a person.
   */
  static List<Span> titledNames(String text, List<Span> recognised) {
    List<Span> found = new ArrayList<>();
    // Tried only where one of its titles can begin (see Scan): the pattern at every character of
    // the text cost more than the rest of normalisation together.
    for (MatchResult m : Scan.findAll(TITLED_NAME, text, TITLE_INITIALS)) {
      int g = m.group(1) != null ? 1 : 2;
      int s = m.start(g);
      int e = m.end(g);
      String name = m.group(g);
      if (PERSONAL_TITLES.contains(name.split("\\s+")[0].toLowerCase(Locale.ROOT))
          || name.matches("(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|The|A|An)\\b.*")) {
        continue;
      }
      boolean overlaps = recognised.stream().anyMatch(r -> s < r.end() && r.start() < e);
      if (!overlaps) {
        found.add(new Span(Type.PERSON, s, e));
      }
    }
    return found;
  }

  private static Candidate clean(String text, Span span) {
    int start = span.start();
    int end = Math.min(span.end(), text.length());
    Type type = span.type();
    // Trailing possessive and punctuation.
    while (end > start) {
      String s = text.substring(start, end);
      if (s.endsWith("'s") || s.endsWith("’s")) {
        end -= 2;
      } else if (s.endsWith("'") || s.endsWith("’") || s.endsWith(",") || s.endsWith("-")) {
        end -= 1;
      } else {
        break;
      }
    }
    // A place prefix the recogniser left out: "Port" of "Port Elwin", "Mount" of "Mount Kenya".
    Matcher prefix = PLACE_PREFIX_BEFORE.matcher(text.substring(Math.max(0, start - 6), start));
    if (prefix.find()) {
      start -= prefix.group().length();
      type = Type.LOCATION;
    }
    // Leading titles and "the": "President Xi" is Xi, "the United Nations" the United Nations.
    boolean titled = false;
    while (start < end) {
      Matcher m = WORD.matcher(text).region(start, end);
      if (!m.lookingAt()) {
        break;
      }
      String w = m.group().toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
      if (PERSONAL_TITLES.contains(w) || w.equals("the")) {
        int next = skipSpaces(text, m.end(), end);
        if (next >= end) {
          break;
        }
        titled |= !w.equals("the");
        start = next;
      } else {
        break;
      }
    }
    if (end <= start) {
      return null;
    }
    Type byHead = retypeByHeadWord(text.substring(start, end), type);
    if (!titled && byHead == type) {
      titled = precededByTitle(text, start);
    }
    if (titled && type != Type.PERSON) {
      type = Type.PERSON;
    }
    if (!titled) {
      type = byHead;
    }
    String mentionText = text.substring(start, end);
    List<String> words = new ArrayList<>();
    Matcher m = WORD.matcher(mentionText);
    while (m.find()) {
      words.add(m.group());
    }
    if (words.isEmpty()) {
      return null;
    }
    return new Candidate(new Mention(mentionText, start, end), type, words);
  }

  /**
   * Corrects the type of a multi-word name whose head word says what it is: the CoNLL model, which
   * has not seen "Elwin Harbour Bridge", may call it a person; "Bridge" makes it a location.
   */
  static Type retypeByHeadWord(String name, Type type) {
    String[] words = name.split("\\s+");
    if (words.length < 2) {
      return type;
    }
    String first = words[0];
    String last = words[words.length - 1];
    if (LOCATION_HEADS.contains(last) || LOCATION_PREFIXES.contains(first)) {
      return Type.LOCATION;
    }
    if (ORGANIZATION_HEADS.contains(last)) {
      return Type.ORGANIZATION;
    }
    return type;
  }

  private static int skipSpaces(String text, int from, int limit) {
    int i = from;
    while (i < limit && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean precededByTitle(String text, int start) {
    int i = start - 1;
    while (i >= 0 && text.charAt(i) == ' ') {
      i--;
    }
    int end = i + 1;
    while (i >= 0 && (Character.isLetter(text.charAt(i)) || text.charAt(i) == '.')) {
      i--;
    }
    if (end - (i + 1) < 2) {
      return false;
    }
    String w = text.substring(i + 1, end);
    // Honorifics and offices that come straight before a name ("Chinese leader Xi Jinping", which the
    // CoNLL model calls MISC after "Chinese"). A head word ("Party", "Bridge") still wins: see clean.
    return w.matches("(Mr|Mrs|Ms|Dr|Mr\\.|Mrs\\.|Ms\\.|Dr\\.|Sen\\.|President|Mayor|Senator|leader|Leader|Minister"
        + "|Premier|Chancellor|Governor|Secretary|spokesman|spokeswoman|spokesperson|Ambassador|Judge|engineer|Engineer"
        + "|King|Queen|Prince|Princess|Pope)");
  }

  private static Draft findPerson(List<Draft> persons, List<String> words) {
    String first = words.get(0);
    String last = words.get(words.size() - 1);
    for (Draft d : persons) {
      for (Candidate c : d.candidates) {
        if (c.words.size() > 1 && c.words.get(0).equals(first) && c.words.get(c.words.size() - 1).equals(last)) {
          return d;
        }
      }
    }
    return null;
  }

  /** Returns the person whose full name contains the one-word mention, preferring the surname. */
  private static Draft personFor(List<Draft> persons, Candidate c) {
    if (c.words.size() != 1) {
      return null;
    }
    String word = c.words.get(0);
    Draft bySurname = null;
    Draft byOtherWord = null;
    int surnameAt = -1;
    int otherAt = -1;
    for (Draft d : persons) {
      int recent = d.lastMentionBefore(c.mention.start());
      for (Candidate full : d.candidates) {
        if (full.words.size() < 2) {
          continue;
        }
        int at = full.words.indexOf(word);
        if (at < 0) {
          continue;
        }
        if (at == full.words.size() - 1) {
          if (bySurname == null || recent > surnameAt) {
            bySurname = d;
            surnameAt = recent;
          }
        } else if (byOtherWord == null || recent > otherAt) {
          byOtherWord = d;
          otherAt = recent;
        }
        break;
      }
    }
    return bySurname != null ? bySurname : byOtherWord;
  }

  /** Returns the nearest multi-word non-person mention that contains the one-word {@code c}. */
  private static Candidate containingThing(List<Candidate> others, Candidate c) {
    Candidate best = null;
    for (Candidate o : others) {
      if (o.words.size() > 1 && o.words.contains(c.words.get(0))
          && (best == null || Math.abs(o.mention.start() - c.mention.start()) < Math.abs(best.mention.start() - c.mention.start()))) {
        best = o;
      }
    }
    return best;
  }

  private static Draft findPersonByFullName(List<Draft> persons, String key) {
    for (Draft d : persons) {
      for (Candidate c : d.candidates) {
        if (c.key().equals(key)) {
          return d;
        }
      }
    }
    return null;
  }

  private static Draft findExact(List<Draft> drafts, String key) {
    return findPersonByFullName(drafts, key);
  }

  private static Draft findThing(List<Draft> things, Candidate c) {
    for (Draft d : things) {
      for (Candidate o : d.candidates) {
        if (o.key().equals(c.key()) || isAcronymOf(c, o) || isAcronymOf(o, c)) {
          return d;
        }
      }
    }
    // A one-word place that is the name of a "Port X", "Mount X" ("Elwin" of "Port Elwin"); not any
    // word of a longer name ("China" is not "South China Sea").
    if (c.words.size() == 1) {
      for (Draft d : things) {
        for (Candidate o : d.candidates) {
          if (o.words.size() == 2 && LOCATION_PREFIXES.contains(o.words.get(0)) && o.words.get(1).equals(c.words.get(0))) {
            return d;
          }
        }
      }
    }
    return null;
  }

  /** Tells whether {@code a} ("U.S.", "UN") is the initials of {@code b} ("United States"). */
  private static boolean isAcronymOf(Candidate a, Candidate b) {
    String letters = a.mention.text().replace(".", "");
    if (a.words.size() != 1 || letters.length() < 2 || letters.length() > 6 || !letters.equals(letters.toUpperCase(Locale.ROOT))
        || b.words.size() < 2) {
      return false;
    }
    StringBuilder initials = new StringBuilder();
    for (String w : b.words) {
      if (!ACRONYM_SKIP_WORDS.contains(w.toLowerCase(Locale.ROOT))) {
        initials.append(Character.toUpperCase(w.charAt(0)));
      }
    }
    return initials.toString().equals(letters);
  }

  /** Adds occurrences of a person's full name or of a short form seen elsewhere that the recogniser missed. */
  private static void addUnlabelledPersonMentions(String text, List<Draft> persons) {
    List<int[]> taken = new ArrayList<>();
    for (Draft d : persons) {
      for (Candidate c : d.candidates) {
        taken.add(new int[] {c.mention.start(), c.mention.end()});
      }
    }
    for (Draft d : persons) {
      Set<String> forms = new java.util.LinkedHashSet<>();
      for (Candidate c : d.candidates) {
        if (c.type == Type.PERSON) {
          forms.add(c.mention.text());
        }
      }
      forms.addAll(d.shortForms);
      // Each word of a full name on its own ("Xi" of "Xi Jinping", "Blinken" of "Antony Blinken"):
      // the recogniser often leaves a lone surname unlabelled. A capitalised word at the start of a
      // sentence is only taken if the text never uses it in lowercase ("Will", "Young" would be).
      for (Candidate c : d.candidates) {
        if (c.words.size() > 1 && c.type == Type.PERSON) {
          for (String w : c.words) {
            if (w.length() >= 2 && Character.isUpperCase(w.charAt(0)) && !w.endsWith(".")
                && !PERSONAL_TITLES.contains(w.toLowerCase(Locale.ROOT))
                && !text.contains(" " + w.toLowerCase(Locale.ROOT) + " ")) {
              forms.add(w);
            }
          }
        }
      }
      for (String form : forms) {
        if (form.isEmpty()) {
          continue;
        }
        // Each occurrence of the form not inside a longer word; a plain search, where a pattern
        // compiled per form and document cost more than the search itself.
        for (int s = text.indexOf(form); s >= 0; s = text.indexOf(form, s + 1)) {
          int e = s + form.length();
          if (s > 0 && letterOrNumber(text.codePointBefore(s)) || e < text.length() && letterOrNumber(text.codePointAt(e))) {
            continue;
          }
          final int start = s;
          boolean overlaps = taken.stream().anyMatch(t -> start < t[1] && t[0] < e);
          if (!overlaps) {
            taken.add(new int[] {s, e});
            d.add(new Candidate(new Mention(form, s, e), Type.PERSON, List.of(form.split("\\s+"))));
          }
          s = e - 1;
        }
      }
    }
  }

  /** Tells whether {@code cp} is a letter or a number ({@code [\p{L}\p{N}]} in a pattern). */
  private static boolean letterOrNumber(int cp) {
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
  }

  private record Candidate(Mention mention, Type type, List<String> words) {
    String key() {
      return EntityNormaliser.key(Type.MISC, mention.text());
    }
  }

  private static final class Draft {
    final Type firstType;
    final List<Candidate> candidates = new ArrayList<>();
    final Set<String> shortForms = new java.util.LinkedHashSet<>();

    Draft(Type firstType) {
      this.firstType = firstType;
    }

    void add(Candidate c) {
      candidates.add(c);
    }

    int lastMentionBefore(int offset) {
      int best = -1;
      for (Candidate c : candidates) {
        if (c.mention.start() < offset) {
          best = Math.max(best, c.mention.start());
        }
      }
      return best;
    }

    Type majorityType() {
      Map<Type, Integer> counts = new HashMap<>();
      for (Candidate c : candidates) {
        counts.merge(c.type, 1, Integer::sum);
      }
      return counts.entrySet().stream()
          .max(Map.Entry.<Type, Integer>comparingByValue().thenComparing(e -> e.getKey() == firstType ? 1 : 0))
          .orElseThrow().getKey();
    }

    Entity toEntity(Type type) {
      // The canonical name is the fullest form: most words, then not shouted in capitals (a
      // headline's "PORT ELWIN"), then most frequent, then first seen.
      Map<String, Integer> freq = new LinkedHashMap<>();
      Map<String, Integer> words = new HashMap<>();
      for (Candidate c : candidates) {
        freq.merge(c.mention.text(), 1, Integer::sum);
        words.put(c.mention.text(), c.words.size());
      }
      String name = freq.keySet().stream()
          .max(Comparator.<String>comparingInt(words::get)
              .thenComparingInt(n -> n.length() > 4 && n.equals(n.toUpperCase(Locale.ROOT)) ? 0 : 1)
              .thenComparingInt(freq::get))
          .orElseThrow();
      List<Mention> mentions = candidates.stream().map(Candidate::mention)
          .sorted(Comparator.comparingInt(Mention::start)).toList();
      return new Entity(key(type, name), name, type, mentions.size(), mentions.get(0).start(), mentions);
    }
  }
}
