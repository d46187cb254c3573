package io.newsflow.extract.html;

import io.newsflow.extract.html.internal.MainText;
import io.newsflow.extract.html.internal.PageMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * Extracts the main article of a web page, without navigation, ads, comments and related links,
 * plus the page's metadata. Starts from Readability4J's candidate and corrects it with generic
 * heuristics (see {@link MainText}). Stateless and thread-safe.
 */
public final class ArticleExtractor {

  /**
   * Extracts the article of an HTML page.
   *
   * @param html the page's bytes
   * @param charset the charset to decode them with, or {@code null} to detect it from a BOM or
   *     {@code <meta charset>}, else UTF-8
   * @param baseUri the page's address, to make links absolute; may be empty
   */
  public Article extract(byte[] html, String charset, String baseUri) {
    try {
      return extract(Jsoup.parse(new ByteArrayInputStream(html), charset, baseUri == null ? "" : baseUri));
    } catch (IOException e) {
      throw new UncheckedIOException("reading from memory cannot fail", e);
    }
  }

  /** Extracts the article of an HTML page given as a string. */
  public Article extract(String html, String baseUri) {
    return extract(Jsoup.parse(html, baseUri == null ? "" : baseUri));
  }

  private Article extract(Document doc) {
    // Metadata first: MainText cleans the document in place (one parse, one copy per page).
    PageMetadata meta = PageMetadata.read(doc);
    MainText.Result main = MainText.extract(doc);
    return new Article(meta.title(), meta.byline(), main.text(), meta.published(), meta.modified(),
        meta.canonicalUrl(), meta.siteName(), meta.section(), meta.topImage(), meta.language(),
        main.links());
  }
}
