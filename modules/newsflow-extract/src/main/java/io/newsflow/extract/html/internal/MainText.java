package io.newsflow.extract.html.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Elements;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Finds the main text of a page. Stateless and thread-safe; cleans the document it is given and
 * copies it once, for Readability.
 *
 * <p>Each step is generic (no rule names a site):
 * <ol>
 *   <li>Clean: drop elements that are never article text (navigation, forms, media, asides, but
 *       not an aside or {@code <noscript>} that holds the article) and elements whose class or id
 *       names a boilerplate role (comments, sharing, related links, newsletter boxes, cookie
 *       banners), unless they wrap the marked article body or hold prose paragraphs.
 *   <li>Pick: Readability4J scores the cleaned page and picks the article container.
 *   <li>Correct: drop link lists and "related"/"share"/"comments" sections Readability kept; if
 *       Readability kept much less than the page's {@code <article>} or CMS-marked body, take that
 *       instead (Readability discards short-paragraph articles such as recipes and lists); if every
 *       pick failed, take the JSON-LD {@code articleBody} or the page's prose paragraphs.
 *   <li>Complete and trim: add the lead (the block that starts like {@code og:description}) when
 *       it sits apart from the body; drop photo credits, reader prompts near the end (subscribe,
 *       share, log in) and the short lines after the last paragraph.
 * </ol>
 */
public final class MainText {

  /** The main text and the links inside it. */
  public record Result(String text, List<String> links) {}

  /** Lines shorter than this after the last long paragraph are dropped. */
  private static final int SHORT_LINE = 30;
  /** A line at least this long is prose. */
  private static final int LONG_LINE = 150;

  /** Tags that never hold article text. */
  private static final String NEVER_TEXT = "script, style, noscript, template, svg, canvas, iframe, embed, object, "
      + "video, audio, map, button, input, select, textarea, label, dialog, nav, aside, menu, head, link, meta";

  /**
   * Class or id words naming a boilerplate role. The same names recur across CMSs (WordPress,
   * Drupal, Typo3, newspaper systems), so they are matched as parts of a class or id.
   */
  static final Pattern BOILERPLATE = Pattern.compile("(?i)comments?|kommentare?|respond|disqus|related|relatedposts|"
      + "similar|recommended|recommendations|share|sharing|sharedaddy|social|shariff|newsletter|subscribe|"
      + "cookies?|consent|breadcrumbs?|pagination|pager|postnav|navbar|navigation|menu|sidebar|widget|widgets|"
      + "advert|advertisement|ads|adslot|sponsored|promo|banner|popup|authorbox|authorbio|tagcloud|taglist|"
      + "footer|masthead|outbrain|taboola|yarpp|skiplink|teaserlist|"
      // A post's furniture: author, byline, date line. Adding these raised extraction-dev F1 from
      // 0.907 to 0.911: the headline's byline and date are metadata, read by PageMetadata first.
      + "meta|postmeta|entrymeta|byline|author|date|dateline|timestamp");

  /** Class words that modify a layout ({@code has-sidebar}, {@code no-comments}): not a role. */
  private static final Pattern MODIFIER = Pattern.compile("(?i)has|with|no|without|show|hide|is|enable|disable|"
      + "allow|open|closed|count|number|link|icon");

  /** A short heading that opens a section of links or reader comments, in English, German and French. */
  static final Pattern SECTION_END = Pattern.compile("(?iu)^\\W*(related|more (on|from|about|stories|articles)|"
      + "read (more|also|next)|see also|you (may|might) also|also interesting|recommended|popular|trending|"
      + "share( this)?|comments?|leave a (reply|comment)|\\d+ comments?|newsletter|tags|"
      + "ähnliche|verwandte|weitere|mehr (zum|zu|aus|von)|das könnte|lesen sie auch|auch interessant|"
      + "empfohlen|beliebt|teilen|diesen (beitrag|artikel) teilen|kommentare?|\\d+ kommentare?|"
      + "schreibe einen kommentar|hinterlasse|articles? (similaires|liés)|à lire aussi|lire aussi|partager|"
      + "commentaires?|.{0,30}(könnte|dürfte) (dich|sie|euch) (auch )?interessieren|.{0,30}nicht verpassen|"
      + ".{0,30}(might|may) also (like|enjoy)|"
      // An author box, and pointers to the neighbouring or newest posts, close an article too.
      + "über (den|die) autor(in)?|about the author|zur person|neueste (artikel|beiträge|nachrichten)|"
      + "latest (news|posts|articles|stories)|(previous|next) (post|article|story)|vorherige[rs]? (artikel|beitrag)|"
      + "nächste[rs]? (artikel|beitrag)|vorschau auf|.{0,20}sur le (même )?sujet|similar|more like this)\\b.{0,60}$");

