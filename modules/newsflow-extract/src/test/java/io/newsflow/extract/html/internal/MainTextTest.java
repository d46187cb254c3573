package io.newsflow.extract.html.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class MainTextTest {

  @Test
  void classWordsNamingABoilerplateRoleAreBoilerplate() {
    assertThat(MainText.isBoilerplate(element("<div class='comments-area'>"))).isTrue();
    assertThat(MainText.isBoilerplate(element("<div id='jp-relatedposts'>"))).isTrue();
    assertThat(MainText.isBoilerplate(element("<div class='entry social-share'>"))).isTrue();
    assertThat(MainText.isBoilerplate(element("<section class='related_posts'>"))).isTrue();
    assertThat(MainText.isBoilerplate(element("<div class='entry-meta'>"))).isTrue();
    assertThat(MainText.isBoilerplate(element("<span class='byline'>"))).isTrue();
  }

  @Test
  void layoutModifiersAndContentClassesAreNotBoilerplate() {
    assertThat(MainText.isBoilerplate(element("<div class='has-sidebar'>"))).isFalse();
    assertThat(MainText.isBoilerplate(element("<div class='no-comments'>"))).isFalse();
    assertThat(MainText.isBoilerplate(element("<div class='node--promoted entry-content'>"))).isFalse();
  }

  @Test
  void solidCharsIsALowerBoundOfEveryElementsStrippedText() {
    String[] pieces = {"<div>", "</div>", "<p>", "</p>", "<span>", "</span>", "<pre>", "</pre>", "<br>", "<a href=x>", "</a>",
        " ", "\n\t ", "&nbsp;", "&shy;", "\u200B", "\u2003", "word", "Wört", "\uD83D\uDE00", "<script>var s = 1;</script>",
        "<![CDATA[ c ]]>", "<textarea> t </textarea>"};
    java.util.Random random = new java.util.Random(6);
    for (int n = 0; n < 2_000; n++) {
      StringBuilder html = new StringBuilder("<div>");
      for (int k = random.nextInt(30); k >= 0; k--) {
        html.append(pieces[random.nextInt(pieces.length)]);
      }
      for (Element e : Jsoup.parse(html.toString()).body().getAllElements()) {
        int length = e.text().strip().length();
        assertThat(MainText.solidChars(e, Integer.MAX_VALUE)).as(html.toString()).isLessThanOrEqualTo(length);
        int limit = random.nextInt(20);
        if (MainText.solidChars(e, limit) > limit) {
          assertThat(length).as(html.toString()).isGreaterThan(limit);
        }
      }
    }
  }

  @Test
  void solidCharsCountsTheVisibleCharactersAndStopsPastTheLimit() {
    Element e = element("<div> Foo&nbsp;&shy;bar <span>\u200Bbaz</span><script>x()</script></div>");

    assertThat(MainText.solidChars(e, 100)).isEqualTo(9);
    assertThat(MainText.solidChars(e, 4)).isEqualTo(6); // stops after the first text node that passes 4
  }

  @Test
  void aLinkListIsDroppedButAParagraphWithALinkIsKept() {
    Element content = Jsoup.parse("<div><p>" + "Long article text with <a href=/x>one link</a> in it. ".repeat(5)
        + "</p><ul><li><a href=/a>Other story one</a></li><li><a href=/b>Other story two</a></li></ul></div>")
        .body().child(0);

    MainText.correct(content);

    assertThat(content.text()).contains("one link in it").doesNotContain("Other story");
  }

  @Test
  void aSectionOfRelatedLinksAfterTheArticleIsCut() {
    Element content = Jsoup.parse("<div><p>" + "Long article text. ".repeat(20) + "</p>"
        + "<h3>Read more</h3><p>Another story about something else entirely.</p></div>").body().child(0);

    MainText.correct(content);

    assertThat(content.text()).contains("Long article text.").doesNotContain("Read more").doesNotContain("Another story");
  }

  @Test
  void anAuthorBoxUnderACapitalisedNonAsciiHeadingIsCut() {
    Element content = Jsoup.parse("<div><p>" + "Langer Artikeltext. ".repeat(20) + "</p>"
        + "<h3>Über die Autorin</h3><p>Jana Koch schreibt seit 2015 über Verkehr und Stadtplanung.</p></div>")
        .body().child(0);

    MainText.correct(content);

    assertThat(content.text()).contains("Langer Artikeltext.").doesNotContain("Über die Autorin")
        .doesNotContain("Jana Koch");
  }

  @Test
  void aLineThatIsOnlyADateIsDropped() {
    Element content = Jsoup.parse("<div><p>" + "Long article text. ".repeat(20) + "</p><p>23.10.2018, 19:49</p></div>")
        .body().child(0);

    MainText.correct(content);

    assertThat(content.text()).doesNotContain("23.10.2018");
  }

  @Test
  void shortLinesAfterTheLastParagraphAreDroppedButNotShortLinesBetweenParagraphs() {
    String prose = "A paragraph long enough to be prose, ".repeat(5);
    String text = "Headline\n" + prose + "\nSubheading\n" + prose + "\nTags: bridge\nNext post";

    assertThat(MainText.dropTrailingShortLines(text)).isEqualTo("Headline\n" + prose + "\nSubheading\n" + prose);
    assertThat(MainText.dropTrailingShortLines("Only\nshort\nlines")).isEqualTo("Only\nshort\nlines");
  }

  private static final String PROSE = "The river authority opened the new flood gates on Tuesday after "
      + "three years of work, and the engineers said the barrier would protect two thousand homes. ";

  @Test
  void anArticleInsideAnAsideIsKeptNotDroppedWithTheAside() {
    Document doc = Jsoup.parse("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        + "<aside class='layout'><h1>Flood gates open</h1><div itemprop='articleBody'><p>" + PROSE + "</p><p>"
        + PROSE.replace("Tuesday", "Wednesday") + "</p></div></aside>"
        + "<aside><h3>Most read</h3><ul><li><a href='/a'>Storm warning for the coast</a></li></ul></aside>"
        + "</body></html>");

    String text = MainText.extract(doc).text();

    assertThat(text).contains("opened the new flood gates on Tuesday").contains("on Wednesday")
        .doesNotContain("Most read").doesNotContain("Storm warning").doesNotContain("Home");
  }

  @Test
  void aWrapperWhoseClassSoundsLikeBoilerplateIsKeptWhenItHoldsTheArticle() {
    // Themes put "share" or "date" on the post's own wrapper; the share bar inside still goes.
    Document doc = Jsoup.parse("<html><body><div class='date-outer'><div class='entry share'>"
        + "<div class='entry-content'><p>" + PROSE + "</p><p>" + PROSE + "</p><p>" + PROSE + "</p></div>"
        + "<div class='share-buttons'><a href='/fb'>Share on Facebook</a> <a href='/x'>Post on X</a></div>"
        + "</div></div><div class='sidebar'><p>About this blog: notes on rivers.</p></div></body></html>");

    String text = MainText.extract(doc).text();

    assertThat(text).contains("protect two thousand homes").doesNotContain("Share on Facebook")
        .doesNotContain("About this blog");
  }

  @Test
  void theLeadShownApartFromTheBodyIsAddedBeforeIt() {
    String lead = "Three years after the spring floods, the valley has its barrier: what changes for the towns "
        + "along the river and who pays for it.";
    Document doc = Jsoup.parse("<html><head><meta property='og:description' content='" + lead + "'></head><body>"
        + "<header><span class='kicker'>Environment</span><h1>Flood gates open</h1><p class='intro'>" + lead
        + "</p></header><div class='layout'><article><p>" + PROSE + "</p><p>" + PROSE + "</p></article>"
        + "<ul class='more'><li><a href='/b'>Other story</a></li></ul></div></body></html>");

    String text = MainText.extract(doc).text();

    assertThat(text).startsWith(lead).contains("opened the new flood gates").doesNotContain("Environment")
        .doesNotContain("Other story");
  }

  @Test
  void aPageWhereEveryContainerPickFailsFallsBackToItsParagraphs() {
    Document doc = Jsoup.parse("<html><body><table><tr><td><font>" + PROSE + "</font></td></tr>"
        + "<tr><td>" + PROSE.replace("Tuesday", "Friday") + "</td></tr>"
        + "<tr><td><a href='/1'>Imprint</a> <a href='/2'>Contact</a></td></tr></table></body></html>");

    String text = MainText.extract(doc).text();

    assertThat(text).contains("on Tuesday").contains("on Friday").doesNotContain("Imprint");
  }

  @Test
  void photoCreditsAndSourceLinesAreDroppedButProseMentioningAPhotoIsKept() {
    String text = PROSE + "\n(Foto: dpa/Jan Weber)\nCredit: River Authority\n© 2024 Courier Media\n"
        + "The photographer said the photo: a long exposure of the gates at dawn, taken from the north bank, "
        + "won the regional prize last year.";

    assertThat(MainText.dropCredits(text)).contains(PROSE.strip()).doesNotContain("dpa/Jan Weber")
        .doesNotContain("River Authority").doesNotContain("Courier Media").contains("won the regional prize");
  }

  @Test
  void readerPromptsAtTheEndAreDroppedButNotInTheMiddle() {
    String text = "Subscribers asked why the gates took so long. Please share your views. " + "\n"
        + (PROSE + "\n").repeat(5)
        + "Did you like this article? Share it with your friends!\n"
        + "Subscribe to our newsletter for weekly updates.";

    String kept = MainText.dropTrailingPrompts(text);

    assertThat(kept).contains("Please share your views").contains("protect two thousand homes")
        .doesNotContain("Share it with your friends").doesNotContain("Subscribe to our newsletter");
  }

  private static Element element(String html) {
    return Jsoup.parse(html).body().child(0);
  }
}
