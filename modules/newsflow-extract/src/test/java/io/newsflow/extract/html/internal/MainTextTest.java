package io.newsflow.extract.html.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.jsoup.Jsoup;
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
  void aSectionOfRelatedLinksAfterTheArticleIsCut() {
    Element content = Jsoup.parse("<div><p>" + "Long article text. ".repeat(20) + "</p>"
        + "<h3>Read more</h3><p>Another story about something else entirely.</p></div>").body().child(0);

    MainText.correct(content);

    assertThat(content.text()).contains("Long article text.").doesNotContain("Read more").doesNotContain("Another story");
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

  private static Element element(String html) {
    return Jsoup.parse(html).body().child(0);
  }
}