  /** A line that is only a date or a time: a post's stamp, not its text. */
  static final Pattern STAMP = Pattern.compile("(?i)^(?=.*\\d)[\\W\\p{L}]{0,20}(\\d{1,2}[./]\\s?(\\d{1,2}|\\p{L}+)\\.?\\s?\\d{2,4}|"
      + "\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\.?\\s\\p{L}+\\s\\d{4}|\\p{L}+\\s\\d{1,2},?\\s\\d{4})?[,\\s]*(\\d{1,2}:\\d{2}(\\s?(uhr|am|pm|h))?)?\\W*$");

  private MainText() {}

  /**
   * Returns the main text of {@code doc} and the links in it. Cleans {@code doc} in place (read the
   * page's metadata first): parsing once and copying the tree once for Readability keeps this cheap.
   */
  public static Result extract(Document doc) {
    String structured = structuredBody(doc);
    String description = description(doc);
    clean(doc);
    Element content;
    try {
      content = Readability.articleContent(doc.location(), doc.clone());
    } catch (RuntimeException e) {
      // Readability4J fails on some malformed trees (an orphaned top candidate); the fallbacks
      // below still find the article on most such pages.
      content = null;
    }
    String text = "";
    if (content != null) {
      correct(content);
      text = TextSerializer.text(content);
    }
    Element fallback = fallback(doc);
    if (fallback != null) {
      correct(fallback);
      String fallbackText = TextSerializer.text(fallback);
      // Readability dropping more than half of a real <article> or of the page's paragraphs means
      // it discarded content, not boilerplate: lists, short paragraphs, tables.
      if (fallbackText.length() > 2 * text.length() + 200 || text.length() < 100 && fallbackText.length() > text.length()) {
        content = fallback;
        text = fallbackText;
      }
    }
    Element hinted = hinted(doc);
    if (hinted != null) {
      correct(hinted);
      String hintedText = TextSerializer.text(hinted);
      // Preferred only when clearly longer: the marked body often leaves out a lead that
      // Readability keeps, and Readability's pick is the more precise one (measured on
      // extraction-dev: at 1.5x the marked body, F1 0.905; at 0.7x, 0.896).
      if (hintedText.length() >= 200 && hintedText.length() >= 1.5 * text.length()) {
        content = hinted;
        text = hintedText;
      }
    }
    if (text.length() < BASELINE_BELOW) {
      // Every container-based pick failed (Readability threw or kept a fragment): fall back to the
      // article body the page declares in JSON-LD, else to the page's prose paragraphs.
      Element baseline = paragraphs(doc);
      String baselineText = TextSerializer.text(baseline);
      if (structured != null && structured.length() > Math.max(text.length(), baselineText.length() / 2)) {
        return new Result(structured, List.of());
      }
      if (baselineText.length() > text.length()) {
        content = baseline;
        text = baselineText;
      }
    }
    if (content == null) {
      return new Result("", List.of());
    }
    String lead = lead(doc, description, text);
    if (lead != null) {
      text = lead + "\n" + text;
    }
    text = dropCredits(text);
    text = dropTrailingPrompts(text);
    text = dropTrailingShortLines(text);
    Set<String> links = new LinkedHashSet<>();
    for (Element a : content.select("a[href]")) {
      String href = a.attr("abs:href");
      if (href.startsWith("http")) {
        links.add(href);
      }
    }
    return new Result(text, List.copyOf(links));
  }

  /** Returns the page's declared summary ({@code og:description}, else {@code description}), or null. */
  static String description(Document doc) {
    for (String query : List.of("meta[property=og:description]", "meta[name=description]",
        "meta[name=twitter:description]")) {
      Element meta = doc.selectFirst(query);
      if (meta != null && !meta.attr("content").isBlank()) {
        return meta.attr("content").replaceAll("\\s+", " ").strip();
      }
    }
    return null;
  }

