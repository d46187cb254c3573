package io.newsflow.extract.internal;

import io.newsflow.extract.html.Article;
import io.newsflow.extract.html.ArticleExtractor;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.nio.charset.Charset;
import java.time.Instant;
import java.util.Set;
import org.apache.tika.detect.EncodingDetector;
import org.apache.tika.exception.TikaException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AbstractEncodingDetectorParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.html.JSoupParser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Tika's parser for web pages in newsflow: parses the page once and writes its main article (found
 * by {@link ArticleExtractor}) as the text, and what the page says about itself (headline, byline,
 * dates, canonical URL, site, section, lead image, the article's links) into the metadata under
 * {@value #PREFIX}* keys, which {@link #web} reads back. Tika's configuration registers it for
 * {@code text/html} and {@code application/xhtml+xml} in place of Tika's own HTML parser, so it runs
 * where Tika parses (inside the isolated worker JVMs) and also on web pages inside containers
 * (archives, e-mails). Thread-safe.
 *
 * <p>The page's {@code <head>} goes through Tika's own HTML parser too, so that the metadata Tika
 * gives a page ({@code <title>}, {@code <meta>} names and properties, {@code <html lang>}) stays
 * exactly Tika's; the body, which is most of a news page, is parsed once. A page on which no article
 * is found is parsed by Tika's HTML parser as a whole and its whole text kept, as before.
 */
public final class ArticleParser extends AbstractEncodingDetectorParser {

  private static final long serialVersionUID = 1L;

  /** Prefix of the metadata keys this parser writes; none of them is kept as a plain metadata entry. */
  public static final String PREFIX = "newsflow:article-";
  /** {@code article} when the text is the page's main article, {@code page} when it is the whole page. */
  public static final String TEXT_SOURCE = "newsflow:text-source";
  static final String TITLE = PREFIX + "title";
  static final String BYLINE = PREFIX + "byline";
  static final String PUBLISHED = PREFIX + "published";
  static final String MODIFIED = PREFIX + "modified";
  static final String CANONICAL_URL = PREFIX + "canonical-url";
  static final String SITE = PREFIX + "site";
  static final String SECTION = PREFIX + "section";
  static final String TOP_IMAGE = PREFIX + "top-image";
  static final String LINKS = PREFIX + "links";

  private static final Set<MediaType> TYPES = Set.of(MediaType.TEXT_HTML, MediaType.application("xhtml+xml"));
  // The <head> of a page is its first few KB; a page without one within this many characters has its
  // metadata read by Tika's parser over the whole page.
  private static final int MAX_HEAD_CHARS = 512 * 1024;

  /** The address of the page, for absolute links; travels to the worker in the parse context. */
  public record BaseUri(String value) implements Serializable {}

  private final JSoupParser tika;
  private final ArticleExtractor articles = new ArticleExtractor();

  /** Creates the parser with Tika's default encoding detection, as Tika's configuration does. */
  public ArticleParser() {
    super();
    this.tika = new JSoupParser();
  }

  /** Creates the parser with {@code encodingDetector}, as Tika's configuration does when it names one. */
  public ArticleParser(EncodingDetector encodingDetector) {
    super(encodingDetector);
    this.tika = new JSoupParser(encodingDetector);
  }

  @Override
  public Set<MediaType> getSupportedTypes(ParseContext context) {
    return TYPES;
  }

  @Override
  public void parse(InputStream stream, ContentHandler handler, Metadata metadata, ParseContext context)
      throws IOException, SAXException, TikaException {
    InputStream in = stream.markSupported() ? stream : new BufferedInputStream(stream);
    Charset detected = getEncodingDetector(context).detect(in, metadata);
    Charset charset = detected == null ? JSoupParser.DEFAULT_CHARSET : detected;
    // The file's size is bounded before it reaches a parser (extract.max-file-size); an embedded page
    // by the container's own limits.
    byte[] bytes = in.readAllBytes();
    String html = new String(bytes, charset);
    BaseUri base = context.get(BaseUri.class);
    Article article;
    try {
      article = articles.extract(html, base == null ? "" : base.value());
    } catch (RuntimeException e) {
      // A page Readability cannot handle is still a page: Tika's text of it below.
      article = null;
    }
    if (article == null || article.text().isBlank()) {
      metadata.set(TEXT_SOURCE, "page");
      put(metadata, article);
      metadata.add(TikaCoreProperties.TIKA_PARSED_BY, JSoupParser.class.getName());
      tika.parse(new ByteArrayInputStream(bytes), handler, metadata, context);
      return;
    }
    headMetadata(html, charset, metadata, context);
    metadata.set(TEXT_SOURCE, "article");
    put(metadata, article);
    // Without the page's metadata: Tika's HTML parser does not repeat the <title> in the text either.
    XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, new Metadata());
    xhtml.startDocument();
    for (String paragraph : article.text().split("\n")) {
      if (!paragraph.isBlank()) {
        xhtml.element("p", paragraph);
      }
    }
    xhtml.endDocument();
  }

  /**
   * Lets Tika's HTML parser read the page's {@code <head>} (and {@code <html>} tag) alone, for the
   * metadata it gives a page, and sets the content type and encoding as it would for the whole page.
   */
  private void headMetadata(String html, Charset charset, Metadata metadata, ParseContext context)
      throws IOException, SAXException, TikaException {
    int end = headEnd(html, MAX_HEAD_CHARS);
    String head = end >= 0 ? withoutScriptBodies(html.substring(0, end)) + "</head><body></body></html>" : html;
    ParseContext headContext = new ParseContext();
    headContext.set(EncodingDetector.class, (in, m) -> charset);
    Metadata scratch = new Metadata();
    String type = metadata.get(Metadata.CONTENT_TYPE);
    if (type != null) {
      scratch.set(Metadata.CONTENT_TYPE, type);
    }
    tika.parse(new ByteArrayInputStream(head.getBytes(charset)), new DefaultHandler(), scratch, headContext);
    for (String name : scratch.names()) {
      if (!name.startsWith(TikaCoreProperties.TIKA_META_PREFIX)) {
        String[] values = scratch.getValues(name);
        metadata.remove(name);
        for (String value : values) {
          metadata.add(name, value);
        }
      }
    }
  }

  /**
   * Returns where the page's {@code <head>} ends: the index of the first {@code </head>} (spaces allowed before
   * the {@code >}) or {@code <body} (followed by a space or {@code >}), in any ASCII case, that ends before
   * {@code limit} (at most the string's length); or -1. The same as the regular expression {@code </head\s*>|<body[\s>]} (case-insensitive)
   * searched in {@code [0, limit)}, which cost 4% of a parse worker's CPU on the generated news archive (JFR):
   * it tried both branches at each of the 47 KB of a page's head; this looks only at each {@code <}.
   */
  static int headEnd(String html, int limit) {
    limit = Math.min(limit, html.length());
    for (int lt = html.indexOf('<'); lt >= 0 && lt < limit; lt = html.indexOf('<', lt + 1)) {
      if (lt + 6 < limit && html.charAt(lt + 1) == '/' && asciiIgnoreCase(html, lt + 2, "head")) {
        int i = lt + 6;
        while (i < limit && isRegexSpace(html.charAt(i))) {
          i++;
        }
        if (i < limit && html.charAt(i) == '>') {
          return lt;
        }
      } else if (lt + 5 < limit && asciiIgnoreCase(html, lt + 1, "body")
          && (html.charAt(lt + 5) == '>' || isRegexSpace(html.charAt(lt + 5)))) {
        return lt;
      }
    }
    return -1;
  }

  /** Tells whether {@code s} holds {@code lower} (ASCII lower case letters) at {@code from}, in any ASCII case. */
  private static boolean asciiIgnoreCase(String s, int from, String lower) {
    for (int i = 0; i < lower.length(); i++) {
      char c = s.charAt(from + i);
      if (c != lower.charAt(i) && c != Character.toUpperCase(lower.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Java regex {@code \s} without Unicode classes: space, tab, newline, vertical tab, form feed, carriage return. */
  private static boolean isRegexSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == 0x0B || c == '\f' || c == '\r';
  }

  /**
   * Returns {@code head} with the contents of its {@code <script>} and {@code <style>} elements left out,
   * tags and attributes kept. A news page's {@code <head>} is mostly inline scripts, styles and JSON-LD
   * (80% of the generated archive's pages), which Tika's HTML parser reads as raw text and then discards:
   * the metadata it gives is the same without them, at a fraction of the parse. Comments and other tags
   * (quoted attribute values included) are copied as they are; an element that is not closed keeps its
   * contents, so the parser reads on to the end as it would have.
   */
  static String withoutScriptBodies(String head) {
    StringBuilder out = null;
    int copied = 0;
    int at = 0;
    while (true) {
      int lt = head.indexOf('<', at);
      if (lt < 0 || lt + 1 >= head.length()) {
        break;
      }
      if (head.startsWith("<!--", lt)) {
        int close = head.indexOf("-->", lt + 4);
        if (close < 0) {
          break;
        }
        at = close + 3;
        continue;
      }
      if (!Character.isLetter(head.charAt(lt + 1))) {
        at = lt + 1;
        continue;
      }
      int tagEnd = endOfTag(head, lt + 1);
      if (tagEnd < 0) {
        break;
      }
      String name = rawTextElement(head, lt + 1);
      if (name == null) {
        at = tagEnd + 1;
        continue;
      }
      int close = closingTag(head, name, tagEnd + 1);
      if (close < 0) {
        break;
      }
      if (close > tagEnd + 1) {
        if (out == null) {
          out = new StringBuilder(head.length() / 4);
        }
        out.append(head, copied, tagEnd + 1);
        copied = close;
      }
      at = close + 2 + name.length();
    }
    if (out == null) {
      return head;
    }
    return out.append(head, copied, head.length()).toString();
  }

  /** Returns "script" or "style" if the tag name starting at {@code from} is one of them, else null. */
  private static String rawTextElement(String s, int from) {
    for (String name : new String[] {"script", "style"}) {
      int after = from + name.length();
      if (s.regionMatches(true, from, name, 0, name.length()) && after < s.length() && isTagNameEnd(s.charAt(after))) {
        return name;
      }
    }
    return null;
  }

  private static boolean isTagNameEnd(char c) {
    return c == '>' || c == '/' || Character.isWhitespace(c);
  }

  /** Index of the {@code >} closing the tag whose name starts at {@code from}, skipping quoted attribute values. */
  private static int endOfTag(String s, int from) {
    char quote = 0;
    char previous = 0; // the last character outside quotes that is not a space: a value is quoted only right after '='
    for (int i = from; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == quote) {
          quote = 0;
          previous = c;
        }
      } else if ((c == '"' || c == '\'') && previous == '=') {
        quote = c;
      } else if (c == '>') {
        return i;
      } else if (!Character.isWhitespace(c)) {
        previous = c;
      }
    }
    return -1;
  }

  /** Index of the first {@code </name} (any case, then {@code >}, {@code /} or a space) from {@code from}, or -1. */
  private static int closingTag(String s, String name, int from) {
    for (int i = s.indexOf("</", from); i >= 0; i = s.indexOf("</", i + 2)) {
      int after = i + 2 + name.length();
      if (after < s.length() && s.regionMatches(true, i + 2, name, 0, name.length()) && isTagNameEnd(s.charAt(after))) {
        return i;
      }
    }
    return -1;
  }

  private static void put(Metadata metadata, Article article) {
    if (article == null) {
      return;
    }
    set(metadata, TITLE, article.title());
    set(metadata, BYLINE, article.byline());
    set(metadata, PUBLISHED, article.published() == null ? null : article.published().toString());
    set(metadata, MODIFIED, article.modified() == null ? null : article.modified().toString());
    set(metadata, CANONICAL_URL, article.canonicalUrl());
    set(metadata, SITE, article.siteName());
    set(metadata, SECTION, article.section());
    set(metadata, TOP_IMAGE, article.topImage());
    for (String link : article.links()) {
      metadata.add(LINKS, link);
    }
  }

  private static void set(Metadata metadata, String key, String value) {
    if (value != null && !value.isBlank()) {
      metadata.set(key, value);
    }
  }

  /**
   * Reads back what this parser found in a page from Tika's metadata of it, or {@code null} if the
   * document is not a page this parser read. The text is the document's own.
   */
  public static Article article(Metadata metadata) {
    if (metadata.get(TEXT_SOURCE) == null) {
      return null;
    }
    return new Article(metadata.get(TITLE), metadata.get(BYLINE), "", instant(metadata.get(PUBLISHED)),
        instant(metadata.get(MODIFIED)), metadata.get(CANONICAL_URL), metadata.get(SITE), metadata.get(SECTION),
        metadata.get(TOP_IMAGE), null, java.util.List.of(metadata.getValues(LINKS)));
  }

  /** Tells whether a metadata key is one this parser writes for {@link #article}. */
  public static boolean isArticleKey(String name) {
    return name.startsWith(PREFIX);
  }

  private static Instant instant(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }
}
