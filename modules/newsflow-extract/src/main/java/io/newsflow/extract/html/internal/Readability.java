package io.newsflow.extract.html.internal;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import kotlin.Pair;
import kotlin.text.StringsKt;
import net.dankito.readability4j.extended.Readability4JExtended;
import net.dankito.readability4j.extended.processor.ArticleGrabberExtended;
import net.dankito.readability4j.extended.processor.PostprocessorExtended;
import net.dankito.readability4j.extended.util.RegExUtilExtended;
import net.dankito.readability4j.model.ArticleGrabberOptions;
import net.dankito.readability4j.model.ArticleMetadata;
import net.dankito.readability4j.model.ReadabilityOptions;
import net.dankito.readability4j.processor.ArticleGrabber;
import net.dankito.readability4j.processor.MetadataParser;
import net.dankito.readability4j.processor.Preprocessor;
import net.dankito.readability4j.util.RegExUtil;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Readability4J ({@code Readability4JExtended}, wired as its own two-argument constructor wires it) without the cost
 * of its debug logging. Its article grabber passes {@code articleContent.html()} to three {@code log.debug} calls,
 * and so serializes the picked article three times per page whatever the log level (2 to 3.5% of a parse worker's
 * CPU, JFR); its {@code logNodeInfo} builds a node's outer HTML for a debug line too. Here, while debug logging of
 * the grabber is off, the element the grabber builds the article in answers {@code html()} with an empty string
 * until the grabber returns, and {@code logNodeInfo} does nothing. The grabber never reads that element's
 * {@code html()} other than for those log calls (checked in its bytecode, Readability4J 1.0.8), so the article is the
 * same; after the grabber returns the element is an ordinary element again.
 *
 * <p>Two more shortcuts, each giving the strings Readability4J's own code gives (its {@code getInnerText} was 12% of a
 * parse worker's CPU, JFR): the text of an element is normalized with the default expression ({@code \s{2,}} to one
 * space) only when it holds two whitespace characters in a row, which is the only case that expression changes;
 * and while the grabber scores its candidates ({@code getTopCandidate}, whose link densities ask for the text of
 * every candidate and of every link in it, a link once per candidate around it) each element's text is taken once:
 * the page does not change until after that method's last text request (checked in its bytecode, Readability4J 1.0.8).
 * Not thread-safe: one instance per page.
 */
final class Readability {

  private static final Logger GRABBER_LOG = LoggerFactory.getLogger(ArticleGrabber.class);

  private Readability() {}

  /** Returns the article content Readability4J picks in {@code doc} (which it changes), or null. */
  static Element articleContent(String uri, Document doc) {
    ReadabilityOptions options = Defaults.INSTANCE.options();
    RegExUtilExtended regEx = Defaults.INSTANCE.regEx();
    return new Readability4JExtended(uri, doc, options, regEx, new Preprocessor(regEx), new MetadataParser(regEx),
        new QuietGrabber(options, regEx), new PostprocessorExtended()).parse().getArticleContent();
  }

  /**
   * Readability4J's default options and expressions, as its own two-argument constructor makes them, made once: both
   * are immutable (options and compiled patterns), where the default wiring compiles its 14 patterns for every page.
   */
  static final class Defaults extends Readability4JExtended {

    static final Defaults INSTANCE = new Defaults();

    private Defaults() {
      super("", new Document(""));
    }

    ReadabilityOptions options() {
      return getOptions();
    }

    RegExUtilExtended regEx() {
      return (RegExUtilExtended) getRegEx();
    }
  }

  /** The grabber whose article element skips the debug serializations while it grabs. */
  static final class QuietGrabber extends ArticleGrabberExtended {

    /** True while {@link #grabArticle} runs with debug logging off. */
    private boolean quiet;

    /** The normalized texts of elements while {@link #getTopCandidate} runs, else null. */
    private Map<Element, String> texts;

    QuietGrabber(ReadabilityOptions options, RegExUtilExtended regEx) {
      super(options, regEx);
    }

    @Override
    protected Pair<Element, Boolean> getTopCandidate(Element page, List<? extends Element> candidates,
        ArticleGrabberOptions options) {
      texts = new IdentityHashMap<>();
      try {
        return super.getTopCandidate(page, candidates, options);
      } finally {
        texts = null;
      }
    }

    @Override
    protected String getInnerText(Element e, RegExUtil regEx, boolean normalizeSpaces) {
      Map<Element, String> cache = normalizeSpaces && regEx == getRegEx() ? texts : null;
      String text = cache == null ? null : cache.get(e);
      if (text != null) {
        return text;
      }
      // As Readability4J: jsoup's text, trimmed as Kotlin trims (Char.isWhitespace), then normalized.
      text = StringsKt.trim((CharSequence) e.text()).toString();
      if (normalizeSpaces && regEx != null
          && (regEx != Defaults.INSTANCE.regEx() || hasWhitespaceRun(text))) {
        text = regEx.normalize(text);
      }
      if (cache != null) {
        cache.put(e, text);
      }
      return text;
    }

    @Override
    public Element grabArticle(Document doc, ArticleMetadata metadata, ArticleGrabberOptions options,
        Element pageElement) {
      quiet = !GRABBER_LOG.isDebugEnabled();
      try {
        return super.grabArticle(doc, metadata, options, pageElement);
      } finally {
        quiet = false;
      }
    }

    @Override
    protected Element createArticleContent(Document doc, Element topCandidate, boolean isPaging) {
      Element made = super.createArticleContent(doc, topCandidate, isPaging);
      return quiet ? new ArticleContent(made, this) : made;
    }

    @Override
    protected void logNodeInfo(Node node, String reason) {
      if (GRABBER_LOG.isDebugEnabled()) {
        super.logNodeInfo(node, reason);
      }
    }

    boolean quiet() {
      return quiet;
    }
  }

  /**
   * Returns whether {@code s} holds two characters in a row of the class {@code \s} of Java's regular expressions
   * ({@code [ \t\n\x0B\f\r]}), i.e. whether the default normalizing expression {@code \s{2,}} finds anything in it.
   */
  static boolean hasWhitespaceRun(String s) {
    boolean previous = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean space = c == ' ' || (c >= '\t' && c <= '\r');
      if (space && previous) {
        return true;
      }
      previous = space;
    }
    return false;
  }

  /**
   * The element the grabber builds the article in: the same tag, attributes and children as the one Readability4J
   * made (moved, not copied, so that its scores, kept by element identity, still apply), whose {@code html()} is
   * empty while its grabber is quiet.
   */
  static final class ArticleContent extends Element {

    private final QuietGrabber grabber;

    ArticleContent(Element made, QuietGrabber grabber) {
      super(made.tag(), made.baseUri(), made.attributes().clone());
      this.grabber = grabber;
      appendChildren(new ArrayList<>(made.childNodes()));
    }

    @Override
    public String html() {
      return grabber.quiet() ? "" : super.html();
    }
  }
}