  /**
   * Returns the article's lead (standfirst) when the page shows it outside the picked text: the
   * block whose text begins like the page's declared summary. Sites set their lead apart from the
   * body (next to the headline, in a teaser box), so container-based picks often miss it.
   */
  static String lead(Document doc, String description, String text) {
    if (description == null || description.length() < 60) {
      return null;
    }
    String key = description.substring(0, 50);
    if (TextSerializer.normalised(text).contains(key)) {
      return null;
    }
    // Find the text that starts the lead, then the largest block around it that starts with the
    // summary's words: walking up from text nodes is linear, where asking every block for its
    // text would be quadratic in the page's depth.
    String start = key.substring(0, 20);
    int limit = Math.max(description.length() * 3 / 2, description.length() + 100);
    Element best = null;
    List<TextNode> starts = new ArrayList<>();
    NodeTraversor.traverse((node, depth) -> {
      if (node instanceof TextNode t && t.text().contains(start)) {
        starts.add(t);
      }
    }, doc.body());
    for (TextNode node : starts) {
      for (Element e = (Element) node.parent(); e != null && e != doc.body(); e = e.parent()) {
        String t = e.text();
        if (t.length() > limit) {
          break;
        }
        if (t.length() >= 50 && t.startsWith(key) && linkDensity(e) < 0.5
            && (best == null || t.length() > best.text().length())) {
          best = e;
        }
      }
    }
    return best == null ? null : TextSerializer.text(best);
  }

  /** Below this many characters the picked text is taken for a failed pick. */
  private static final int BASELINE_BELOW = 250;

  /** Returns the {@code articleBody} the page declares in JSON-LD, stripped, or null. */
  static String structuredBody(Document doc) {
    JsonNode ld = PageMetadata.jsonLdArticle(doc);
    if (ld == null || !ld.path("articleBody").isTextual()) {
      return null;
    }
    String body = ld.path("articleBody").asText().strip();
    return body.isEmpty() ? null : body;
  }

  /**
   * Returns the page's prose paragraphs in a new container: paragraphs, quotes and preformatted
   * blocks of some length that are not mostly link text (trafilatura's baseline does the same).
   */
  static Element paragraphs(Document doc) {
    Element out = new Element("div");
    for (Element p : doc.body().select("p, blockquote, pre, h2, h3, h4, li, td, div")) {
      boolean container = !p.tagName().matches("p|blockquote|pre|h2|h3|h4");
      // A container counts only for the text it holds itself, or all of it when it holds no
      // blocks (a table cell of <font> text), a paragraph for all of its text.
      String t = container && hasBlocks(p) ? p.ownText().strip() : p.text().strip();
      boolean heading = p.tagName().matches("h2|h3|h4");
      if (t.isEmpty() || t.length() < 30 && !heading || linkDensity(p) > 0.5) {
        continue;
      }
      if (!container && p.parents().stream().anyMatch(q -> q.tagName().matches("p|blockquote|pre"))) {
        continue; // its text is in the enclosing block already
      }
      out.appendElement("p").text(t);
    }
    // Headings count only before prose: drop those that end the page.
    while (out.childrenSize() > 0 && out.child(out.childrenSize() - 1).text().length() < 30) {
      out.child(out.childrenSize() - 1).remove();
    }
    return out;
  }

  /** Tells whether an element holds blocks (paragraphs, containers, lists, tables). */
  private static boolean hasBlocks(Element e) {
    for (Element child : e.children()) {
      if (child.tagName().matches("p|div|table|tr|td|ul|ol|li|h[1-6]|blockquote|pre|section|article|dl")
          || hasBlocks(child)) {
        return true;
      }
    }
    return false;
  }

  /** The share of an element's text that is link text. */
  static double linkDensity(Element e) {
    int length = e.text().length();
    if (length == 0) {
      return 0;
    }
    int linked = 0;
    for (Element a : e.select("a")) {
      linked += a.text().length();
    }
    return (double) linked / length;
  }

  /**
   * A line that credits a picture, names a source or files the post (category, tags, views): a
   * caption's or a post's furniture, not the article.
   */
  static final Pattern CREDIT = Pattern.compile("(?iu)(.*(©|\\(c\\)\\s).*|"
      + "\\W*(fotos?|photos?|bild(er)?|credits?|crédits?( photos?)?|crédito|titelbild|quelle|source|image|abbildung \\d+)\\s*:.*|"
      + ".*\\((fotos?|photos?|bild|credits?|crédito|quelle)\\s*:[^)]*\\)\\W*|"
      // Filing labels and counters: "Kategorie: News", "Tags: …", "Aufrufe: 1120".
      + "\\W*(kategorien?|category|categories|tags?|schlagw[oö]rter|stichw[oö]rter|filed under|posted in|"
      + "rubrik|aufrufe|views|gelesen)\\s*:.*)");

