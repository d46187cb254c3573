package io.newsflow.extract.html.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.extract.testing.Fixtures;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.dankito.readability4j.extended.Readability4JExtended;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class ReadabilityTest {

  @Test
  void picksTheSameArticleAsReadability4JItself() {
    List<String> pages = new ArrayList<>();
    pages.add(Fixtures.NEWS_PAGE);
    pages.add("<html><body><p>too short</p></body></html>"); // under the word threshold: the grabber's retries
    pages.add("<html><head><title>x</title></head><body></body></html>");
    Random random = new Random(6);
    String[] blocks = {"<div class='nav'><a href='/a'>Home</a> <a href='/b'>World</a></div>",
        "<p>" + "The council said the harbour bridge would reopen on Monday after repairs. ".repeat(4) + "</p>",
        "<article><h1>Headline</h1><p>" + "Residents welcomed the news, saying the detour had cost them an hour. ".repeat(3)
            + "</p><p>Short line.</p></article>",
        "<div class='comments'><p>Great article!</p><p>I disagree.</p></div>",
        "<section><h2>Related</h2><ul><li><a href='/x'>Other story</a></li><li><a href='/y'>More</a></li></ul></section>",
        "<div id='content'><div><p>" + "A paragraph of prose that a reader would want to keep, with a comma, ".repeat(5)
            + "</p></div><table><tr><td>cell</td><td>1</td></tr></table></div>",
        "<aside><p>Sidebar text</p></aside>", "<span>12.03.2024, 10:15</span>", "<img src='a.jpg'><figure>f</figure>",
        // Whitespace jsoup keeps and the grabber's expression collapses (vertical tab, in a run), in a scored block.
        "<div class='story'><p>" + "Tolls rise in May,\u000B\u000B the board said, and again in June. ".repeat(4)
            + "<a href='/t'>Timetable\u000B \u000Bchanges</a></p></div>",
        "<div><div><p>" + "Nested links, <a href='/n'>read more here</a>, with prose around them for length. ".repeat(3)
            + "</p></div><p><a href='/m'>A link alone in a block of its own with some words</a></p></div>"};
    for (int n = 0; n < 60; n++) {
      StringBuilder html = new StringBuilder("<html><head><title>t</title></head><body>");
      for (int k = random.nextInt(12); k >= 0; k--) {
        html.append(blocks[random.nextInt(blocks.length)]);
      }
      pages.add(html.append("</body></html>").toString());
    }
    int picked = 0;
    for (String page : pages) {
      Element expected = new Readability4JExtended("https://example.org/a", Jsoup.parse(page, "https://example.org/a"))
          .parse().getArticleContent();
      Element actual = Readability.articleContent("https://example.org/a", Jsoup.parse(page, "https://example.org/a"));
      if (expected == null) {
        assertThat(actual).as(page).isNull();
        continue;
      }
      picked++;
      // The grabber built it in its own element, which is what spared the debug serializations (logging is off here).
      assertThat(actual).isInstanceOf(Readability.ArticleContent.class);
      // After the grab the article element serializes as an ordinary element: html() is no longer quiet.
      assertThat(actual.outerHtml()).as(page).isEqualTo(expected.outerHtml());
      assertThat(actual.html()).as(page).isEqualTo(expected.html()).isNotEmpty();
      assertThat(TextSerializer.text(actual)).isEqualTo(TextSerializer.text(expected));
      assertThat(actual.select("a[href]").eachAttr("abs:href")).isEqualTo(expected.select("a[href]").eachAttr("abs:href"));
    }
    assertThat(picked).isGreaterThan(50);
  }

  @Test
  void aWhitespaceRunIsWhatTheDefaultNormalizingExpressionFinds() throws Exception {
    java.lang.reflect.Field field = net.dankito.readability4j.util.RegExUtil.class.getDeclaredField("normalize");
    field.setAccessible(true);
    java.util.regex.Pattern normalize = (java.util.regex.Pattern) field.get(Readability.Defaults.INSTANCE.regEx());
    assertThat(normalize.pattern()).isEqualTo("\\s{2,}");
    Random random = new Random(11);
    char[] alphabet = {' ', '\t', '\n', '\u000B', '\f', '\r', '\u00A0', '\u2003', '\u001C', 'a', '.', '\u00E9'};
    for (int n = 0; n < 20_000; n++) {
      char[] s = new char[random.nextInt(8)];
      for (int i = 0; i < s.length; i++) {
        s[i] = alphabet[random.nextInt(alphabet.length)];
      }
      String text = new String(s);
      assertThat(Readability.hasWhitespaceRun(text)).as("%s", java.util.Arrays.toString(s))
          .isEqualTo(normalize.matcher(text).find());
    }
  }

  @Test
  void theArticleElementIsQuietOnlyWhileItsGrabberGrabs() {
    Document doc = Jsoup.parse("<div id='a' class='c'><p>one</p><p>two</p></div>");
    Element made = doc.selectFirst("#a");
    Readability.QuietGrabber grabber = new Readability.QuietGrabber(Readability.Defaults.INSTANCE.options(),
        Readability.Defaults.INSTANCE.regEx());
    String before = made.html();
    Element content = new Readability.ArticleContent(made.clone(), grabber);

    assertThat(grabber.quiet()).isFalse();
    assertThat(content.html()).isEqualTo(before);
    assertThat(content.attr("id")).isEqualTo("a");
    assertThat(content.className()).isEqualTo("c");
    assertThat(content.childrenSize()).isEqualTo(2);
  }
}
