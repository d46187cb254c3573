package io.newsflow.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.newsflow.extract.ExtractionConfig;
import io.newsflow.extract.ParserOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.apache.tika.config.TikaConfig;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ParserSetupTest {

  @Test
  void byDefaultTesseractIsRemovedAndWordAndPowerPointAreReadByTheStreamingReaders() {
    String xml = ParserSetup.xml(ExtractionConfig.defaults());

    assertThat(xml).contains("<parser-exclude class=\"" + ParserSetup.TESSERACT + "\"/>")
        .doesNotContain("<parser class=\"" + ParserSetup.TESSERACT)
        .doesNotContain("extractMacros").doesNotContain("extractActions")
        .contains("<parser-exclude class=\"" + ParserSetup.OOXML + "\"/>")
        .contains("<param name=\"useSAXDocxExtractor\" type=\"bool\">true</param>")
        .contains("<param name=\"useSAXPptxExtractor\" type=\"bool\">true</param>");
  }

  @Test
  void ocrOnConfiguresTheLanguageAndNeverMoreTimeThanAWholeFile() {
    ExtractionConfig config = ExtractionConfig.defaults().withTimeout(Duration.ofSeconds(45))
        .withParsers(new ParserOptions(ParserOptions.Ocr.ON, "eng+deu", false, false));

    String xml = ParserSetup.xml(config);

    assertThat(xml).contains("<parser class=\"" + ParserSetup.TESSERACT + "\">")
        .contains("<param name=\"language\" type=\"string\">eng+deu</param>")
        .contains("<param name=\"timeout\" type=\"int\">45</param>");
  }

  @Test
  void macrosOnSwitchThemOnInEveryOfficeParserAndPdfActions() {
    String xml = ParserSetup.xml(ExtractionConfig.defaults().withParsers(ParserOptions.defaults().withMacros(true)));

    for (String parser : new String[] {ParserSetup.OFFICE, ParserSetup.OOXML, ParserSetup.OPEN_DOCUMENT,
        ParserSetup.FLAT_OPEN_DOCUMENT, ParserSetup.PDF}) {
      // Out of DefaultParser, or Tika would keep an unconfigured copy of it.
      assertThat(xml).contains("<parser-exclude class=\"" + parser + "\"/>").contains("<parser class=\"" + parser + "\">");
    }
    assertThat(xml).contains("<param name=\"extractMacros\" type=\"bool\">true</param>")
        .contains("<param name=\"extractActions\" type=\"bool\">true</param>");
    // One OOXML parser with both its options, not two competing copies.
    String ooxml = "<parser class=\"" + ParserSetup.OOXML + "\">";
    assertThat(xml.indexOf(ooxml)).isEqualTo(xml.lastIndexOf(ooxml));
    String ooxmlSection = xml.substring(xml.indexOf(ooxml), xml.indexOf("</parser>", xml.indexOf(ooxml)));
    assertThat(ooxmlSection).contains("useSAXDocxExtractor").contains("extractMacros");
  }

  @Test
  void trackedChangesOnReadDeletedAndMovedTextInBothWordParsers() {
    String xml = ParserSetup.xml(
        ExtractionConfig.defaults().withParsers(ParserOptions.defaults().withTrackedChanges(true)));

    for (String parser : new String[] {ParserSetup.OFFICE, ParserSetup.OOXML}) {
      String open = "<parser class=\"" + parser + "\">";
      assertThat(xml).contains("<parser-exclude class=\"" + parser + "\"/>").contains(open);
      String section = xml.substring(xml.indexOf(open), xml.indexOf("</parser>", xml.indexOf(open)));
      assertThat(section).contains("<param name=\"includeDeletedContent\" type=\"bool\">true</param>")
          .contains("<param name=\"includeMoveFromContent\" type=\"bool\">true</param>");
    }
    assertThat(ParserSetup.xml(ExtractionConfig.defaults())).doesNotContain("includeDeletedContent");
  }

  @ParameterizedTest
  @CsvSource({"off,false,false", "off,true,false", "on,false,true", "on,true,true", "off,false,true"})
  void tikaLoadsTheWholeConfigurationForEveryCombination(String ocr, boolean macros, boolean trackedChanges)
      throws Exception {
    ExtractionConfig config = ExtractionConfig.defaults()
        .withParsers(new ParserOptions(ParserOptions.Ocr.ofCode(ocr), "eng", macros, trackedChanges));
    Path file = TikaSetup.write(config);
    try {
      assertThatCode(() -> new TikaConfig(file)).doesNotThrowAnyException();
    } finally {
      Files.deleteIfExists(file);
    }
  }
}