  /**
   * A line that asks the reader to do something (subscribe, share, comment, log in, download an
   * app, support the site), in English, German, French, Spanish and Polish: such lines close an
   * article on most sites but are not its text.
   */
  static final Pattern PROMPT = Pattern.compile("(?iu).*\\b(subscribe|subscription|subscriber|newsletter|sign up|"
      + "log ?in|einloggen|anmelden|abonnier\\w*|abonnement|registrier\\w*|teilen|share|gefällt (ihnen|dir) (dieser|der|unser)|"
      + "bewerten|rate this|kommentieren|leave a comment|download (the|our)|follow us|folgen sie|folge uns|unterstütze\\w*|support our|"
      + "if you enjoyed|vergiss nicht|zapraszamy|subskrypcj\\w*|suscr[ií]b\\w*|únete|s'abonner|abonnez|"
      + "inscri\\w*|klicken sie (hier|auf)|click here|hier klicken)\\b.*");

  /** Prompts are looked for in the part of the text after this share of its length. */
  private static final double PROMPT_TAIL = 0.8;

  /** Drops lines under 250 characters that prompt the reader ({@link #PROMPT}) near the end of the text. */
  static String dropTrailingPrompts(String text) {
    double tail = PROMPT_TAIL * text.length();
    return dropLines(text, (line, start) -> start >= tail && line.length() < 250 && PROMPT.matcher(line).matches());
  }

  /** Returns {@code text} without the lines {@code drop} accepts, given each line and the offset it starts at. */
  private static String dropLines(String text, BiPredicate<String, Integer> drop) {
    StringBuilder out = new StringBuilder(text.length());
    int position = 0;
    for (String line : text.split("\n")) {
      int start = position;
      position += line.length() + 1;
      if (drop.test(line, start)) {
        continue;
      }
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(line);
    }
    return out.toString();
  }

  /**
   * A line that points to another article ("Lesen Sie auch: …", "MIRA: …", "Read more: …"), in
   * English, German, French, Spanish and Polish: an inline teaser, not the article's text.
   */
  static final Pattern TEASER = Pattern.compile("(?iu)^\\W*(lesen sie (auch|mehr)|lies auch|auch interessant|"
      + "mehr zum thema|mehr dazu|read (more|also)|see also|related|mira|puedes ver|lee también|lea también|"
      + "te puede interesar|à lire aussi|lire aussi|voir aussi|czytaj (też|także|więcej)|zobacz (też|także))"
      + "\\s*[:>»|-].*");

  /** Lines at most this long can be a credit; longer ones are prose that mentions a source. */
  private static final int CREDIT_LINE = 120;

  /** Drops short lines that credit a photo or name a source ({@link #CREDIT}) or point elsewhere ({@link #TEASER}). */
  static String dropCredits(String text) {
    return dropLines(text, (line, start) -> line.length() <= CREDIT_LINE && CREDIT.matcher(line).matches()
        || line.length() <= 2 * CREDIT_LINE && TEASER.matcher(line).matches());
  }

