package io.newsflow.bench;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.apache.poi.xwpf.usermodel.XWPFDocument;

/**
 * Writes a reproducible corpus of invented news in mixed formats: HTML pages wrapped in full site
 * boilerplate (50%), plain text (25%), multi-page PDF (15%) and DOCX (10%). The same seed gives the
 * same files. Not thread-safe.
 */
public final class CorpusGenerator {

  private static final String[] PLACES = {"Port Elwin", "Northgate", "Lakeside", "Varnholm", "Castelbrook", "Eastmere", "Tollan Bay", "Redmarsh"};
  private static final String[] PEOPLE = {"Tomas Reyvik", "Ilse Varga", "Mara Okonkwo", "Jonah Pell", "Anneli Strand", "Priya Raman", "Oskar Lind", "Nadia Ferro"};
  private static final String[] TOPICS = {"harbour", "railway", "council budget", "hospital", "school", "festival", "flood defences", "wind farm", "museum", "tram line"};
  private static final String[] VERBS = {"announced", "approved", "delayed", "opened", "criticised", "funded", "inspected", "expanded"};
  private static final String[] FILLER = {
      "Officials said the decision followed months of consultation with residents and local businesses.",
      "The project is expected to create several hundred jobs over the next three years.",
      "Opposition members questioned the cost and asked for an independent review.",
      "Residents who attended the meeting said they welcomed the plans but worried about traffic.",
      "A spokesperson declined to comment on the timetable, citing ongoing negotiations.",
      "The regional government will publish a detailed report before the end of the quarter.",
      "Engineers have completed a first survey and will return for further tests in the spring.",
      "Local newspapers had reported on the proposal since it was first discussed last year."};

  private final Random random;

  public CorpusGenerator(long seed) {
    this.random = new Random(seed);
  }

  /** Writes {@code count} files under {@code dir} (in subfolders of 500) and returns their paths. */
  public List<Path> generate(Path dir, int count) throws IOException {
    List<Path> files = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Path folder = Files.createDirectories(dir.resolve(String.format("batch-%03d", i / 500)));
      Article a = article(i);
      int kind = i % 20;
      Path file;
      if (kind < 10) {
        file = Files.writeString(folder.resolve("article-" + i + ".html"), html(a));
      } else if (kind < 15) {
        file = Files.writeString(folder.resolve("article-" + i + ".txt"), a.title + "\n\n" + String.join("\n\n", a.paragraphs));
      } else if (kind < 18) {
        file = pdf(folder.resolve("report-" + i + ".pdf"), a);
      } else {
        file = docx(folder.resolve("memo-" + i + ".docx"), a);
      }
      files.add(file);
    }
    return files;
  }

  private record Article(String title, String author, LocalDate date, List<String> paragraphs) {}

  private Article article(int i) {
    String place = pick(PLACES);
    String topic = pick(TOPICS);
    String person = pick(PEOPLE);
    String title = place + " " + pick(VERBS) + " " + topic + " plan (" + i + ")";
    List<String> paragraphs = new ArrayList<>();
    int n = 4 + random.nextInt(8);
    paragraphs.add(person + " said on Tuesday that the " + topic + " plan for " + place + " would go ahead after a vote of the council.");
    for (int p = 1; p < n; p++) {
      StringBuilder sb = new StringBuilder();
      for (int s = 0; s < 3 + random.nextInt(3); s++) {
        sb.append(pick(FILLER)).append(' ');
      }
      paragraphs.add(sb.toString().trim());
    }
    return new Article(title, person, LocalDate.of(2026, 1 + random.nextInt(12), 1 + random.nextInt(28)), paragraphs);
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static String html(Article a) {
    StringBuilder sb = new StringBuilder(8192);
    sb.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").append(a.title)
        .append(" | The Regional Courier</title><meta name=\"author\" content=\"").append(a.author)
        .append("\"><meta property=\"og:title\" content=\"").append(a.title)
        .append("\"><meta property=\"article:published_time\" content=\"").append(a.date).append("T08:00:00Z\">")
        .append("<script>window.dataLayer=[];function track(){}</script><style>body{font-family:serif}</style></head><body>");
    sb.append("<header><nav><ul>");
    for (String section : new String[] {"Home", "News", "Politics", "Business", "Sport", "Culture", "Opinion", "Weather", "Subscribe"}) {
      sb.append("<li><a href=\"/").append(section.toLowerCase()).append("\">").append(section).append("</a></li>");
    }
    sb.append("</ul></nav><div class=\"ad\">Advertisement: Save 50% on your first year</div></header><main><article><h1>")
        .append(a.title).append("</h1><p class=\"byline\">By ").append(a.author).append(", ").append(a.date).append("</p>");
    for (String p : a.paragraphs) {
      sb.append("<p>").append(p).append("</p>");
    }
    sb.append("</article><aside><h2>Related</h2><ul>");
    for (int r = 0; r < 6; r++) {
      sb.append("<li><a href=\"/news/").append(r).append("\">More regional news story number ").append(r).append("</a></li>");
    }
    sb.append("</ul></aside><section class=\"comments\"><h2>Comments</h2><p>Log in to comment.</p></section></main>")
        .append("<footer><p>© 2026 The Regional Courier. All rights reserved.</p><p>Contact | Privacy | Terms | Cookies</p></footer></body></html>");
    return sb.toString();
  }

  private static Path pdf(Path file, Article a) throws IOException {
    try (PDDocument doc = new PDDocument()) {
      PDDocumentInformation info = new PDDocumentInformation();
      info.setTitle(a.title);
      info.setAuthor(a.author);
      doc.setDocumentInformation(info);
      PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
      // Two paragraphs per page: multi-page reports like the ones newsrooms receive.
      for (int start = 0; start < a.paragraphs.size(); start += 2) {
        PDPage page = new PDPage();
        doc.addPage(page);
        try (PDPageContentStream out = new PDPageContentStream(doc, page)) {
          out.beginText();
          out.setFont(font, 11);
          out.setLeading(14);
          out.newLineAtOffset(50, 740);
          for (String paragraph : a.paragraphs.subList(start, Math.min(start + 2, a.paragraphs.size()))) {
            for (String line : wrap(paragraph, 95)) {
              out.showText(line);
              out.newLine();
            }
            out.newLine();
          }
          out.endText();
        }
      }
      doc.save(file.toFile());
    }
    return file;
  }

  private static Path docx(Path file, Article a) throws IOException {
    try (XWPFDocument doc = new XWPFDocument(); OutputStream out = Files.newOutputStream(file)) {
      doc.getProperties().getCoreProperties().setTitle(a.title);
      doc.getProperties().getCoreProperties().setCreator(a.author);
      doc.createParagraph().createRun().setText(a.title);
      for (String p : a.paragraphs) {
        doc.createParagraph().createRun().setText(p);
      }
      doc.write(out);
    }
    return file;
  }

  static List<String> wrap(String text, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split(" ")) {
      if (line.length() + word.length() + 1 > width && line.length() > 0) {
        lines.add(line.toString());
        line.setLength(0);
      }
      if (line.length() > 0) {
        line.append(' ');
      }
      line.append(word);
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }
}
