package io.newsflow.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.extract.testing.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.mime.MediaType;
import org.apache.tika.mime.MimeTypes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MagicTableTest {

  @Test
  void everyRewriteFindsItsClauseInTikasTable() throws IOException {
    String xml;
    try (InputStream in = MimeTypes.class.getClassLoader().getResourceAsStream(MagicTable.RESOURCE)) {
      xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    // A Tika upgrade that changes a clause leaves it Tika's own, silently: this says so, so the rewrite is re-checked.
    for (Map.Entry<String, String> r : MagicTable.REWRITES.entrySet()) {
      assertThat(xml).contains(r.getKey());
      assertThat(MagicTable.rewrite(xml)).contains(r.getValue()).doesNotContain(r.getKey() + "\n");
    }
  }

  @Test
  void illustratorPostScriptIsStillFoundWhereverItsMarkerSits() throws IOException {
    for (int at : new int[] {0, 1, 500, 8150, 8172}) {
      for (String marker : List.of("\n%AI5_FileFormat 3\r", "\r%AI5_FileFormat 1\n", "\n%AI5_FileFormat 4\n")) {
        byte[] data = new byte[8192];
        Arrays.fill(data, (byte) 'x');
        byte[] m = marker.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(m, 0, data, at, m.length);
        assertThat(detect(MagicTable.mimeTypes(), data)).as("marker at %d", at)
            .isEqualTo(detect(MimeTypes.getDefaultMimeTypes(), data))
            .isEqualTo(MediaType.application("illustrator+ps"));
      }
    }
  }

  @Test
  void detectsWhatTikasOwnTableDetects(@TempDir Path dir) throws IOException {
    List<byte[]> samples = new ArrayList<>();
    samples.add("%AI5_FileFormat 3\nnot at a line start".getBytes(StandardCharsets.US_ASCII));
    samples.add("x\n%AI5_FileFormat 5\nwrong version".getBytes(StandardCharsets.US_ASCII));
    samples.add("%!PS-Adobe-3.0\n%%Creator: Adobe Illustrator\n%AI5_FileFormat 3\n".getBytes(StandardCharsets.US_ASCII));
    samples.add("<!DOCTYPE html><html><head><title>t</title></head><body>x</body></html>".getBytes(StandardCharsets.UTF_8));
    samples.add("GIF89a animations are back, says the article.".getBytes(StandardCharsets.UTF_8));
    samples.add("%PDF-1.7\n%âãÏÓ\n".getBytes(StandardCharsets.ISO_8859_1));
    samples.add("From: a@example.org\nSubject: hi\n\nbody".getBytes(StandardCharsets.US_ASCII));
    samples.add(new byte[0]);
    for (Path file : List.of(Fixtures.writePdf(dir.resolve("a.pdf"), "Title", "Body text."),
        Fixtures.writeDocx(dir.resolve("a.docx"), "Title", "Body text."),
        Fixtures.writeHtml(dir.resolve("a.html"), "Title", "Jane Doe", "Body text."),
        Fixtures.writeMail(dir.resolve("a.eml"), "Subject", "Body", "x.txt", "attached".getBytes(StandardCharsets.UTF_8)),
        Fixtures.writeZip(dir.resolve("a.zip"), Map.of("x.txt", "zipped".getBytes(StandardCharsets.UTF_8))),
        Fixtures.writeEncryptedPdf(dir.resolve("e.pdf"), "Title", "Body", "secret"))) {
      samples.add(Files.readAllBytes(file));
    }
    samples.add(Fixtures.NEWS_PAGE.getBytes(StandardCharsets.UTF_8));
    for (byte[] data : samples) {
      assertThat(detect(MagicTable.mimeTypes(), data))
          .as(new String(data, 0, Math.min(40, data.length), StandardCharsets.ISO_8859_1))
          .isEqualTo(detect(MimeTypes.getDefaultMimeTypes(), data));
    }
  }

  @Test
  void everyGuardFindsItsClauseOnceAndNestsIt() throws IOException {
    String xml = tikasTable();
    String rewritten = MagicTable.rewrite(xml);
    for (MagicTable.Guard g : MagicTable.GUARDS) {
      assertThat(xml.indexOf(g.at())).as(g.at()).isNotNegative().isEqualTo(xml.lastIndexOf(g.at()));
      assertThat(MagicTable.guard(xml, g)).as(g.at()).isNotEqualTo(xml).contains(g.test());
    }
    // Each guard adds one opening and one closing tag, nothing else.
    assertThat(count(rewritten, "<match ") - count(xml, "<match ")).isEqualTo(MagicTable.GUARDS.size() + MagicTable.REWRITES.size());
    assertThat(count(rewritten, "</match>") - count(xml, "</match>")).isEqualTo(MagicTable.GUARDS.size() + MagicTable.REWRITES.size());
  }

  @Test
  void aGuardEndsAfterItsWholeElement() {
    String xml = "<magic><match value=\"a>b\" type=\"regex\" offset=\"0\"><!-- <match --><match value=\"x\"/>"
        + "<match value=\"y\"><match value=\"z\"/></match></match><match value=\"next\"/></magic>";
    String guarded = MagicTable.guard(xml, new MagicTable.Guard("<match value=\"a>b\"", "<G>"));

    assertThat(guarded).isEqualTo("<magic><G><match value=\"a>b\" type=\"regex\" offset=\"0\"><!-- <match --><match value=\"x\"/>"
        + "<match value=\"y\"><match value=\"z\"/></match></match></match><match value=\"next\"/></magic>");
    assertThat(MagicTable.guard(xml, new MagicTable.Guard("<match value=\"next\"", "<G>")))
        .endsWith("<G><match value=\"next\"/></match></magic>");
    assertThat(MagicTable.guard(xml, new MagicTable.Guard("value=", "<G>"))).as("not unique").isEqualTo(xml);
    assertThat(MagicTable.guard(xml, new MagicTable.Guard("absent", "<G>"))).isEqualTo(xml);
  }

  @Test
  void theMagicsKeepTikasOrderTypeByType() throws Exception {
    // Tika sorts the magics of one priority by size, and a guard adds to a clause's size: the order of the types must
    // not change, since Tika returns the types of all matches of the first matching priority, in this order.
    assertThat(order(MagicTable.mimeTypes())).isEqualTo(order(MimeTypes.getDefaultMimeTypes())).hasSizeGreaterThan(800);
  }

  @Test
  void guardedTypesAreStillDetectedAsTikaDetectsThem() throws IOException {
    List<byte[]> samples = new ArrayList<>();
    for (String s : List.of("JAVA PROFILE 1.0.2\0rest", "JAVA PROFILE 1.0.1,x", "JAVA PROFILE x", "\r\n\u00ff\u00fbxx",
        "\0\0\0\u00ff\u00fb..", "\0\0ID3", "X-Mailer: x\nDate: today\n", "DKIM-Signature: a\nFrom: b\n", "ARC-x\nReceived: y",
        "<html><body>x", "<HEAD >", "<Title>t</title>", "<div>d</div>", "<h2>x</h2>", "<H1 >", "<h4>", "<body", "\u000babcdefghij"
            + "x".repeat(43) + "\u000b\0", "00042cam a2200025 45 0", "DC\0\u0001", "\r" + "x".repeat(51) + "\u000c\0\r\0\u000e",
        "FCS3.0    ", "FCS3.", "function foo = bar", "function y\n", "P4\n1 1\n", "P5 2 2", "P6\r", "BZh91AY", "BZh0",
        "\u00ff\u00f1" + "x".repeat(300) + "\u00ff\u00f1", "Content-Type: text/plain\nFrom: a", "\u00ef\u00bb\u00bfFrom: a\nDate: b",
        "From: a\nSubject: b\n", "subject: x\nFROM: y", "user-agent: *\ndisallow: /")) {
      samples.add(s.getBytes(StandardCharsets.ISO_8859_1));
    }
    for (byte[] data : samples) {
      assertThat(detect(MagicTable.mimeTypes(), data))
          .as(new String(data, StandardCharsets.ISO_8859_1))
          .isEqualTo(detect(MimeTypes.getDefaultMimeTypes(), data));
    }
    assertThat(detect(MagicTable.mimeTypes(), samples.get(0))).isEqualTo(MediaType.application("vnd.java.hprof"));
    assertThat(detect(MagicTable.mimeTypes(), samples.get(3))).isEqualTo(MediaType.audio("mpeg"));
    assertThat(detect(MagicTable.mimeTypes(), samples.get(6))).isEqualTo(MediaType.parse("message/rfc822"));
    assertThat(detect(MagicTable.mimeTypes(), "<h2>x</h2>".getBytes(StandardCharsets.US_ASCII))).isEqualTo(MediaType.TEXT_HTML);
  }

  @Test
  void randomStartsAreDetectedAsTikaDetectsThem() throws IOException {
    String[] pieces = {"<", ">", "h1", "H2 ", "html", "HEAD", " ", "\n", "\r\n", "\0", "\u00ff", "\u00fb", "\u00f1", "ID3", "X-",
        "DKIM-", "ARC-", "Date: ", "From: ", "Subject: ", "To: ", "\u00ef\u00bb\u00bf", "JAVA PROFILE ", "1.0.2", ",", "P4", "P5",
        "P6", "BZh", "9", "FCS", "3.0    ", "function ", "f", " =", "DC", "\u0001", "\u000b", "\u000c", "\u000e", "0", "12345",
        "45", "user-agent:", "disallow:", "title", "div", "body", "x"};
    java.util.Random random = new java.util.Random(6);
    for (int n = 0; n < 1_500; n++) {
      StringBuilder s = new StringBuilder();
      for (int k = random.nextInt(12); k >= 0; k--) {
        s.append(pieces[random.nextInt(pieces.length)]);
      }
      if (random.nextBoolean()) {
        s.append("y".repeat(random.nextInt(200)));
      }
      byte[] data = s.toString().getBytes(StandardCharsets.ISO_8859_1);
      assertThat(detect(MagicTable.mimeTypes(), data)).as(s.toString()).isEqualTo(detect(MimeTypes.getDefaultMimeTypes(), data));
    }
  }

  private static List<String> order(MimeTypes types) throws Exception {
    java.lang.reflect.Field field = MimeTypes.class.getDeclaredField("magics");
    field.setAccessible(true);
    List<String> order = new ArrayList<>();
    for (Object magic : (List<?>) field.get(types)) {
      java.lang.reflect.Method type = magic.getClass().getDeclaredMethod("getType");
      java.lang.reflect.Method priority = magic.getClass().getDeclaredMethod("getPriority");
      type.setAccessible(true);
      priority.setAccessible(true);
      order.add(priority.invoke(magic) + " " + type.invoke(magic));
    }
    return order;
  }

  private static String tikasTable() throws IOException {
    try (InputStream in = MimeTypes.class.getClassLoader().getResourceAsStream(MagicTable.RESOURCE)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int count(String s, String part) {
    int n = 0;
    for (int i = s.indexOf(part); i >= 0; i = s.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  private static MediaType detect(MimeTypes types, byte[] data) throws IOException {
    return types.detect(new ByteArrayInputStream(data), new Metadata());
  }
}
