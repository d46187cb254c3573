package io.newsflow.enrich;

import io.newsflow.api.Entities;
import java.util.List;
import java.util.Objects;

/**
 * Finds named-entity mentions in plain text. Implementations are thread-safe and load their models
 * once, in the constructor; {@link #close()} releases them.
 */
public interface EntityRecognizer extends AutoCloseable {

  /** Finds nothing: for deployments that turn entity recognition off ({@code enrich.entities=none}). */
  EntityRecognizer NONE = new EntityRecognizer() {
    @Override
    public List<Span> recognize(String text) {
      return List.of();
    }

    @Override
    public String name() {
      return "none";
    }

    @Override
    public String version() {
      return "-";
    }
  };

  /** Returns the mentions in {@code text}, in text order, with offsets into {@code text}. */
  List<Span> recognize(String text);

  /**
   * Returns the mentions in {@code text} given its sentences already split into tokens, in text
   * order, with offsets into {@code text}. The enrich stage calls this one with OpenNLP's sentences
   * and tokens, so that a recogniser need not tokenize the text a second time. This default ignores
   * {@code sentences} and calls {@link #recognize(String)}.
   */
  default List<Span> recognize(String text, List<Sentence> sentences) {
    return recognize(text);
  }

  /** Returns the name recorded in {@code enrichers}, e.g. {@code ner-corenlp-conll4}. */
  String name();

  /** Returns the version recorded in {@code enrichers}: library and model. */
  String version();

  @Override
  default void close() {}

  /**
   * Gives one sentence's tokens as character offsets into the text: token {@code i} runs from
   * {@code starts[i]} to {@code ends[i]}, in text order. The arrays are not copied; don't change them.
   */
  record Sentence(int[] starts, int[] ends) {
    public Sentence {
      if (starts.length != ends.length) {
        throw new IllegalArgumentException(starts.length + " token starts but " + ends.length + " ends");
      }
    }

    /** Returns the number of tokens. */
    public int size() {
      return starts.length;
    }
  }

  /**
   * Marks one mention found by a recogniser.
   *
   * @param type its type
   * @param start offset of its first char
   * @param end offset just past its last char
   */
  record Span(Entities.Type type, int start, int end) {
    public Span {
      Objects.requireNonNull(type, "type");
      if (start < 0 || end <= start) {
        throw new IllegalArgumentException("bad span " + start + ".." + end);
      }
    }
  }
}
