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
import java.util.Locale;
import java.util.Set;

/**
 * Recognises persons, organisations, locations and miscellaneous names with Stanford CoreNLP's
 * CoNLL-2003 4-class CRF ({@code english.conll.4class.distsim.crf.ser.gz}) in the light configuration:
 * tokens, sentence splitter, the CRF, nothing else (no POS tagging, no fine-grained typing, no
 * SUTime, no numeric classifiers: the full default pipeline is 5 to 10 times slower). {@link
 * #recognize(String)} tokenizes with CoreNLP's PTB tokenizer; {@link #recognize(String, List)}, which
 * the enrich stage calls, takes the tokens the stage has made with OpenNLP and adjusts them to the PTB
 * conventions the model was trained on, so that the text is tokenized once.
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

  // Makes the tokens of recognize(text, sentences) as the tokenizer's factory makes its own: word,
  // value and original text, and the character offsets. Stateless.
  private static final CoreLabelTokenFactory TOKENS = new CoreLabelTokenFactory();
  // The English clitics CoreNLP's tokenizer splits off a word ("China's", "isn't"), lowercase.
  private static final Set<String> CLITICS = Set.of("'s", "'re", "'ve", "'ll", "'d", "'m", "n't");
  // Abbreviations of names, titles and places that OpenNLP's tokenizer splits from their full stop
  // (it keeps "Mr." and "Dr." whole itself), among those CoreNLP's tokenizer keeps whole.
  private static final Set<String> ABBREVIATIONS = Set.of("St", "Mt", "Ft", "Gen", "Lt", "Col", "Capt", "Sgt", "Maj",
      "Adm", "Gov", "Sen", "Rep", "Rev", "Prof", "Jr", "Sr", "Inc", "Corp", "Co", "Ltd", "Bros", "No", "vs", "v");
  // CoreNLP's sentence splitter with its defaults, as recognize(text) runs it; immutable once built.
  private static final WordToSentenceProcessor<CoreLabel> SENTENCE_SPLITTER = new WordToSentenceProcessor<>();

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

  /**
   * {@inheritDoc}
   *
   * <p>Classifies the given tokens as they are, without CoreNLP's tokenizer and sentence splitter. As
   * in {@link #recognize(String)}, a sentence is cut where a line ends, and a span ends at a token
   * without a letter or digit, except "&amp;".
   */
  @Override
  public List<Span> recognize(String text, List<Sentence> sentences) {
    List<Span> spans = new ArrayList<>();
    for (List<CoreLabel> chunk : chunks(text, sentences)) {
      classify(chunk, 0, spans);
    }
    return spans;
  }

  /**
   * Returns the sentences the CRF is given: the tokens of each line, split as {@link #addTokens}
   * splits them and with an abbreviation's full stop put back ({@link #isAbbreviation}), cut into
   * sentences by CoreNLP's own sentence splitter, as {@link #recognize(String)} cuts its tokens.
   * OpenNLP's sentence boundaries are not used: its model ends a sentence after an initial ("Frederick
   * H. | Collier") where CoreNLP's splitter, given "H." as one token, does not.
   */
  static List<List<CoreLabel>> chunks(String text, List<Sentence> sentences) {
    int n = 0;
    for (Sentence sentence : sentences) {
      n += sentence.size();
    }
    int[] starts = new int[n];
    int[] ends = new int[n];
    n = 0;
    for (Sentence sentence : sentences) {
      System.arraycopy(sentence.starts(), 0, starts, n, sentence.size());
      System.arraycopy(sentence.ends(), 0, ends, n, sentence.size());
      n += sentence.size();
    }
    List<List<CoreLabel>> chunks = new ArrayList<>();
    List<CoreLabel> line = new ArrayList<>();
    int previousEnd = -1;
    for (int i = 0; i < n; i++) {
      int start = starts[i];
      int end = ends[i];
      if (previousEnd >= 0 && text.substring(previousEnd, start).indexOf('\n') >= 0) {
        chunks.addAll(SENTENCE_SPLITTER.process(line));
        line = new ArrayList<>();
        previousEnd = -1;
      }
      // An abbreviation's full stop, which OpenNLP's tokenizer splits off ("F" "." of "George F.
      // Hauser", "St" "." of "St. Louis"), goes back on the word as CoreNLP's tokenizer keeps it,
      // unless it ends the line.
      if (i + 2 < n && end == starts[i + 1] && ends[i + 1] == end + 1 && text.charAt(end) == '.'
          && text.substring(ends[i + 1], starts[i + 2]).indexOf('\n') < 0 && isAbbreviation(text, start, end)) {
        end = ends[++i];
      }
      addTokens(text, start, end, previousEnd == start, line);
      previousEnd = end;
    }
    chunks.addAll(SENTENCE_SPLITTER.process(line));
    return chunks;
  }

  /**
   * Adds the token {@code text[start, end)} to {@code chunk}, split as CoreNLP's tokenizer would
   * split it where OpenNLP's English model does not: quotation marks at either end ("‘plan’"), a
   * hyphen at either end ("China" "-U.S.", "Bose-" "Einstein") and an English clitic at the end
   * ("China's", "Beijing’s", "isn't", "we'll"). The CRF was trained on tokens split so: given
   * "China's" whole, it missed "China" in the seed articles.
   */
  private static void addTokens(String text, int start, int end, boolean attached, List<CoreLabel> chunk) {
    if (CLITICS.contains(text.substring(start, end).toLowerCase(Locale.ROOT).replace('’', '\''))) {
      // A clitic OpenNLP split off itself ("'s" after "club ").
      chunk.add(token(text, start, end));
      return;
    }
    // A hyphen stuck to the token before it ("8" "-5" of "8-5") goes too.
    while (end - start > 1 && (isEdge(text.charAt(start), text.charAt(start + 1)) || attached && text.charAt(start) == '-')) {
      chunk.add(token(text, start, start + 1));
      start++;
    }
    int edgesFrom = end;
    while (edgesFrom - start > 1 && isEdge(text.charAt(edgesFrom - 1), text.charAt(edgesFrom - 2))) {
      edgesFrom--;
    }
    int clitic = cliticStart(text, start, edgesFrom);
    chunk.add(token(text, start, clitic));
    if (clitic < edgesFrom) {
      chunk.add(token(text, clitic, edgesFrom));
    }
    for (int i = edgesFrom; i < end; i++) {
      chunk.add(token(text, i, i + 1));
    }
  }

  /**
   * Tells whether {@code text[start, end)} is an abbreviation before its full stop: an initial ("F"),
   * letters with dots between them ("e.g", "p.m"), or one of {@link #ABBREVIATIONS}.
   */
  private static boolean isAbbreviation(String text, int start, int end) {
    if (end - start == 1) {
      return Character.isUpperCase(text.charAt(start));
    }
    if (end - start > 5) {
      return false;
    }
    String word = text.substring(start, end);
    return ABBREVIATIONS.contains(word) || word.matches("\\p{L}(?:\\.\\p{L})+");
  }

  /** Tells whether {@code c}, at an end of a token, is split off: a quotation mark, or a hyphen on a letter's side. */
  private static boolean isEdge(char c, char inner) {
    return c == '"' || c == '\'' || c == '‘' || c == '’' || c == '“' || c == '”' || (c == '-' && Character.isLetter(inner));
  }

  private static CoreLabel token(String text, int start, int end) {
    return TOKENS.makeToken(text.substring(start, end), start, end - start);
  }

  /**
   * Returns where the English clitic ending {@code text[start, end)} begins ('s 're 've 'll 'd 'm
   * n't, with either apostrophe, after a letter), or {@code end} if there is none.
   */
  private static int cliticStart(String text, int start, int end) {
    for (int i = end - 1; i > start && i >= end - 3; i--) {
      char c = text.charAt(i);
      if (c == '\'' || c == '’') {
        String rest = text.substring(i + 1, end).toLowerCase(Locale.ROOT);
        if (!Character.isLetter(text.charAt(i - 1))) {
          return end;
        }
        if (rest.equals("t") && Character.toLowerCase(text.charAt(i - 1)) == 'n') {
          return i - 1 > start ? i - 1 : end;
        }
        return CLITICS.contains("'" + rest) ? i : end;
      }
    }
    return end;
  }

  private void recognizeLine(String line, int offset, List<Span> spans) {
    PTBTokenizer<CoreLabel> tokenizer = new PTBTokenizer<>(new StringReader(line), new CoreLabelTokenFactory(),
        TOKENIZER_OPTIONS);
    List<CoreLabel> tokens = tokenizer.tokenize();
    List<List<CoreLabel>> sentences = new WordToSentenceProcessor<CoreLabel>().process(tokens);
    for (List<CoreLabel> sentence : sentences) {
      classify(sentence, offset, spans);
    }
  }

  /** Classifies one sentence's tokens and adds its spans, their offsets moved by {@code offset}. */
  private void classify(List<CoreLabel> sentence, int offset, List<Span> spans) {
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
