package io.newsflow.enrich.internal;

import io.newsflow.enrich.EntityRecognizer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import opennlp.tools.sentdetect.SentenceDetectorME;
import opennlp.tools.sentdetect.SentenceModel;
import opennlp.tools.tokenize.TokenizerFactory;
import opennlp.tools.tokenize.TokenizerME;
import opennlp.tools.tokenize.TokenizerModel;
import opennlp.tools.util.Span;

/**
 * Splits English text into sentences and tokens with Apache OpenNLP's maximum-entropy models trained
 * on Universal Dependencies English-EWT, as published on Maven Central
 * ({@code org.apache.opennlp:opennlp-models-sentdetect-en} and {@code -tokenizer-en}, 1.3.0).
 *
 * <p>The models are loaded once per JVM and are immutable; OpenNLP's {@code *ME} classes are not
 * thread-safe, so each call makes its own (cheap: they only wrap the model). Thread-safe.
 */
public final class Sentences {

  /** Version recorded in {@code enrichers}: library and models. */
  public static final String VERSION = "opennlp-tools/" + version() + " ud-ewt-1.3";

  private static final String SENTENCE_MODEL = "/opennlp-en-ud-ewt-sentence-1.3-2.5.4.bin";
  private static final String TOKEN_MODEL = "/opennlp-en-ud-ewt-tokens-1.3-2.5.4.bin";

  private static final class Models {
    static final SentenceModel SENTENCES;
    static final TokenizerModel TOKENS;

    static {
      try (InputStream sentences = open(SENTENCE_MODEL); InputStream tokens = open(TOKEN_MODEL)) {
        SENTENCES = new SentenceModel(sentences);
        // OpenNLP's alphanumeric optimisation, which the published model leaves off: a run of ASCII
        // letters and digits is one token without asking the model at each of its characters. That
        // was nearly all of this step's time; on the four seed articles and WikiGold (67,696 such runs) the
        // model split two ("2pm", "LifeFitness").
        TokenizerModel published = new TokenizerModel(tokens);
        TOKENS = new TokenizerModel(published.getMaxentModel(), Map.of(),
            new TokenizerFactory(published.getLanguage(), null, true, null));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the OpenNLP models: " + e.getMessage(), e);
      }
    }

    private static InputStream open(String resource) {
      InputStream in = Sentences.class.getResourceAsStream(resource);
      if (in == null) {
        throw new IllegalStateException("OpenNLP model " + resource + " is not on the class path");
      }
      return in;
    }
  }

  /** Counts of one text. */
  public record Counts(int sentences, int tokens) {}

  private Sentences() {}

  /** Loads the models now rather than on the first document. */
  public static void load() {
    Models.SENTENCES.getLanguage();
    Models.TOKENS.getLanguage();
  }

  /** Returns the sentence spans of {@code text} (character offsets). */
  public static Span[] sentences(String text) {
    return new SentenceDetectorME(Models.SENTENCES).sentPosDetect(text);
  }

  /** Counts the sentences of {@code text} and the tokens in them. */
  public static Counts count(String text) {
    return count(text, sentences(text));
  }

  /** Counts {@code sentences} of {@code text} and the tokens in them. */
  public static Counts count(String text, Span[] sentences) {
    return count(tokens(text, sentences));
  }

  /** Counts the sentences and the tokens in them. */
  public static Counts count(List<EntityRecognizer.Sentence> sentences) {
    int tokens = 0;
    for (EntityRecognizer.Sentence s : sentences) {
      tokens += s.size();
    }
    return new Counts(sentences.size(), tokens);
  }

  /** Splits each of {@code sentences} of {@code text} into tokens, with offsets into {@code text}. */
  public static List<EntityRecognizer.Sentence> tokens(String text, Span[] sentences) {
    TokenizerME tokenizer = new TokenizerME(Models.TOKENS);
    List<EntityRecognizer.Sentence> out = new ArrayList<>(sentences.length);
    for (Span s : sentences) {
      Span[] tokens = tokenizer.tokenizePos(text.substring(s.getStart(), s.getEnd()));
      int[] starts = new int[tokens.length];
      int[] ends = new int[tokens.length];
      for (int i = 0; i < tokens.length; i++) {
        starts[i] = s.getStart() + tokens[i].getStart();
        ends[i] = s.getStart() + tokens[i].getEnd();
      }
      out.add(new EntityRecognizer.Sentence(starts, ends));
    }
    return out;
  }

  private static String version() {
    String v = SentenceModel.class.getPackage().getImplementationVersion();
    return v == null ? "2.5" : v;
  }
}