  /**
   * Drops the short lines after the article's last long paragraph: what follows an article's prose
   * there is its furniture (tags, "next post", a comment count, a newsletter prompt), not its text.
   * On extraction-dev, dropping lines under 30 characters after the last line of 150 or more
   * raised F1 from 0.905 to 0.907 (under 50: 0.907; under 80: 0.904, recall falling faster).
   */
  static String dropTrailingShortLines(String text) {
    List<String> lines = new ArrayList<>(text.lines().toList());
    int lastLong = -1;
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).length() >= LONG_LINE) {
        lastLong = i;
      }
    }
    if (lastLong < 0) {
      return text;
    }
    int end = lines.size();
    while (end > lastLong + 1 && lines.get(end - 1).length() < SHORT_LINE) {
      end--;
    }
    return String.join("\n", lines.subList(0, end));
  }

  /** Removes what is never article text, and boilerplate roles unless they hold most of the page. */
  static void clean(Document doc) {
    Element body = doc.body();
    int pageLength = body.text().length();
    for (Element e : doc.select(NEVER_TEXT)) {
      // Some pages put the whole article in a <noscript>, an <aside> or a <nav>: keep the text
      // of one that holds the marked article body or most of the page.
      if (e.tagName().matches("noscript|aside|nav|menu") && e.parent() != null
          && (e.selectFirst("[itemprop=articleBody], article") != null || e.text().length() > pageLength / 2)) {
        e.unwrap();
      }
    }
    doc.select(NEVER_TEXT).remove();
    // Captions, photo credits and time stamps are not article text (trafilatura drops figures by
    // default too); removing them raised extraction-dev F1 from 0.899 to 0.905.
    doc.select("figure, figcaption, time").remove();
    int bodyLength = body.text().length();
    // Wrappers of the marked article body are never boilerplate, whatever their class says
    // (themes name them "date-outer", "entry share").
    Set<Element> wrappers = Collections.newSetFromMap(new IdentityHashMap<>());
    for (Element e : body.select("[itemprop=articleBody], h1, article, [class], [id]")) {
      if (e.tagName().matches("h1|article") || isContentHint(e)) {
        wrappers.add(e);
        wrappers.addAll(e.parents());
      }
    }
    List<Element> drop = new ArrayList<>();
    for (Element e : body.select("[class], [id]")) {
      if (e.tagName().equals("body") || e.tagName().equals("html") || e.tagName().equals("main")
          || e.tagName().equals("article")) {
        continue;
      }
      if (isBoilerplate(e) && !wrappers.contains(e)
          && e.text().length() < bodyLength * 2 / 5 && (isComments(e) || !isProse(e))) {
        drop.add(e);
      }
    }
    drop.forEach(Element::remove);
    // Footers of the page, not of an article: an article's own footer holds its byline and tags.
    body.select("footer").forEach(f -> {
      if (f.closest("article") == null) {
        f.remove();
      }
    });
  }

  /** Class or id words of a comment section: its paragraphs are prose but not the article's. */
  private static final Pattern COMMENTS = Pattern.compile("(?i).*(comment|kommentar|respond|disqus|review).*");

  private static boolean isComments(Element e) {
    return COMMENTS.matcher(e.className()).matches() || COMMENTS.matcher(e.id()).matches();
  }

  /**
   * Tells whether an element holds prose: at least three paragraphs of 100 characters or more,
   * 600 characters together, hardly linked. A boilerplate-sounding class on such an element is a
   * theme's marker ({@code entry share}, {@code post-meta-wrapper}), not a role.
   */
  static boolean isProse(Element e) {
    int paragraphs = 0;
    int length = 0;
    for (Element p : e.select("p")) {
      int l = p.text().length();
      if (l >= 100 && linkDensity(p) < 0.3) {
        paragraphs++;
        length += l;
      }
    }
    return paragraphs >= 3 && length >= 600;
  }

  /**
   * Tells whether a class or id names a boilerplate role: one of its words (split at {@code -} and
   * {@code _}) is a role word, and the name is not a layout modifier such as {@code has-sidebar}.
   */
  static boolean isBoilerplate(Element e) {
    List<String> names = new ArrayList<>(e.classNames());
    if (!e.id().isEmpty()) {
      names.add(e.id());
    }
    for (String name : names) {
      // A BEM modifier ("TestReport__Section--Ads") says how a block looks, not what it is.
      int modifier = name.indexOf("--");
      if (modifier > 0) {
        name = name.substring(0, modifier);
      }
      String[] words = SEPARATORS.split(name);
      if (words.length == 0 || MODIFIER.matcher(words[0]).matches()) {
        continue;
      }
      // The words one by one, then run together ("related-posts" as "relatedposts"): this runs
      // for every class on every page, so each regex runs once per word, no more.
      for (String word : words) {
        if (BOILERPLATE.matcher(word).matches()) {
          return true;
        }
      }
      if (words.length > 1 && BOILERPLATE.matcher(String.join("", words)).matches()) {
        return true;
      }
    }
    return false;
  }

  private static final Pattern SEPARATORS = Pattern.compile("[-_]+");

  /**
   * Counts the characters of {@code e}'s text nodes that {@code e.text().strip()} keeps whatever surrounds them
   * (not white space in jsoup's, Java's or Unicode's sense, not a format character such as a soft hyphen or a
   * zero-width space), stopping once the count exceeds {@code limit}. So the result is a lower bound of
   * {@code e.text().strip().length()}, and when it exceeds {@code limit} so does that length: the cheap test that
   * spares {@link #correct} building the text of every long block (JFR: {@code Element.text()} in this method was
   * 7% of a parse worker's CPU).
   */
  static int solidChars(Element e, int limit) {
    int[] count = {0};
    NodeTraversor.filter(new NodeFilter() {
      @Override
      public FilterResult head(Node node, int depth) {
        if (node instanceof TextNode t) {
          String s = t.getWholeText();
          for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!Character.isWhitespace(c) && !Character.isSpaceChar(c) && c != 160
                && Character.getType(c) != Character.FORMAT) {
              count[0]++;
            }
          }
          if (count[0] > limit) {
            return FilterResult.STOP;
          }
        }
        return FilterResult.CONTINUE;
      }
    }, e);
    return count[0];
  }

  /** Drops link lists and trailing related/comment sections from an extracted container. */
  static void correct(Element content) {
    for (Element e : content.select("h1, h2, h3, h4, h5, h6, p, div, span, strong, b")) {
      if (e.parent() == null) {
        continue; // already removed with an earlier section
      }
      if (solidChars(e, 80) > 80) {
        continue; // longer than a heading: its text() would be too (see solidChars)
      }
      String t = e.text().strip();
      if (!t.isEmpty() && t.length() <= 80 && SECTION_END.matcher(t).matches() && e.select("p").size() <= 1) {
        // Drop the heading and everything after it at its level: such sections close an article.
        // Climb out of wrappers that hold only the heading, never into one that holds text too.
        Element cut = e;
        while (cut.parent() != content && cut.parent() != null
            && cut.parent().text().length() <= t.length() + 20) {
          cut = cut.parent();
        }
        List<Element> after = new ArrayList<>();
        for (Element s = cut.nextElementSibling(); s != null; s = s.nextElementSibling()) {
          after.add(s);
        }
        int afterLength = after.stream().mapToInt(s -> s.text().length()).sum();
        if (afterLength < content.text().length() / 2) {
          after.forEach(Element::remove);
          cut.remove();
        }
      }
    }
    for (Element e : content.select("p, div, span, li")) {
      if (solidChars(e, 40) > 40) {
        continue;
      }
      String t = e.text().strip();
      if (!t.isEmpty() && t.length() <= 40 && STAMP.matcher(t).matches() && e.parent() != null) {
        e.remove();
      }
    }
    for (Element e : content.select("ul, ol, div, p, table")) {
      if (e.parent() == null) {
        continue;
      }
      int linked = e.select("a").stream().mapToInt(a -> a.text().length()).sum();
      // Without link text, or with more text than link text / 0.6 (a lower bound says so), it stays: no need for
      // the block's whole text, which asked of every nested block was quadratic in the page's depth.
      if (linked == 0 || 0.6 * solidChars(e, (int) Math.ceil(linked / 0.6) + 1) >= linked) {
        continue;
      }
      int length = e.text().length();
      if (length == 0) {
        continue;
      }
      // A block that is mostly link text is navigation or a teaser list, not prose.
      if (linked > 0.6 * length && (e.tagName().matches("ul|ol|div|table") || length < 200)) {
        e.remove();
      }
    }
  }

  /** Class or id of the element CMSs put the body of an article in. */
  static final Pattern CONTENT_HINT = Pattern.compile("(?i)((entry|post|article|story|blog|news)"
      + "[-_]*(content|body|text|inner)|(content|body|text)[-_]*(article|entry|post|story)|articlebody|"
      + "article__body|article-body-text|storycontent|rich-?text|field-?body|field--name-body|td-post-content|"
      + "postcontent|entrycontent)");

  /** Tells whether a CMS marked {@code e} as an article body. */
  static boolean isContentHint(Element e) {
    if (e.attr("itemprop").equals("articleBody")) {
      return true;
    }
    for (String name : e.classNames()) {
      if (CONTENT_HINT.matcher(name).matches()) {
        return true;
      }
    }
    return !e.id().isEmpty() && CONTENT_HINT.matcher(e.id()).matches();
  }

  /**
   * Returns the element a CMS marked as the article body ({@code itemprop=articleBody}, classes
   * such as {@code entry-content}), the longest if there are several, or null.
   */
  static Element hinted(Document doc) {
    Element best = null;
    int bestLength = 0;
    for (Element e : doc.select("[itemprop=articleBody], [class], [id]")) {
      if (isContentHint(e)) {
        int length = e.text().length();
        if (length > bestLength && (best == null || !e.parents().contains(best) || length > bestLength * 1.2)) {
          best = e;
          bestLength = length;
        }
      }
    }
    return best == null ? null : best.clone();
  }

  /** Returns the page's single {@code <article>}, or {@code <main>}, or null. */
  private static Element fallback(Document doc) {
    Elements articles = doc.select("article");
    if (articles.size() == 1) {
      return articles.first().clone();
    }
    Element main = doc.selectFirst("main, [role=main]");
    return main == null ? null : main.clone();
  }
}
