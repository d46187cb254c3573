package io.newsflow.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Extraction;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import io.newsflow.extract.testing.Fixtures;
import io.newsflow.extract.internal.ExternalRefs;
import io.newsflow.extract.internal.ParserSetup;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import javax.imageio.ImageIO;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Clock;
import java.util.Arrays;
import java.util.Set;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.apache.poi.xwpf.usermodel.XWPFParagraph;
import org.openxmlformats.schemas.wordprocessingml.x2006.main.STFldCharType;
import org.apache.tika.exception.TikaException;
import org.apache.tika.extractor.EmbeddedDocumentUtil;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.mime.MediaType;
import org.apache.tika.parser.AbstractParser;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;
import org.apache.tika.sax.XHTMLContentHandler;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ParserOptions} switch on (OCR, macros), and what newsflow keeps of parts it does not index. */
class ParserOptionsExtractionTest {

  private static final ExtractionConfig IN_PROCESS =
      ExtractionConfig.defaults().withIsolation(ExtractionConfig.Isolation.IN_PROCESS);

  @TempDir
  Path dir;

  @Test
  void aMacroBecomesAnEmbeddedDocumentOnlyWhenMacrosAreSwitchedOn() throws IOException {
    Path fodt = Files.writeString(dir.resolve("memo.fodt"), flatOpenDocumentWithMacro(), StandardCharsets.UTF_8);

    Extraction plain = extract(IN_PROCESS, fodt);
    Extraction withMacros = extract(IN_PROCESS.withParsers(ParserOptions.defaults().withMacros(true)), fodt);

    assertThat(plain.document().text()).contains("Staff meeting moved to Friday");
    assertThat(plain.children()).isEmpty();
    assertThat(withMacros.children()).singleElement().satisfies(macro -> {
      assertThat(macro.text()).contains("Shell(\"calc.exe\")");
      assertThat(macro.embedded().parent()).isEqualTo(withMacros.document().id());
    });
    // The code is a document of its own, never glued onto the memo's text.
    assertThat(withMacros.document().text()).doesNotContain("calc.exe");
  }

  @Test
  void anImageOfTextIsEmptyWithoutOcr() throws IOException {
    Path png = textImage(dir.resolve("notice.png"), "HARBOUR BRIDGE CLOSED");

    // Off by default even where Tesseract is installed: nothing changes until an operator asks.
    Outcome<Extraction> outcome;
    try (TikaExtractor extractor = new TikaExtractor(IN_PROCESS)) {
      outcome = extractor.extractAll(source(png));
    }

    assertThat(outcome).isInstanceOfSatisfying(Outcome.Rejected.class,
        r -> assertThat(r.reason()).isEqualTo(FailureReason.EMPTY));
  }

  @Test
  void anImageOfTextIsReadWhenOcrIsOn() throws IOException {
    assumeTrue(ParserSetup.tesseractAvailable(),
        "tesseract is not installed (apt-get install tesseract-ocr); OCR itself is not tested here");
    Path png = textImage(dir.resolve("notice.png"), "HARBOUR BRIDGE CLOSED");

    Extraction extraction = extract(IN_PROCESS.withParsers(ParserOptions.defaults().withOcr(ParserOptions.Ocr.ON)), png);

    assertThat(extraction.document().text()).contains("HARBOUR BRIDGE CLOSED");
  }

  @Test
  void anArchiveEntryThatCannotBeReadLeavesAWarningOnTheArchive() throws IOException {
    Path zip = dir.resolve("bundle.zip");
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream out = new ZipOutputStream(bytes)) {
      stored(out, "notes.txt", "The council meets on Tuesday.");
      stored(out, "secret.txt", "flagged as encrypted, which no reader can open without a password");
    }
    Files.write(zip, flagEncrypted(bytes.toByteArray(), "secret.txt"));

    Extraction extraction = extract(IN_PROCESS, zip);

