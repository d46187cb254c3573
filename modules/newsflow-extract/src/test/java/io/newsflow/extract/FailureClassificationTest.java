package io.newsflow.extract;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.FailureReason;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** Reading Tika's stack traces, as the pipes workers send them, into reason classes. */
class FailureClassificationTest {

  private static final String ENCRYPTED_ZIP_ENTRY = """
      org.apache.tika.exception.TikaException: TIKA-198: Illegal IOException from org.apache.tika.parser.pkg.PackageParser@1
      \tat org.apache.tika.parser.CompositeParser.parse(CompositeParser.java:304)
      Caused by: org.apache.tika.exception.EncryptedDocumentException: stream (encrypted.txt) is encrypted
      \tat org.apache.tika.parser.pkg.PackageParser.parseEntry(PackageParser.java:500)
      """;

  private static final String ZIP_BOMB = """
      org.apache.tika.exception.TikaException: Zip bomb detected!
      \tat org.apache.tika.sax.SecureContentHandler.throwIfCauseOf(SecureContentHandler.java:200)
      Caused by: org.apache.tika.sax.SecureContentHandler$SecureSAXException: Suspected zip bomb: 100 levels of XML element nesting
      """;

  private static final String BROKEN_XML = """
      org.apache.tika.exception.TikaException: XML parse error
      \tat org.apache.tika.parser.xml.XMLParser.parse(XMLParser.java:77)
      Caused by: org.xml.sax.SAXParseException: XML document structures must start and end within the same entity.
      """;

  @Test
  void causesDecideTheReasonAndTheInnermostNamesTheErrorClass() {
    assertThat(TikaExtractor.classify(ENCRYPTED_ZIP_ENTRY)).isEqualTo(FailureReason.ENCRYPTED);
    assertThat(TikaExtractor.classify(ZIP_BOMB)).isEqualTo(FailureReason.LIMIT_EXCEEDED);
    assertThat(TikaExtractor.classify(BROKEN_XML)).isEqualTo(FailureReason.CORRUPT);
    assertThat(TikaExtractor.errorClass(BROKEN_XML)).isEqualTo("org.xml.sax.SAXParseException");
  }

  @Test
  void anEmbeddedDocumentIsNamedByItsFilesUriWithThePathAsFragment() {
    URI child = TikaExtractor.childUri(URI.create("file:///news/outer%20box.zip"), "/inner.zip/a b#1.eml");

    assertThat(child.getPath()).isEqualTo("/news/outer box.zip");
    assertThat(child.getFragment()).isEqualTo("/inner.zip/a b#1.eml");
  }
}
