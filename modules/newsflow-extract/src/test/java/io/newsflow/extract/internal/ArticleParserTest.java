package io.newsflow.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.html.JSoupParser;
import org.junit.jupiter.api.Test;
import org.xml.sax.helpers.DefaultHandler;

class ArticleParserTest {

  private static final String HEAD = """
      <!DOCTYPE html><html lang="en-GB"><head>
      <meta charset="utf-8">
      <title>Harbour plan approved | Daily Example</title>
      <script>window.dataLayer = [{"title": "<title>not this</title>"}]; if (a < b && c > d) { x = '</scrip' + 't>'; }</script>
      <STYLE type="text/css">body { font: 12px/1.4 serif } .a > .b { color: red }</STYLE>
      <script type="application/ld+json">{"@type": "NewsArticle", "headline": "Harbour plan approved"}</script>
      <meta name="description" content="The council approved the plan &lt;script&gt; not a tag">
      <meta property="og:site_name" content="Daily Example">
      <!-- <script> in a comment: <meta name="hidden" content="no"> -->
      <meta name="author" content="Jane Doe">
      <script src="/app.js" async></script>
      <meta http-equiv="content-language" content="en">
      <link rel="canonical" href="https://example.org/harbour">
      <style></style>
      <meta name="keywords" content="harbour, council">
      """;

  @Test
  void headEndFindsTheClosingHeadTagOrTheBodyTagInAnyCase() {
    assertThat(ArticleParser.headEnd("<html><head><title>t</title></head><body>x", 100)).isEqualTo(28);
    assertThat(ArticleParser.headEnd("<head><title>t</title></HEAD \n\t>", 100)).isEqualTo(22);
    assertThat(ArticleParser.headEnd("<head><meta a=b><BoDy class=x>", 100)).isEqualTo(16);
    assertThat(ArticleParser.headEnd("<head><bodyguard></head >", 100)).isEqualTo(17);
    assertThat(ArticleParser.headEnd("<head></header><body", 100)).isEqualTo(-1);
    // The whole tag must lie before the limit.
    assertThat(ArticleParser.headEnd("<head></head>", 12)).isEqualTo(-1);
    assertThat(ArticleParser.headEnd("<head></head>", 13)).isEqualTo(6);
    assertThat(ArticleParser.headEnd("<head><body>", 11)).isEqualTo(-1);
  }

  @Test
  void headEndAgreesWithTheRegularExpressionItReplaces() {
    java.util.regex.Pattern regex = java.util.regex.Pattern.compile("</head\\s*>|<body[\\s>]",
        java.util.regex.Pattern.CASE_INSENSITIVE);
    String[] parts = {"<", "/", "head", "HEAD", "hEaD", "body", "BODY", "bodY", " ", "\t", "\u000B", "\u00A0", ">", "x",
        "<head>", "</head", "<body", "-->", "\n"};
    java.util.Random random = new java.util.Random(6);
    for (int n = 0; n < 20_000; n++) {
      StringBuilder html = new StringBuilder();
      for (int k = random.nextInt(12); k >= 0; k--) {
        html.append(parts[random.nextInt(parts.length)]);
      }
      String s = html.toString();
      int limit = random.nextInt(s.length() + 1);
      java.util.regex.Matcher m = regex.matcher(s).region(0, limit);
      assertThat(ArticleParser.headEnd(s, limit)).as("%s, limit %d", s, limit).isEqualTo(m.find() ? m.start() : -1);
    }
  }

  @Test
  void scriptAndStyleContentsAreLeftOutAndEverythingElseKept() {
    String stripped = ArticleParser.withoutScriptBodies(HEAD);
    assertThat(stripped).doesNotContain("dataLayer").doesNotContain("font:").doesNotContain("NewsArticle")
        .contains("<script type=\"application/ld+json\"></script>").contains("<STYLE type=\"text/css\"></STYLE>")
        .contains("<!-- <script> in a comment: <meta name=\"hidden\" content=\"no\"> -->")
        .contains("content=\"The council approved the plan &lt;script&gt; not a tag\"")
        .contains("<script src=\"/app.js\" async></script>");
    assertThat(ArticleParser.withoutScriptBodies("<head><title>x</title>")).isEqualTo("<head><title>x</title>");
  }

  @Test
  void anUnclosedScriptKeepsItsContents() {
    String head = "<head><title>x</title><script>var a = 1; <meta name=\"x\" content=\"y\">";
    assertThat(ArticleParser.withoutScriptBodies(head)).isEqualTo(head);
  }

  @Test
  void tikaReadsTheSameMetadataFromTheHeadWithoutScriptAndStyleContents() throws Exception {
    assertThat(tikaMetadata(ArticleParser.withoutScriptBodies(HEAD))).isEqualTo(tikaMetadata(HEAD))
        .containsEntry("dc:title", "Harbour plan approved | Daily Example").containsKey("description");
  }

  private static Map<String, String> tikaMetadata(String head) throws Exception {
    Metadata metadata = new Metadata();
    new JSoupParser().parse(new ByteArrayInputStream((head + "</head><body></body></html>").getBytes(StandardCharsets.UTF_8)),
        new DefaultHandler(), metadata, new ParseContext());
    Map<String, String> out = new TreeMap<>();
    for (String name : metadata.names()) {
      out.put(name, String.join("|", metadata.getValues(name)));
    }
    return out;
  }
}
