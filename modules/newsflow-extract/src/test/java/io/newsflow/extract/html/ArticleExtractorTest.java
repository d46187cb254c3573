package io.newsflow.extract.html;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.extract.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ArticleExtractorTest {

  private final ArticleExtractor extractor = new ArticleExtractor();

  private static final String PAGE = Fixtures.NEWS_PAGE;

  @Test
  void keepsTheArticleAndDropsNavigationCommentsRelatedLinksAndFooter() {
    Article article = extractor.extract(PAGE, "https://courier.example/local/harbour-bridge-reopens");

    assertThat(article.text())
        .contains("The old harbour bridge reopened to traffic on Monday morning")
        .contains("Engineers replaced more than four hundred rivets")
        .contains("The council expects the next inspection in five years")
        .doesNotContain("Weather outlook")
        .doesNotContain("cookies")
        .doesNotContain("Share on Facebook")
        .doesNotContain("Ferry timetable")
        .doesNotContain("finally the bridge is open again")
        .doesNotContain("Storm warning")
        .doesNotContain("All rights reserved");
  }

  @Test
  void putsEachParagraphOnALineOfItsOwn() {
    Article article = extractor.extract(PAGE, "https://courier.example/x");

    assertThat(article.text().lines())
        .anyMatch(line -> line.startsWith("The old harbour bridge reopened") && line.endsWith("in a statement."));
  }

  @Test
  void readsMetadataFromJsonLdOpenGraphAndLinkTags() {
    Article article = extractor.extract(PAGE, "https://courier.example/x");

    assertThat(article.title()).isEqualTo("Harbour bridge reopens after repairs");
    assertThat(article.byline()).isEqualTo("Ana Ruiz; Tom Berg");
    assertThat(article.published()).isEqualTo(Instant.parse("2024-03-04T08:30:00Z"));
    assertThat(article.modified()).isEqualTo(Instant.parse("2024-03-05T07:00:00Z"));
    assertThat(article.canonicalUrl()).isEqualTo("https://courier.example/local/harbour-bridge-reopens");
    assertThat(article.siteName()).isEqualTo("The Coastal Courier");
    assertThat(article.section()).isEqualTo("Local");
    assertThat(article.topImage()).isEqualTo("https://courier.example/img/bridge.jpg");
    assertThat(article.language()).isEqualTo("en-GB");
    assertThat(article.links()).containsExactly("https://example.org/cycling");
  }

  @Test
  void findsAVisibleDatelineWhenNoMetadataGivesTheDate() {
    String page = """
        <html><head><title>Fest</title></head><body>
        <div class="post"><h1>Stadtfest mit Rekord</h1>
        <div class="post-date">Veröffentlicht am 12. Juli 2023</div>
        <p>Das Stadtfest hat am Wochenende mehr Besucher angezogen als je zuvor, berichten die Veranstalter.
        Rund vierzigtausend Menschen kamen auf den Marktplatz und an das Flussufer.</p>
        <p>Im nächsten Jahr soll das Fest um einen Tag verlängert werden, wenn der Stadtrat zustimmt.</p>
        </div></body></html>
        """;

    Article article = extractor.extract(page, "");

    assertThat(article.published()).isEqualTo(Instant.parse("2023-07-12T00:00:00Z"));
    assertThat(article.text()).contains("Das Stadtfest hat am Wochenende").contains("um einen Tag verlängert");
  }

  @Test
  void keepsAListArticleThatReadabilityWouldShortenToItsIntroduction() {
    StringBuilder items = new StringBuilder();
    for (int i = 1; i <= 12; i++) {
      items.append("<li>Step ").append(i).append(": fold the dough and let it rest</li>");
    }
    String page = "<html><body><nav><a href='/'>Home</a></nav><article><h1>Bread</h1>"
        + "<p>A simple bread needs flour, water, salt and time.</p><ol>" + items + "</ol></article></body></html>";

    Article article = extractor.extract(page, "");

    assertThat(article.text()).contains("Step 1: fold the dough").contains("Step 12: fold the dough");
  }

  @Test
  void decodesBytesInTheCharsetThePageDeclares() {
    String page = "<html><head><meta charset='iso-8859-1'></head><body><article><p>Grüße aus Köln, wo der Dom "
        + "seit Jahrhunderten über der Stadt steht und jeden Tag tausende Besucher anzieht.</p></article></body></html>";

    Article article = extractor.extract(page.getBytes(StandardCharsets.ISO_8859_1), null, "");

    assertThat(article.text()).contains("Grüße aus Köln");
  }

  @Test
  void givesEmptyTextForAPageWithoutContent() {
    Article article = extractor.extract("<html><body></body></html>", "");

    assertThat(article.text()).isEmpty();
    assertThat(article.links()).isEmpty();
  }
}
