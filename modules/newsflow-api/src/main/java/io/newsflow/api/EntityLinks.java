package io.newsflow.api;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Links the person keys of the documents of one story: a document that names a person by one word
 * only ("Biden", key {@code person:biden}) gets the key of the full name another document of the
 * story gives ({@code person:joe-biden}). Within a document {@code EntityNormaliser} already joins a
 * lone word to the full name it belongs to; this does the same across the documents of a story, the
 * scope in which one surname almost always means one person. Pure and thread-safe.
 *
 * <p>A one-word key links to a full-name key when its word is one of the full name's words (the
 * family name first or last: "Xi" of "Xi Jinping", "Blinken" of "Antony Blinken") and exactly one
 * full name of the story has that word. With two ("Joe Biden" and "Jill Biden") the lone key is left
 * as it is: it could be either. Keys are compared as their slugs ({@code person:joe-biden} has the
 * words {@code joe} and {@code biden}), so a claim's facts, which hold only keys, link alike.
 *
 * <p>Applied when a story is shown, not stored: a story grows, and a full name that arrives later
 * links the documents that came before it.
 */
public final class EntityLinks {

  private static final String PERSON = "person:";

  private EntityLinks() {}

  /**
   * Returns, for each one-word person key among {@code keys} that links to exactly one full-name
   * person key among them, that full-name key. Other keys are absent.
   */
  public static Map<String, String> aliases(Collection<String> keys) {
    Map<String, Set<String>> fullByWord = new LinkedHashMap<>();
    Set<String> lone = new LinkedHashSet<>();
    for (String key : keys) {
      if (key == null || !key.startsWith(PERSON)) {
        continue;
      }
      String[] words = key.substring(PERSON.length()).split("-");
      if (words.length == 1) {
        lone.add(key);
      } else {
        for (String w : words) {
          if (w.length() >= 2) {
            fullByWord.computeIfAbsent(w, x -> new LinkedHashSet<>()).add(key);
          }
        }
      }
    }
    Map<String, String> aliases = new LinkedHashMap<>();
    for (String key : lone) {
      Set<String> full = fullByWord.get(key.substring(PERSON.length()));
      if (full != null && full.size() == 1) {
        aliases.put(key, full.iterator().next());
      }
    }
    return aliases;
  }

  /**
   * Returns the person keys of an enrichment in its JSON form ({@code entities[].key} of persons and
   * {@code quotes[].speaker_key}).
   */
  public static List<String> personKeys(Map<String, ?> enrichment) {
    List<String> keys = new ArrayList<>();
    if (enrichment.get("entities") instanceof List<?> entities) {
      for (Object e : entities) {
        if (e instanceof Map<?, ?> m && m.get("key") instanceof String k && k.startsWith(PERSON)) {
          keys.add(k);
        }
      }
    }
    return keys;
  }

  /**
   * Returns a copy of an enrichment in its JSON form with {@code aliases} applied: each linked
   * entity's {@code key} is the full name's key and its own is kept as {@code document_key} (its
   * {@code name} stays what this document says); quotes' {@code speaker_key} and claims'
   * {@code facts} are linked alike. Returns {@code enrichment} itself when nothing links.
   */
  public static Map<String, Object> apply(Map<String, Object> enrichment, Map<String, String> aliases) {
    if (aliases.isEmpty() || personKeys(enrichment).stream().noneMatch(aliases::containsKey)) {
      return enrichment;
    }
    Map<String, Object> out = new LinkedHashMap<>(enrichment);
    out.put("entities", mapEach(enrichment.get("entities"), m -> {
      if (m.get("key") instanceof String k && aliases.containsKey(k)) {
        Map<String, Object> linked = new LinkedHashMap<>();
        m.forEach((field, value) -> {
          linked.put(field, value);
          if (field.equals("key")) {
            linked.put("key", aliases.get(k));
            linked.put("document_key", k);
          }
        });
        return linked;
      }
      return m;
    }));
    out.put("quotes", mapEach(enrichment.get("quotes"), m -> {
      if (m.get("speaker_key") instanceof String k && aliases.containsKey(k)) {
        Map<String, Object> linked = new LinkedHashMap<>(m);
        linked.put("speaker_key", aliases.get(k));
        return linked;
      }
      return m;
    }));
    out.put("claims", mapEach(enrichment.get("claims"), m -> {
      if (m.get("facts") instanceof List<?> facts) {
        Map<String, Object> linked = new LinkedHashMap<>(m);
        linked.put("facts", facts.stream().map(f -> aliases.getOrDefault(String.valueOf(f), String.valueOf(f))).distinct().toList());
        return linked;
      }
      return m;
    }));
    return out;
  }

  /** Returns the fact list with {@code aliases} applied (for claims read outside an enrichment map). */
  public static List<String> link(List<String> facts, Map<String, String> aliases) {
    return aliases.isEmpty() ? facts : facts.stream().map(f -> aliases.getOrDefault(f, f)).distinct().toList();
  }

  @SuppressWarnings("unchecked")
  private static Object mapEach(Object list, java.util.function.UnaryOperator<Map<String, Object>> f) {
    if (!(list instanceof List<?> items)) {
      return list;
    }
    List<Object> out = new ArrayList<>(items.size());
    for (Object item : items) {
      out.add(item instanceof Map<?, ?> m ? f.apply((Map<String, Object>) m) : item);
    }
    return out;
  }
}
