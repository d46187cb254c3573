package io.newsflow.enrich.corenlp;

import edu.stanford.nlp.ie.crf.CRFClassifier;
import edu.stanford.nlp.ling.CoreAnnotations;
import edu.stanford.nlp.ling.CoreLabel;
import edu.stanford.nlp.process.CoreLabelTokenFactory;
import edu.stanford.nlp.process.PTBTokenizer;
import edu.stanford.nlp.process.WordToSentenceProcessor;
import io.newsflow.api.Entities.Type;
import io.newsflow.enrich.EntityRecognizer;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/**
 * Recognises persons, organisations, locations and miscellaneous names with Stanford CoreNLP's
 * CoNLL-2003 4-class CRF ({@code english.conll.4class.distsim.crf.ser.gz}) in the light configuration:
 * PTB tokenizer, sentence splitter, the CRF, nothing else (no POS tagging, no fine-grained typing,
 * no SUTime, no numeric classifiers: the full default pipeline is 5 to 10 times slower).
 *
 * <p>Thread-safe: the classifier is immutable once loaded and keeps per-call state on the stack, as
 * CoreNLP's own multi-threaded NER annotator relies on. The model takes a few seconds and about
 * 100 MB of heap to load; {@link #shared()} loads it once per JVM.
 *
 * <p>CoreNLP and the model are GPL-3.0 licensed.
 */
public final class CoreNlpRecognizer implements EntityRecognizer {

  /** Class-path location of the classifier, copied from the CoreNLP models jar at build time. */
  public static final String MODEL = "edu/stanford/nlp/models/ner/english.conll.4class.distsim.crf.ser.gz";

  private static final String VERSION = "stanford-corenlp-4.5.10/english.conll.4class.distsim";
  // CoreNLP's English defaults keep offsets into the original text ("invertible"); characters the
  // tokenizer does not know are kept as tokens rather than logged one by one.
  private static final String TOKENIZER_OPTIONS = "invertible=true,untokenizable=noneKeep";

  private static volatile CoreNlpRecognizer shared;

  private final CRFClassifier<CoreLabel> classifier;

  private CoreNlpRecognizer(CRFClassifier<CoreLabel> classifier) {
    this.classifier = classifier;
  }

  /** Returns the recogniser of this JVM, loading the model on first use. Closing it does nothing. */
  public static CoreNlpRecognizer shared() {
    CoreNlpRecognizer r = shared;
    if (r == null) {
      synchronized (CoreNlpRecognizer.class) {
        r = shared;
        if (r == null) {
          r = load();
          shared = r;
        }
      }
    }
    return r;
  }

  private static CoreNlpRecognizer load() {
    try {
      return new CoreNlpRecognizer(CRFClassifier.getClassifier(MODEL));
    } catch (Exception e) {
      throw new IllegalStateException("cannot load the CoreNLP NER model " + MODEL + " from the class path: " + e, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Each line is classified on its own: headlines, bylines and datelines carry no full stop, and
   * the sentence splitter would otherwise run them into the next line ("Coastal Herald\nPort Elwin").
   * A span ends at a token without a letter or digit ("Valley Times | News"), except "&amp;".
   */
  @Override
  public List<Span> recognize(String text) {
    List<Span> spans = new ArrayList<>();
    int lineStart = 0;
    while (lineStart < text.length()) {
      int lineEnd = text.indexOf('\n', lineStart);
      if (lineEnd < 0) {
        lineEnd = text.length();
      }
      if (lineEnd > lineStart && !text.substring(lineStart, lineEnd).isBlank()) {
        recognizeLine(text.substring(lineStart, lineEnd), lineStart, spans);
      }
      lineStart = lineEnd + 1;
    }
    return spans;
  }

  private void recognizeLine(String line, int offset, List<Span> spans) {
    PTBTokenizer<CoreLabel> tokenizer = new PTBTokenizer<>(new StringReader(line), new CoreLabelTokenFactory(),
        TOKENIZER_OPTIONS);
    List<CoreLabel> tokens = tokenizer.tokenize();
    List<List<CoreLabel>> sentences = new WordToSentenceProcessor<CoreLabel>().process(tokens);
    for (List<CoreLabel> sentence : sentences) {
      // classifySentence, not classify: it adds the word-shape features the model was trained with.
      List<CoreLabel> labelled = classifier.classifySentence(sentence);
      Type current = null;
      int start = -1;
      int end = -1;
      for (CoreLabel token : labelled) {
        Type type = type(token.get(CoreAnnotations.AnswerAnnotation.class));
        if (type != null && !hasLetterOrDigit(token.word()) && !token.word().equals("&")) {
          type = null;
        }
        if (type != current) {
          if (current != null) {
            spans.add(new Span(current, offset + start, offset + end));
          }
          current = type;
          start = token.beginPosition();
        }
        end = token.endPosition();
      }
      if (current != null) {
        spans.add(new Span(current, offset + start, offset + end));
      }
    }
  }

  private static boolean hasLetterOrDigit(String word) {
    return word.codePoints().anyMatch(Character::isLetterOrDigit);
  }

  private static Type type(String answer) {
    if (answer == null) {
      return null;
    }
    return switch (answer) {
      case "PERSON" -> Type.PERSON;
      case "ORGANIZATION" -> Type.ORGANIZATION;
      case "LOCATION" -> Type.LOCATION;
      case "MISC" -> Type.MISC;
      default -> null;
    };
  }

  @Override
  public String name() {
    return "corenlp-crf";
  }

  @Override
  public String version() {
    return VERSION;
  }
}
