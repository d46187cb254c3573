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

  /** A German blog post in a typical theme: everything around the post must go, the post must stay. */
  private static final String BLOG_PAGE = """
      <!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Radweg am Kanal eröffnet | Stadtblog</title>
      <meta property="og:description" content="Nach zwei Jahren Bauzeit ist der Radweg entlang des Kanals offen:       4,2 Kilometer ohne Autoverkehr zwischen Hafen und Altstadt.">
      </head><body class="single-post has-sidebar">
      <div id="cookie-notice">Wir verwenden Cookies, um unsere Website zu verbessern. <button>OK</button></div>
      <header class="site-header"><a href="/">Stadtblog</a><nav class="main-menu"><ul><li><a href="/verkehr">Verkehr</a></li>
      <li><a href="/kultur">Kultur</a></li></ul></nav></header>
      <div class="ad-slot advert"><p>Anzeige: Jetzt Fahrrad leasen ab 29 Euro im Monat!</p></div>
      <main><div class="post-header"><span class="category">Verkehr</span><h1>Radweg am Kanal eröffnet</h1>
      <p class="post-lead">Nach zwei Jahren Bauzeit ist der Radweg entlang des Kanals offen: 4,2 Kilometer ohne       Autoverkehr zwischen Hafen und Altstadt.</p><div class="entry-meta">12. Mai 2024 · von Jana Koch</div></div>
      <div class="post-body">
      <p>Am Samstagvormittag hat die Bürgermeisterin das letzte Teilstück des Kanalradwegs freigegeben. Hunderte       Radfahrerinnen und Radfahrer nutzten die Strecke schon in der ersten Stunde, viele mit Kindern.</p>
      <figure><img src="/img/radweg.jpg"><figcaption>Die neue Brücke am Hafen. (Foto: Stadtblog/Jan Weber)</figcaption></figure>
      <h2>Was sich für Pendler ändert</h2>
      <p>Wer von der Altstadt zum Hafen fährt, spart nach Angaben der Stadt rund zehn Minuten, weil die Strecke       keine Ampeln mehr kreuzt. Die Beleuchtung schaltet sich nachts nur bei Bewegung ein.</p>
      <ul><li>Länge: 4,2 Kilometer, durchgehend asphaltiert</li><li>Breite: vier Meter, getrennt vom Fußweg</li></ul>
      <p>Die Kosten von 3,1 Millionen Euro trägt zu zwei Dritteln das Land. Im Herbst soll ein zweiter Abschnitt       bis zum Stadtwald folgen, sagte die Bürgermeisterin.</p>
      <p>Gefällt Ihnen dieser Artikel? Teilen Sie ihn mit Ihren Freunden!</p>
      </div>
      <div class="share-bar"><a href="https://facebook.example/share">Auf Facebook teilen</a>       <a href="https://x.example/share">Auf X teilen</a></div>
      <div class="newsletter-box"><h3>Newsletter</h3><p>Jeden Freitag die wichtigsten Nachrichten aus der Stadt.</p>      <input type="email"><button>Abonnieren</button></div>
      <section class="related-posts"><h3>Das könnte Sie auch interessieren</h3><ul>
      <li><a href="/neue-ampel">Neue Ampel am Bahnhof sorgt für Ärger</a></li>
      <li><a href="/stadtwald">Stadtwald: Rodungen beginnen im Winter</a></li></ul></section>
      <div id="comments" class="comments-area"><h3>3 Kommentare</h3><ol class="comment-list">
      <li class="comment"><p>Endlich! Ich fahre jeden Tag am Kanal entlang und habe lange auf diesen Weg gewartet.</p></li>
      <li class="comment"><p>Schade, dass es keine Fahrradständer am Hafen gibt, das sollte die Stadt nachholen.</p></li>
      </ol></div></main>
      <aside class="sidebar"><div class="widget"><h3>Über mich</h3><p>Ich schreibe seit 2015 über meine Stadt.</p></div></aside>
      <footer class="site-footer"><a href="/impressum">Impressum</a> · © 2024 Stadtblog</footer>
      </body></html>
      """;

  @Test
  void keepsTheBlogPostItsLeadListAndSubheadingAndDropsEverythingAroundIt() {
    String text = extractor.extract(BLOG_PAGE, "https://stadtblog.example/radweg").text();

    assertThat(text)
        .contains("Nach zwei Jahren Bauzeit ist der Radweg entlang des Kanals offen")
        .contains("hat die Bürgermeisterin das letzte Teilstück des Kanalradwegs freigegeben")
        .contains("Was sich für Pendler ändert")
        .contains("Länge: 4,2 Kilometer, durchgehend asphaltiert")
        .contains("bis zum Stadtwald folgen, sagte die Bürgermeisterin.");
    assertThat(text)
        .doesNotContain("Cookies")
        .doesNotContain("Kultur")
        .doesNotContain("Fahrrad leasen")
        .doesNotContain("Jan Weber")
        .doesNotContain("Gefällt Ihnen dieser Artikel")
        .doesNotContain("Auf Facebook teilen")
        .doesNotContain("Jeden Freitag")
        .doesNotContain("Neue Ampel am Bahnhof")
        .doesNotContain("Endlich!")
        .doesNotContain("Fahrradständer")
        .doesNotContain("Ich schreibe seit 2015")
        .doesNotContain("Impressum");
  }
}
