package io.newsflow.extract.html.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

class PageMetadataTest {

  @Test
  void aMetaTagIsFoundByPropertyThenNameThenItempropThenHttpEquivInAnyCase() {
    Document doc = Jsoup.parse("""
        <head>
        <meta property="og:title" name="ignored" content="  By property  ">
        <meta name="Author" content="">
        <meta name="AUTHOR" content="Jane Doe">
        <meta itemprop="datePublished" content="2024-03-12">
        <meta http-equiv="content-language" content="de">
        <meta name="description">
        </head>""");
    List<String[]> metas = PageMetadata.metas(doc);

    assertThat(metas).hasSize(5); // the one without content is not a candidate
    assertThat(PageMetadata.meta(metas, "og:title")).isEqualTo("By property");
    assertThat(PageMetadata.meta(metas, "ignored")).isNull();
    assertThat(PageMetadata.meta(metas, "author")).isEqualTo("Jane Doe"); // the blank one is skipped
    assertThat(PageMetadata.meta(metas, "datepublished")).isEqualTo("2024-03-12");
    assertThat(PageMetadata.meta(metas, "Content-Language")).isEqualTo("de");
    assertThat(PageMetadata.meta(metas, "description")).isNull();
  }

  @Test
  void readingTheTagsOnceFindsWhatSelectingThemForEachNameFound() {
    String[] attrs = {"property", "name", "itemprop", "http-equiv", "content", "Content"};
    String[] names = {"og:title", "OG:Title", "author", "date", "section", "", " author"};
    String[] values = {"", " ", "x", " y ", "Zeta\u00A0"};
    Random random = new Random(6);
    for (int n = 0; n < 3_000; n++) {
      StringBuilder html = new StringBuilder("<head>");
      for (int k = random.nextInt(8); k >= 0; k--) {
        html.append("<meta");
        for (int a = random.nextInt(4); a >= 0; a--) {
          String attr = attrs[random.nextInt(attrs.length)];
          String value = attr.equalsIgnoreCase("content") ? values[random.nextInt(values.length)] : names[random.nextInt(names.length)];
          html.append(' ').append(attr).append("=\"").append(value).append('"');
        }
        html.append('>');
      }
      Document doc = Jsoup.parse(html.append("</head><body><meta name=author content=body></body>").toString());
      List<String[]> metas = PageMetadata.metas(doc);
      for (String name : names) {
        assertThat(PageMetadata.meta(metas, name)).as(html + " " + name).isEqualTo(selectingEachTime(doc, name));
      }
    }
  }

  /** The lookup as it was: the page's tags selected anew for each name. */
  private static String selectingEachTime(Document doc, String name) {
    for (Element m : doc.select("meta[content]")) {
      String key = m.hasAttr("property") ? m.attr("property") : m.hasAttr("name") ? m.attr("name")
          : m.hasAttr("itemprop") ? m.attr("itemprop") : m.attr("http-equiv");
      if (key.equalsIgnoreCase(name) && !m.attr("content").isBlank()) {
        return m.attr("content").strip();
      }
    }
    return null;
  }
}
