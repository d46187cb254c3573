package io.newsflow.extract.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Writes small documents with a known title and text, for tests of anything that reads files.
 * Published in this module's {@code test-jar}; depend on it with
 * {@code <type>test-jar</type><scope>test</scope>}.
 *
 * <p>In every format the title goes into the document's metadata only, not into its text, so a test
 * can tell the two apart. Lines of {@code body} (separated by {@code \n}) become lines or
 * paragraphs. Each method creates or overwrites {@code file} and returns it; an I/O error is thrown
 * as {@link UncheckedIOException}. Thread-safe.
 */
public final class Fixtures {

  // A4 at 11 pt Helvetica with 14 pt leading: 50 lines of at most 90 characters fit between
  // 50 pt margins.
  private static final int PDF_LINES_PER_PAGE = 50;
  private static final int PDF_CHARS_PER_LINE = 90;

  private Fixtures() {}

  /** Returns {@code file} as the importer would hand it over: its size and time, seen at {@code seenAt} by job {@code jobId}. */
  public static io.newsflow.api.SourceFile source(Path file, Instant seenAt, String jobId) {
    try {
      return new io.newsflow.api.SourceFile(file.toUri(), file, Files.size(file), Files.getLastModifiedTime(file).toInstant(),
          seenAt, jobId);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a PDF whose document information carries {@code title} and whose pages show {@code body}.
   * Long lines are wrapped at word boundaries; pages are added as needed.
   *
   * @param body text in the WinAnsi (Windows-1252) repertoire, the only one the standard Helvetica
   *     font can show; other characters make PDFBox throw {@link IllegalArgumentException}
   */
  public static Path writePdf(Path file, String title, String body) {
    List<String> lines = wrap(body, PDF_CHARS_PER_LINE);
    PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
    try (PDDocument pdf = new PDDocument()) {
      pdf.getDocumentInformation().setTitle(title);
      for (int first = 0; first < Math.max(lines.size(), 1); first += PDF_LINES_PER_PAGE) {
        PDPage page = new PDPage(PDRectangle.A4);
        pdf.addPage(page);
        try (PDPageContentStream content = new PDPageContentStream(pdf, page)) {
          content.beginText();
          content.setFont(font, 11);
          content.setLeading(14);
          content.newLineAtOffset(50, PDRectangle.A4.getHeight() - 50);
          for (String line : lines.subList(first, Math.min(first + PDF_LINES_PER_PAGE, lines.size()))) {
            content.showText(line);
            content.newLine();
          }
          content.endText();
        }
      }
      pdf.save(file.toFile());
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a Word document whose core properties carry {@code title}, one paragraph per body line. */
  public static Path writeDocx(Path file, String title, String body) {
    try (XWPFDocument docx = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
      docx.getProperties().getCoreProperties().setTitle(title);
      for (String line : body.split("\n", -1)) {
        docx.createParagraph().createRun().setText(line);
      }
      docx.write(out);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a UTF-8 HTML page with {@code title} in {@code <title>}, {@code author} in
   * {@code <meta name="author">} (left out when {@code null}) and one {@code <p>} per body line.
   */
  public static Path writeHtml(Path file, String title, String author, String body) {
    StringBuilder html = new StringBuilder()
        .append("<!DOCTYPE html>\n<html>\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<title>").append(escape(title)).append("</title>\n");
    if (author != null) {
      html.append("<meta name=\"author\" content=\"").append(escape(author)).append("\">\n");
    }
    html.append("</head>\n<body>\n");
    for (String line : body.split("\n", -1)) {
      html.append("<p>").append(escape(line)).append("</p>\n");
    }
    html.append("</body>\n</html>\n");
    try {
      return Files.writeString(file, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> wrap(String body, int width) {
    List<String> lines = new ArrayList<>();
    for (String paragraph : body.split("\n", -1)) {
      StringBuilder line = new StringBuilder();
      for (String word : paragraph.split(" ")) {
        if (line.length() > 0 && line.length() + 1 + word.length() > width) {
          lines.add(line.toString());
          line.setLength(0);
        }
        if (line.length() > 0) {
          line.append(' ');
        }
        line.append(word);
      }
      lines.add(line.toString());
    }
    return lines;
  }

  /**
   * Writes an RFC 822 e-mail with a plain-text body, the same body as HTML alternative, and
   * {@code attachment} attached under {@code attachmentName} (base64), as mail clients send them.
   */
  public static Path writeMail(Path file, String subject, String body, String attachmentName, byte[] attachment) {
    String b64 = java.util.Base64.getMimeEncoder(76, "\r\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(attachment);
    String mail = String.join("\r\n",
        "From: Ana Ruiz <ana@courier.example>",
        "To: desk@courier.example",
        "Subject: " + subject,
        "Date: Mon, 4 Mar 2024 09:30:00 +0100",
        "Message-ID: <fixture-1@courier.example>",
        "MIME-Version: 1.0",
        "Content-Type: multipart/mixed; boundary=\"outer\"",
        "",
        "--outer",
        "Content-Type: multipart/alternative; boundary=\"alt\"",
        "",
        "--alt",
        "Content-Type: text/plain; charset=UTF-8",
        "",
        body,
        "--alt",
        "Content-Type: text/html; charset=UTF-8",
        "",
        "<html><body><p>" + escape(body) + "</p></body></html>",
        "--alt--",
        "--outer",
        "Content-Type: application/pdf; name=\"" + attachmentName + "\"",
        "Content-Disposition: attachment; filename=\"" + attachmentName + "\"",
        "Content-Transfer-Encoding: base64",
        "",
        b64,
        "--outer--",
        "");
    try {
      return Files.writeString(file, mail, StandardCharsets.US_ASCII);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a zip holding {@code entries} (name to bytes), in order; a value that is itself a zip
   * makes a nested container.
   */
  public static Path writeZip(Path file, java.util.Map<String, byte[]> entries) {
    try (java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(Files.newOutputStream(file))) {
      for (java.util.Map.Entry<String, byte[]> e : entries.entrySet()) {
        zip.putNextEntry(new java.util.zip.ZipEntry(e.getKey()));
        zip.write(e.getValue());
        zip.closeEntry();
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a zip ({@code outer.zip}) holding {@code inner.zip} holding an e-mail ({@code report.eml})
   * whose attachment is a PDF ({@code figures.pdf}) with title {@code pdfTitle} and text
   * {@code pdfBody}; the mail's body is {@code mailBody}.
   */
  public static Path writeNestedZipWithMailWithPdf(Path file, String mailBody, String pdfTitle, String pdfBody) {
    try {
      Path dir = Files.createTempDirectory("newsflow-fixture-");
      try {
        byte[] pdf = Files.readAllBytes(writePdf(dir.resolve("figures.pdf"), pdfTitle, pdfBody));
        byte[] mail = Files.readAllBytes(writeMail(dir.resolve("report.eml"), "Quarterly figures", mailBody,
            "figures.pdf", pdf));
        java.util.Map<String, byte[]> inner = new java.util.LinkedHashMap<>();
        inner.put("report.eml", mail);
        byte[] innerZip = Files.readAllBytes(writeZip(dir.resolve("inner.zip"), inner));
        java.util.Map<String, byte[]> outer = new java.util.LinkedHashMap<>();
        outer.put("inner.zip", innerZip);
        return writeZip(file, outer);
      } finally {
        try (var files = Files.list(dir)) {
          for (Path p : files.toList()) {
            Files.deleteIfExists(p);
          }
        }
        Files.deleteIfExists(dir);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes {@code plain} (a PDF) encrypted with user password {@code password} (AES-256). */
  public static Path writeEncryptedPdf(Path file, String title, String body, String password) {
    try {
      Path plain = Files.createTempFile("newsflow-fixture-", ".pdf");
      try {
        writePdf(plain, title, body);
        try (PDDocument pdf = org.apache.pdfbox.Loader.loadPDF(plain.toFile())) {
          org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy policy =
              new org.apache.pdfbox.pdmodel.encryption.StandardProtectionPolicy(password + "-owner", password,
                  new org.apache.pdfbox.pdmodel.encryption.AccessPermission());
          policy.setEncryptionKeyLength(256);
          pdf.protect(policy);
          pdf.save(file.toFile());
        }
        return file;
      } finally {
        Files.deleteIfExists(plain);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }

  /**
   * A news page as CMSs write them: menu, article, share bar, related links, comments, footer. The
   * article says "rivets"; the boilerplate says "timetable", "outlook", "cookies" and "reserved".
   */
  public static final String NEWS_PAGE = """
      <!DOCTYPE html>
      <html lang="en-GB"><head>
        <title>Harbour bridge reopens after repairs | The Coastal Courier</title>
        <meta property="og:site_name" content="The Coastal Courier">
        <meta property="og:image" content="https://courier.example/img/bridge.jpg">
        <meta property="article:section" content="Local">
        <meta property="article:modified_time" content="2024-03-05T08:00:00+01:00">
        <link rel="canonical" href="https://courier.example/local/harbour-bridge-reopens">
        <script type="application/ld+json">
          {"@context": "https://schema.org", "@graph": [
            {"@type": "WebSite", "name": "The Coastal Courier"},
            {"@type": "NewsArticle", "headline": "Harbour bridge reopens after repairs",
             "datePublished": "2024-03-04T09:30:00+01:00",
             "author": [{"@type": "Person", "name": "Ana Ruiz"}, {"@type": "Person", "name": "Tom Berg"}]}]}
        </script>
      </head><body>
        <header class="site-header"><a href="/">The Coastal Courier</a>
          <nav class="main-menu"><ul><li><a href="/local">Local</a></li><li><a href="/sport">Sport</a></li>
          <li><a href="/weather">Weather outlook for the weekend</a></li></ul></nav></header>
        <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies?</div>
        <main>
          <article>
            <h1>Harbour bridge reopens after repairs</h1>
            <div class="entry-content">
              <p>The old harbour bridge reopened to traffic on Monday morning after eight months of repairs
                 to its steel deck, the city council said in a statement.</p>
              <p>Engineers replaced more than four hundred rivets and repainted the whole span in its
                 original green, a colour chosen by the bridge's designer in 1911.</p>
              <p>Commuters who had taken a twenty-minute detour through the industrial estate welcomed the
                 reopening. "It gives me back half an hour a day," said one cyclist, <a href="https://example.org/cycling">a member of
                 the local cycling club</a>.</p>
              <p>The council expects the next inspection in five years and has set aside funds for it.</p>
              <div class="share-buttons"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
            </div>
          </article>
          <section class="related-posts"><h2>Related articles</h2><ul>
            <li><a href="/a">Ferry timetable changes from April</a></li>
            <li><a href="/b">New car park planned near the station</a></li></ul></section>
          <div id="comments" class="comments-area"><h3>3 comments</h3>
            <p>Great news, finally the bridge is open again, I have waited so long for this.</p></div>
        </main>
        <aside class="sidebar"><h3>Most read</h3><p>Storm warning for the coast tonight.</p></aside>
        <footer class="site-footer"><p>Copyright 2024 The Coastal Courier. All rights reserved.</p></footer>
      </body></html>
      """;
}
