package io.newsflow.extract.html;

import java.time.Instant;
import java.util.List;

/**
 * Holds what {@link ArticleExtractor} found in one web page: the main text and the page's metadata.
 * Every field but {@code text} and {@code links} may be {@code null}.
 *
 * @param title headline (JSON-LD, Open Graph, {@code <h1>} or {@code <title>}, in that order)
 * @param byline author names as the page states them
 * @param text main article text, one paragraph a line; empty if the page has none
 * @param published publication time (JSON-LD, meta tags, {@code <time>}, visible dateline)
 * @param modified last modification time the page declares
 * @param canonicalUrl {@code <link rel=canonical>} or {@code og:url}
 * @param siteName site or publisher name
 * @param section section or category of the site the article is filed under
 * @param topImage lead image URL
 * @param language declared language ({@code <html lang>}, {@code og:locale}, meta)
 * @param links absolute URLs of the links inside the main text, in order, without duplicates
 */
public record Article(
    String title,
    String byline,
    String text,
    Instant published,
    Instant modified,
    String canonicalUrl,
    String siteName,
    String section,
    String topImage,
    String language,
    List<String> links) {

  public Article {
    text = text == null ? "" : text;
    links = links == null ? List.of() : List.copyOf(links);
  }
}
