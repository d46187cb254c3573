package io.newsflow.extract.html.internal;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.dankito.readability4j.extended.Readability4JExtended;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Finds the main text of a page. Stateless and thread-safe; works on a copy of the document.
 */
public final class MainText {

  /** The main text and the links inside it. */
  public record Result(String text, List<String> links) {}

  private MainText() {}

  /** Returns the main text of {@code doc}; {@code title} is the page's headline, or null. */
  public static Result extract(Document doc, String title) {
    Document copy = doc.clone();
    net.dankito.readability4j.Article article = new Readability4JExtended(doc.location(), copy).parse();
    Element content = article.getArticleContent();
    if (content == null) {
      return new Result("", List.of());
    }
    Set<String> links = new LinkedHashSet<>();
    for (Element a : content.select("a[href]")) {
      String href = a.attr("abs:href");
      if (href.startsWith("http")) {
        links.add(href);
      }
    }
    return new Result(TextSerializer.text(content), List.copyOf(links));
  }
}
