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

  /** What kind of corpus to write. */
  public enum Profile {
    /** Small pages and documents (about 5 KB each): the first benchmark's corpus. */
    LIGHT,
    /**
     * Sizes like a news archive's: HTML pages with a real site's inline scripts, styles, JSON-LD and
     * menus (about 45 KB), text (about 4 KB), multi-page PDF reports (about 35 KB), DOCX (about 12 KB).
     * 3,200 files come to about 100 MB.
     */
    NEWS_ARCHIVE,
    /** One short text file each (under 1 KB): trees of 100,000+ files for memory tests. */
    TINY
  }

  /** Writes {@code count} files of the {@link Profile#LIGHT} profile; see {@link #generate(Path, int, Profile)}. */
  public List<Path> generate(Path dir, int count) throws IOException {
    return generate(dir, count, Profile.LIGHT);
  }

  /**
   * Writes {@code count} files under {@code dir} (in subfolders of 500) and returns their paths. For
   * {@link Profile#TINY} it returns an empty list, so a huge tree is not held in memory.
   */
  public List<Path> generate(Path dir, int count, Profile profile) throws IOException {
    List<Path> files = new ArrayList<>(profile == Profile.TINY ? 0 : count);
    boolean heavy = profile == Profile.NEWS_ARCHIVE;
    for (int i = 0; i < count; i++) {
      Path folder = dir.resolve(String.format("batch-%03d", i / 500));
      if (i % 500 == 0) {
        Files.createDirectories(folder);
      }
      if (profile == Profile.TINY) {
        Article a = article(i);
        Files.writeString(folder.resolve("note-" + i + ".txt"), a.title + "\n\n" + a.paragraphs.get(0) + "\n");
        continue;
      }
      Article a = heavy ? longer(article(i)) : article(i);
      int kind = i % 20;
      Path file;
      if (kind < 10) {
        file = Files.writeString(folder.resolve("article-" + i + ".html"), heavy ? heavyHtml(a, i) : html(a));
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

  /** Gives an article two to three times the paragraphs: archive documents are longer than snippets. */
  private Article longer(Article a) {
    List<String> paragraphs = new ArrayList<>(a.paragraphs);
    int extra = paragraphs.size() + random.nextInt(paragraphs.size() + 1);
    for (int p = 0; p < extra; p++) {
      StringBuilder sb = new StringBuilder();
      for (int s = 0; s < 3 + random.nextInt(3); s++) {
        sb.append(pick(FILLER)).append(' ');
      }
      paragraphs.add(sb.toString().trim());
    }
    return new Article(a.title, a.author, a.date, paragraphs);
  }

  /**
   * Wraps the article in what a real news site sends: a long inline script (analytics, consent,
   * ads), inline CSS, JSON-LD, a mega-menu, a cookie banner, related and most-read lists and a
   * large footer: about 45 KB, of which the article is a few KB.
   */
  private String heavyHtml(Article a, int i) {
    String page = html(a);
    StringBuilder head = new StringBuilder(48 * 1024);
    head.append("<script type=\"application/ld+json\">{\"@context\":\"https://schema.org\",\"@type\":\"NewsArticle\",\"headline\":\"")
        .append(a.title).append("\",\"datePublished\":\"").append(a.date).append("T08:00:00Z\",\"author\":{\"@type\":\"Person\",\"name\":\"")
        .append(a.author).append("\"}}</script><script>");
    for (int k = 0; k < 200; k++) {
      head.append("window.__cfg").append(k).append("={slot:'div-gpt-ad-").append(i).append('-').append(k)
          .append("',sizes:[[300,250],[728,90]],targeting:{section:'news',pos:").append(k)
          .append("},consent:function(c){return c&&c.purposes&&c.purposes[").append(k % 10).append("]}};");
    }
    head.append("</script><style>");
    for (int k = 0; k < 240; k++) {
      head.append(".c").append(k).append("{margin:0 ").append(k % 7).append("px;padding:").append(k % 5)
          .append("px;color:#").append(String.format("%06x", k * 4099 % 0xffffff)).append(";font-size:").append(12 + k % 9).append("px}");
    }
    head.append("</style>");
    StringBuilder menu = new StringBuilder(16 * 1024);
    menu.append("<div class=\"cookie\">We use cookies to personalise content and ads. <button>Accept all</button></div><nav class=\"mega\">");
    for (String section : new String[] {"News", "Politics", "Business", "Sport", "Culture", "Opinion", "Travel", "Science"}) {
      menu.append("<div><h3>").append(section).append("</h3><ul>");
      for (String place : PLACES) {
        menu.append("<li><a href=\"/").append(section.toLowerCase()).append('/').append(place.toLowerCase().replace(' ', '-'))
            .append("\">").append(place).append(' ').append(section).append("</a></li>");
      }
      menu.append("</ul></div>");
    }
    menu.append("</nav>");
    StringBuilder tail = new StringBuilder(8 * 1024);
    tail.append("<section class=\"most-read\"><h2>Most read</h2><ol>");
    for (int r = 0; r < 10; r++) {
      tail.append("<li><a href=\"/news/mr-").append(r).append("\">").append(pick(PLACES)).append(' ').append(pick(VERBS)).append(' ')
          .append(pick(TOPICS)).append(" plan</a></li>");
    }
    tail.append("</ol></section><div class=\"newsletter\">Sign up for the morning briefing: the news you need, every weekday.</div>");
    return page.replace("</head>", head + "</head>").replace("<header>", menu + "<header>").replace("<footer>", tail + "<footer>");
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