    assertThat(extraction.children()).extracting(ExtractedDocument::text).containsExactly("The council meets on Tuesday.");
    assertThat(extraction.document().metadata().get(TikaExtractor.WARNING_KEY))
        .contains("parts not read").contains("secret.txt").contains("encrypted");
  }

  @Test
  void aThumbnailIsListedWithItsTypeButNotIndexedEvenWithTextAndAPictureWithItsOriginalName() throws IOException {
    Path docx = Files.writeString(dir.resolve("report.txt"), "Quarterly figures for the port authority.");
    // Stands in for an office parser that hands over the file's thumbnail, as Tika's do, with the
    // garbled text OCR reads from a picture of a page.
    Parser real = new AutoDetectParser();
    Parser withThumbnail = new AbstractParser() {
      @Override
      public Set<MediaType> getSupportedTypes(ParseContext context) {
        return real.getSupportedTypes(context);
      }

      @Override
      public void parse(InputStream in, ContentHandler handler, Metadata metadata, ParseContext context)
          throws IOException, SAXException, TikaException {
        String embeddedType = metadata.get(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE);
        if (embeddedType != null) {
          XHTMLContentHandler xhtml = new XHTMLContentHandler(handler, metadata);
          xhtml.startDocument();
          if (embeddedType.equals(TikaCoreProperties.EmbeddedResourceType.THUMBNAIL.name())) {
            xhtml.element("p", "Ouarterlv fiqures tor the p0rt");
          }
          xhtml.endDocument();
          return;
        }
        real.parse(in, handler, metadata, context);
        Metadata thumbnail = new Metadata();
        thumbnail.set(TikaCoreProperties.RESOURCE_NAME_KEY, "thumbnail.jpeg");
        thumbnail.set(Metadata.CONTENT_TYPE, "image/jpeg");
        thumbnail.set(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE,
            TikaCoreProperties.EmbeddedResourceType.THUMBNAIL.name());
        EmbeddedDocumentUtil.getEmbeddedDocumentExtractor(context).parseEmbedded(
            new ByteArrayInputStream(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}), handler, thumbnail, true);
        // And a picture placed in the document, as Word records it: the path it was inserted from.
        Metadata picture = new Metadata();
        picture.set(TikaCoreProperties.RESOURCE_NAME_KEY, "image1.jpeg");
        picture.set(Metadata.CONTENT_TYPE, "image/jpeg");
        picture.set(TikaCoreProperties.EMBEDDED_RESOURCE_TYPE, TikaCoreProperties.EmbeddedResourceType.INLINE.name());
        picture.set(TikaCoreProperties.ORIGINAL_RESOURCE_NAME, "C:\\Users\\ed\\Pictures\\quay.jpg");
        EmbeddedDocumentUtil.getEmbeddedDocumentExtractor(context).parseEmbedded(
            new ByteArrayInputStream(new byte[] {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF}), handler, picture, true);
      }
    };

    Extraction extraction;
    try (TikaExtractor extractor = new TikaExtractor(IN_PROCESS, Clock.systemUTC(), withThumbnail)) {
      Outcome<Extraction> outcome = extractor.extractAll(source(docx));
      assertThat(outcome).isInstanceOf(Outcome.Success.class);
      extraction = ((Outcome.Success<Extraction>) outcome).value();
    }

    assertThat(extraction.document().text()).contains("Quarterly figures");
    assertThat(extraction.children()).isEmpty();
    assertThat(extraction.document().metadata().get(TikaExtractor.EMBEDDED_WITHOUT_TEXT_KEY))
        .contains("thumbnail.jpeg (image/jpeg)")
        .contains("image1.jpeg (image/jpeg, from C:\\Users\\ed\\Pictures\\quay.jpg)");
  }

  @Test
  void textATrackedChangeDeletedIsReadOnlyWhenAskedFor() throws IOException {
    Path docx = dir.resolve("draft.docx");
    try (XWPFDocument word = new XWPFDocument(); OutputStream out = Files.newOutputStream(docx)) {
      XWPFParagraph p = word.createParagraph();
      p.createRun().setText("The minister said the budget was ");
      var deletion = p.getCTP().addNewDel();
      deletion.setId(java.math.BigInteger.ONE);
      deletion.setAuthor("Editor");
      deletion.addNewR().addNewDelText().setStringValue("a disaster");
      p.createRun().setText("under review.");
      word.write(out);
    }

    Extraction plain = extract(IN_PROCESS, docx);
    Extraction withChanges = extract(IN_PROCESS.withParsers(ParserOptions.defaults().withTrackedChanges(true)), docx);

    assertThat(plain.document().text()).contains("under review").doesNotContain("a disaster");
    assertThat(withChanges.document().text()).contains("under review").contains("a disaster");
  }

  @Test
  void whatAWordFileFetchesWhenOpenedIsKeptInItsMetadataNotItsText() throws IOException {
    Path docx = dir.resolve("invoice.docx");
    try (XWPFDocument word = new XWPFDocument(); OutputStream out = Files.newOutputStream(docx)) {
      word.createParagraph().createRun().setText("Please find the invoice attached.");
      // A field that loads a picture from a server when the file is opened: a tracking pixel.
      XWPFParagraph field = word.createParagraph();
      field.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.BEGIN);
      field.createRun().getCTR().addNewInstrText().setStringValue(" INCLUDEPICTURE \"http://tracker.example.com/p.png\" ");
      field.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.SEPARATE);
      field.createRun().setText("[logo]");
      field.createRun().getCTR().addNewFldChar().setFldCharType(STFldCharType.END);
      word.write(out);
    }

    Extraction extraction = extract(IN_PROCESS, docx);

    assertThat(extraction.document().metadata().get(ExternalRefs.KEY))
        .isEqualTo("INCLUDEPICTURE http://tracker.example.com/p.png");
    assertThat(extraction.document().text()).contains("Please find the invoice").doesNotContain("tracker.example.com");
  }

  private static String flatOpenDocumentWithMacro() {
    return """
        <?xml version="1.0" encoding="UTF-8"?>
        <office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
            xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
            xmlns:script="urn:oasis:names:tc:opendocument:xmlns:script:1.0"
            office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
          <office:scripts>
            <office:script script:language="ooo:Basic">
              <ooo:libraries xmlns:ooo="http://openoffice.org/2004/office">
                <ooo:library-embedded ooo:name="Standard">
                  <ooo:module ooo:name="AutoOpen">
                    <ooo:source-code>Sub Main
          Shell(&quot;calc.exe&quot;)
        End Sub
                    </ooo:source-code>
                  </ooo:module>
                </ooo:library-embedded>
              </ooo:libraries>
            </office:script>
          </office:scripts>
          <office:body>
            <office:text>
              <text:p>Staff meeting moved to Friday.</text:p>
            </office:text>
          </office:body>
        </office:document>
        """;
  }

  /** Adds a stored entry: sizes and CRC in the local header, no data descriptor after the data. */
  private static void stored(ZipOutputStream out, String name, String text) throws IOException {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    ZipEntry entry = new ZipEntry(name);
    entry.setMethod(ZipEntry.STORED);
    entry.setSize(data.length);
    entry.setCompressedSize(data.length);
    CRC32 crc = new CRC32();
    crc.update(data);
    entry.setCrc(crc.getValue());
    out.putNextEntry(entry);
    out.write(data);
    out.closeEntry();
  }

  /**
   * Sets the "encrypted" bit (bit 0 of the general purpose flags) of the entry {@code name} in a zip's
   * local and central headers (PKWARE APPNOTE 4.3.7 and 4.3.12): the Java zip API cannot write one.
   */
  private static byte[] flagEncrypted(byte[] zip, String name) {
    ByteBuffer b = ByteBuffer.wrap(zip).order(ByteOrder.LITTLE_ENDIAN);
    byte[] wanted = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i + 46 < zip.length; i++) {
      int signature = b.getInt(i);
      int nameAt = signature == 0x04034b50 ? i + 30 : signature == 0x02014b50 ? i + 46 : -1;
      int nameLength = signature == 0x04034b50 ? b.getShort(i + 26) : signature == 0x02014b50 ? b.getShort(i + 28) : 0;
      if (nameAt > 0 && nameLength == wanted.length
          && Arrays.equals(Arrays.copyOfRange(zip, nameAt, nameAt + nameLength), wanted)) {
        int flags = signature == 0x04034b50 ? i + 6 : i + 8;
        zip[flags] |= 1;
      }
    }
    return zip;
  }

  /** Writes black capitals on white, large enough for Tesseract's default model, as a PNG. */
  private static Path textImage(Path file, String line) throws IOException {
    BufferedImage image = new BufferedImage(900, 160, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    g.setColor(Color.BLACK);
    g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
    g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 56));
    g.drawString(line, 30, 100);
    g.dispose();
    ImageIO.write(image, "png", file.toFile());
    return file;
  }

  private static Extraction extract(ExtractionConfig config, Path file) {
    try (TikaExtractor extractor = new TikaExtractor(config)) {
      Outcome<Extraction> outcome = extractor.extractAll(source(file));
      assertThat(outcome).isInstanceOf(Outcome.Success.class);
      return ((Outcome.Success<Extraction>) outcome).value();
    }
  }

  private static SourceFile source(Path file) {
    return Fixtures.source(file, Instant.parse("2024-05-01T11:59:00Z"), "job-1");
  }
}
