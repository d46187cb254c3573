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

  private static MediaType detect(MimeTypes types, byte[] data) throws IOException {
    return types.detect(new ByteArrayInputStream(data), new Metadata());
  }
}
