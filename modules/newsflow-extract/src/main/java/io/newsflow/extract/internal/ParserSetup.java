package io.newsflow.extract.internal;

import io.newsflow.extract.ExtractionConfig;
import io.newsflow.extract.ParserOptions;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes the {@code <parsers>} section of newsflow's Tika configuration from {@link ParserOptions}:
 * Tika's default parsers, with Tesseract switched off or configured, Word and PowerPoint files read by
 * the streaming extractors, the office, OpenDocument and PDF parsers reading macros when asked, and the
 * Word parsers reading tracked deletions when asked. Stateless.
 */
public final class ParserSetup {

  // Tika's DefaultParser, but building its type map once per parse (see CachingDefaultParser).
  static final String DEFAULT_PARSER = CachingDefaultParser.class.getName();
  static final String TESSERACT = "org.apache.tika.parser.ocr.TesseractOCRParser";
  static final String PDF = "org.apache.tika.parser.pdf.PDFParser";
  // The OLE2 (doc, xls, ppt) and OOXML (docx, xlsx, pptx) parsers share AbstractOfficeParser's options.
  static final String OFFICE = "org.apache.tika.parser.microsoft.OfficeParser";
  static final String OOXML = "org.apache.tika.parser.microsoft.ooxml.OOXMLParser";
  static final String OPEN_DOCUMENT = "org.apache.tika.parser.odf.OpenDocumentParser";
  // Flat (single-XML) OpenDocument: .fodt, .fods, .fodp.
  static final String FLAT_OPEN_DOCUMENT = "org.apache.tika.parser.odf.FlatOpenDocumentParser";

  private ParserSetup() {}

  /** Returns the {@code <parsers>} element for {@code config}. */
  static String xml(ExtractionConfig config) {
    ParserOptions options = config.parsers();
    // A parser configured on its own must leave DefaultParser, or Tika would hold two of it and use
    // the unconfigured one for some types.
    List<String> excluded = new ArrayList<>();
    StringBuilder configured = new StringBuilder();
    // Tika OCRs on its own whenever tesseract is on the path: off means the parser is gone.
    excluded.add(TESSERACT);
    if (options.ocr() == ParserOptions.Ocr.ON) {
      // One image never gets more time than a whole file (Tika's own default is 120 s).
      long seconds = Math.max(1, config.timeout().toSeconds());
      configured.append(parser(TESSERACT, param("language", "string", options.ocrLanguage()),
          param("timeout", "int", String.valueOf(Math.min(Integer.MAX_VALUE, seconds)))));
    }
    // Word and PowerPoint files through Tika's streaming (SAX) readers rather than POI's object model:
    // they hold one part in memory, not the whole document (a hostile .docx costs less heap), and
    // Tika 3.3's read more of the file: handout masters, content controls, picture names, numbered
    // list labels, and which kind each external reference is. Excel has a streaming reader already.
    excluded.add(OOXML);
    List<String> ooxml = new ArrayList<>(List.of(param("useSAXDocxExtractor", "bool", "true"),
        param("useSAXPptxExtractor", "bool", "true")));
    // The OLE2 parser (.doc, .xls, .ppt) is configured only when an option needs it.
    List<String> ole2 = new ArrayList<>();
    for (List<String> params : List.of(ooxml, ole2)) {
      if (options.macros()) {
        params.add(param("extractMacros", "bool", "true"));
      }
      if (options.trackedChanges()) {
        params.add(param("includeDeletedContent", "bool", "true"));
        params.add(param("includeMoveFromContent", "bool", "true"));
      }
    }
    configured.append(parser(OOXML, ooxml.toArray(String[]::new)));
    if (!ole2.isEmpty()) {
      excluded.add(OFFICE);
      configured.append(parser(OFFICE, ole2.toArray(String[]::new)));
    }
    if (options.macros()) {
      for (String office : List.of(OPEN_DOCUMENT, FLAT_OPEN_DOCUMENT)) {
        excluded.add(office);
        configured.append(parser(office, param("extractMacros", "bool", "true")));
      }
      // A PDF's JavaScript (document, page and form actions) is its macro code.
      excluded.add(PDF);
      configured.append(parser(PDF, param("extractActions", "bool", "true")));
    }
    StringBuilder xml = new StringBuilder("  <parsers>\n    <parser class=\"" + DEFAULT_PARSER + "\">\n");
    for (String e : excluded) {
      xml.append("      <parser-exclude class=\"").append(e).append("\"/>\n");
    }
    // newsflow's HTML parser last, so it wins text/html and application/xhtml+xml over Tika's JSoupParser, which stays in
    // DefaultParser: Tika's mail parser looks it up by class to write an HTML mail body inline.
    configured.append("    <parser class=\"").append(ArticleParser.class.getName()).append("\"/>\n");
    xml.append("    </parser>\n").append(configured).append("  </parsers>\n");
    return xml.toString();
  }

  private static String parser(String className, String... params) {
    return "    <parser class=\"" + className + "\">\n      <params>\n" + String.join("", params)
        + "      </params>\n    </parser>\n";
  }

  private static String param(String name, String type, String value) {
    return "        <param name=\"" + name + "\" type=\"" + type + "\">" + value + "</param>\n";
  }

  /**
   * Tells whether Tesseract runs here: {@code tesseract --version} on the path exits 0 within 10 s.
   * Blocks for as long as that takes.
   */
  public static boolean tesseractAvailable() {
    try {
      Process p = new ProcessBuilder("tesseract", "--version").redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!p.waitFor(10, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return false;
      }
      return p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
