package io.newsflow.extract.html.internal;

import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Turns an element into plain text with one line per block (paragraph, heading, list item, table
 * row) and single spaces inside a line. Stateless and thread-safe.
 */
public final class TextSerializer {

  /** Elements that start and end a line of text. */
  static final Set<String> BLOCKS = Set.of("address", "article", "aside", "blockquote", "body", "br", "caption",
      "center", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form",
      "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
      "summary", "table", "tr", "ul");

  private TextSerializer() {}

  /** Returns the text of {@code root}: blocks on lines of their own, whitespace collapsed, trimmed. */
  public static String text(Element root) {
    StringBuilder out = new StringBuilder();
    NodeTraversor.traverse(new NodeVisitor() {
      @Override
      public void head(Node node, int depth) {
        if (node instanceof TextNode t) {
          append(out, t.getWholeText());
        } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
          newline(out);
        } else if (node instanceof Element e && (e.normalName().equals("td") || e.normalName().equals("th"))) {
          append(out, " ");
        }
      }

      @Override
      public void tail(Node node, int depth) {
        if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
          newline(out);
        }
      }
    }, root);
    return out.toString().strip();
  }

  /** Returns {@code text} with every run of whitespace collapsed to one space, trimmed. */
  public static String normalised(String text) {
    StringBuilder out = new StringBuilder(text.length());
    append(out, text);
    return out.toString().strip();
  }

  private static void append(StringBuilder out, String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c) || c == '\u00a0') {
        int len = out.length();
        if (len > 0 && out.charAt(len - 1) != ' ' && out.charAt(len - 1) != '\n') {
          out.append(' ');
        }
      } else {
        out.append(c);
      }
    }
  }

  private static void newline(StringBuilder out) {
    int len = out.length();
    while (len > 0 && out.charAt(len - 1) == ' ') {
      out.setLength(--len);
    }
    if (len > 0 && out.charAt(len - 1) != '\n') {
      out.append('\n');
    }
  }
}
