package io.newsflow.extract.html.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Reads a page's metadata from JSON-LD, Open Graph, {@code <meta>} tags, microdata and the visible
 * page, the most explicit source first. Stateless and thread-safe; reads the document, never
 * changes it.
 *
 * @param title headline
 * @param byline authors
 * @param published publication time
 * @param modified last modification time
 * @param canonicalUrl canonical URL
 * @param siteName site name
 * @param section section
 * @param topImage lead image
 * @param language declared language
 */
public record PageMetadata(String title, String byline, Instant published, Instant modified, String canonicalUrl,
    String siteName, String section, String topImage, String language) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ARTICLE_TYPES = Set.of("article", "newsarticle", "blogposting", "reportagenewsarticle",
      "analysisnewsarticle", "opinionnewsarticle", "reviewnewsarticle", "backgroundnewsarticle", "liveblogposting",
      "techarticle", "scholarlyarticle", "report", "webpage", "posting", "socialmediaposting");

  /** Reads the metadata of {@code doc}; a field no source gives is {@code null}. */
  public static PageMetadata read(Document doc) {
    JsonNode ld = jsonLdArticle(doc);
    // Read once: the lookups below ask for about 40 names, and selecting the page's <meta> tags anew for each
    // was 4.5% of a parse worker's CPU (JFR; the document does not change in between).
    List<String[]> metas = metas(doc);
    String title = first(
        text(ld, "headline"),
        meta(metas, "og:title"),
        meta(metas, "twitter:title"),
        h1(doc),
        doc.title());
    String byline = first(
        author(ld),
        meta(metas, "author"),
        meta(metas, "article:author"),
        meta(metas, "dc.creator"),
        meta(metas, "parsely-author"),
        meta(metas, "sailthru.author"),
        selText(doc, "[rel=author], [itemprop=author], .byline, .author"));
    Instant published = firstInstant(
        text(ld, "datePublished"),
        meta(metas, "article:published_time"),
        meta(metas, "og:published_time"),
        meta(metas, "datepublished"),
        meta(metas, "pubdate"),
        meta(metas, "publishdate"),
        meta(metas, "publish_date"),
        meta(metas, "parsely-pub-date"),
        meta(metas, "sailthru.date"),
        meta(metas, "dc.date.issued"),
        meta(metas, "dcterms.created"),
        meta(metas, "dc.date"),
        meta(metas, "date"),
        attr(doc, "[itemprop=datePublished]", "content", "datetime"),
        attr(doc, "time[pubdate], article time[datetime], time[datetime]", "datetime"),
        text(ld, "dateCreated"));
    if (published == null) {
      published = dateline(doc);
    }
    Instant modified = firstInstant(
        text(ld, "dateModified"),
        meta(metas, "article:modified_time"),
        meta(metas, "og:updated_time"),
        meta(metas, "last-modified"),
        meta(metas, "dcterms.modified"),
        attr(doc, "[itemprop=dateModified]", "content", "datetime"));
    String canonical = first(
        attr(doc, "link[rel=canonical]", "abs:href"),
        meta(metas, "og:url"),
        text(ld, "url"));
    String siteName = first(
        meta(metas, "og:site_name"),
        ld == null ? null : text(ld.get("publisher"), "name"),
        meta(metas, "application-name"),
        meta(metas, "twitter:site"));
    String section = first(
        meta(metas, "article:section"),
        text(ld, "articleSection"),
        meta(metas, "section"),
        meta(metas, "parsely-section"),
        meta(metas, "category"));
    String topImage = first(
        meta(metas, "og:image"),
        meta(metas, "og:image:url"),
        meta(metas, "twitter:image"),
        image(ld),
        attr(doc, "link[rel=image_src]", "abs:href"));
    String language = first(
        doc.selectFirst("html") == null ? null : doc.selectFirst("html").attr("lang"),
        meta(metas, "og:locale"),
        meta(metas, "content-language"),
        meta(metas, "language"),
        meta(metas, "dc.language"),
        text(ld, "inLanguage"));
    return new PageMetadata(title, byline, published, modified, canonical, siteName, section, topImage, language);
  }

  /** Returns the first JSON-LD object of an article type (also inside arrays and {@code @graph}), or null. */
  static JsonNode jsonLdArticle(Document doc) {
    JsonNode fallback = null;
    for (Element script : doc.select("script[type=application/ld+json]")) {
      JsonNode root;
      try {
        root = JSON.readTree(script.data());
      } catch (Exception e) {
        continue; // a page's broken JSON-LD is common and not our problem
      }
      List<JsonNode> nodes = new ArrayList<>();
      flatten(root, nodes, 0);
      for (JsonNode node : nodes) {
        for (String type : types(node)) {
          if (ARTICLE_TYPES.contains(type) && !type.equals("webpage")) {
            return node;
          }
          if (type.equals("webpage") && fallback == null) {
            fallback = node;
          }
        }
      }
    }
    return fallback;
  }

  private static void flatten(JsonNode node, List<JsonNode> out, int depth) {
    if (node == null || depth > 4) {
      return;
    }
    if (node.isArray()) {
      node.forEach(n -> flatten(n, out, depth + 1));
    } else if (node.isObject()) {
      out.add(node);
      flatten(node.get("@graph"), out, depth + 1);
      flatten(node.get("mainEntity"), out, depth + 1);
    }
  }

  private static List<String> types(JsonNode node) {
    JsonNode t = node.get("@type");
    List<String> types = new ArrayList<>();
    if (t != null && t.isArray()) {
      t.forEach(x -> types.add(x.asText().toLowerCase(java.util.Locale.ROOT)));
    } else if (t != null) {
      types.add(t.asText().toLowerCase(java.util.Locale.ROOT));
    }
    return types;
  }

  private static String text(JsonNode node, String field) {
    if (node == null) {
      return null;
    }
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (v.isArray()) {
      v = v.size() == 0 ? null : v.get(0);
    }
    if (v == null || v.isObject()) {
      return null;
    }
    return v.asText();
  }

  private static String author(JsonNode ld) {
    if (ld == null || ld.get("author") == null) {
      return null;
    }
    JsonNode a = ld.get("author");
    Set<String> names = new LinkedHashSet<>();
    for (JsonNode n : a.isArray() ? a : List.of(a)) {
      String name = n.isTextual() ? n.asText() : text(n, "name");
      if (name != null && !name.isBlank()) {
        names.add(name.strip());
      }
    }
    return names.isEmpty() ? null : String.join("; ", names);
  }

  private static String image(JsonNode ld) {
    if (ld == null || ld.get("image") == null) {
      return null;
    }
    JsonNode i = ld.get("image");
    if (i.isArray()) {
      i = i.size() == 0 ? null : i.get(0);
    }
    if (i == null) {
      return null;
    }
    return i.isTextual() ? i.asText() : text(i, "url");
  }

  /**
   * Returns the page's {@code <meta>} tags with a {@code content} attribute, in document order, each as its name (the
   * {@code property}, else {@code name}, else {@code itemprop}, else {@code http-equiv} attribute, possibly empty) and
   * its content.
   */
  static List<String[]> metas(Document doc) {
    List<String[]> metas = new ArrayList<>();
    for (Element m : doc.select("meta[content]")) {
      String key = m.hasAttr("property") ? m.attr("property") : m.hasAttr("name") ? m.attr("name")
          : m.hasAttr("itemprop") ? m.attr("itemprop") : m.attr("http-equiv");
      metas.add(new String[] {key, m.attr("content")});
    }
    return metas;
  }

  /** Returns the stripped content of the first of {@code metas} named {@code name} (any case) whose content is not blank. */
  static String meta(List<String[]> metas, String name) {
    for (String[] m : metas) {
      if (m[0].equalsIgnoreCase(name) && !m[1].isBlank()) {
        return m[1].strip();
      }
    }
    return null;
  }

  private static String attr(Document doc, String css, String... attrs) {
    for (Element e : doc.select(css)) {
      for (String a : attrs) {
        String v = e.attr(a);
        if (!v.isBlank()) {
          return v.strip();
        }
      }
    }
    return null;
  }

  private static String selText(Document doc, String css) {
    Element e = doc.selectFirst(css);
    if (e == null) {
      return null;
    }
    String t = e.text().strip();
    // A byline is a name or a few; a long text is the author box of a blog, not a byline.
    return t.isEmpty() || t.length() > 100 ? null : t.replaceFirst("(?i)^(by|von|par)\\s+", "");
  }

  private static String h1(Document doc) {
    Element h1 = doc.selectFirst("article h1, main h1, h1");
    return h1 == null ? null : h1.text();
  }

  /** Finds a visible dateline: a date in a small element that says it is one (a date, meta or byline line). */
  private static Instant dateline(Document doc) {
    for (Element e : doc.select("[class~=(?i)(date|time|dateline|published|meta|byline)], [id~=(?i)(date|time)]")) {
      String t = e.ownText().isBlank() ? e.text() : e.ownText();
      if (t.length() <= 80) {
        Instant i = Dates.findInText(t);
        if (i != null) {
          return i;
        }
      }
    }
    return null;
  }

  private static Instant firstInstant(String... values) {
    for (String v : values) {
      Instant i = Dates.parseMachine(v);
      if (i != null) {
        return i;
      }
    }
    return null;
  }

  private static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v.strip().replaceAll("\\s+", " ");
      }
    }
    return null;
  }
}
