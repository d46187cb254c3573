package io.newsflow.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.junit.jupiter.api.Test;

class DocumentMetadataTest {

  @Test
  void everyKeywordIsKeptNotOnlyTheFirst() {
    Metadata m = new Metadata();
    m.add(TikaCoreProperties.SUBJECT, "grazing land");
    m.add(TikaCoreProperties.SUBJECT, "bird watching");
    m.add(TikaCoreProperties.SUBJECT, "coast");

    assertThat(DocumentMetadata.extras(m)).containsEntry("keywords", "grazing land; bird watching; coast");
  }

  @Test
  void theOriginalNameOfAnEmbeddedObjectIsKept() {
    Metadata m = new Metadata();
    m.add(TikaCoreProperties.ORIGINAL_RESOURCE_NAME, "Macintosh HD:Reports:budget.xls");
    m.add(TikaCoreProperties.ORIGINAL_RESOURCE_NAME, "C:\\Users\\desk\\Temp\\budget.xls");

    assertThat(DocumentMetadata.extras(m)).containsEntry(DocumentMetadata.ORIGINAL_NAME,
        "Macintosh HD:Reports:budget.xls; C:\\Users\\desk\\Temp\\budget.xls");
  }

  @Test
  void warningsKeepTheFirstLineOfEachProblemTikaWorkedAround() {
    Metadata m = new Metadata();
    m.add(TikaCoreProperties.TIKA_META_EXCEPTION_WARNING,
        "java.util.zip.ZipException: incorrect data check\n\tat java.base/java.util.zip.Inflater.inflate");
    m.add(TikaCoreProperties.TIKA_META_EXCEPTION_EMBEDDED_STREAM,
        "org.apache.tika.exception.EncryptedDocumentException: stream (secret.txt) is encrypted\n\tat x.y.Z");

    assertThat(DocumentMetadata.warnings(m)).containsExactly("java.util.zip.ZipException: incorrect data check",
        "org.apache.tika.exception.EncryptedDocumentException: stream (secret.txt) is encrypted");
    assertThat(DocumentMetadata.warnings(new Metadata())).isEmpty();
  }
}
