package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.FailureReason;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netpreserve.jwarc.HttpResponse;
import org.netpreserve.jwarc.MediaType;
import org.netpreserve.jwarc.WarcResponse;
import org.netpreserve.jwarc.WarcWriter;

class ItemSourceTest {

  private static List<SourceItem> all(ItemSource source, List<String> contents) throws Exception {
    List<SourceItem> items = new ArrayList<>();
    while (source.hasNext()) {
      SourceItem item = source.next();
      items.add(item);
      contents.add(item.path() == null ? null : Files.readString(item.path()));
      item.discard();
    }
    return items;
  }

  static void zip(Path file, String... namesAndTexts) throws Exception {
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
      for (int i = 0; i < namesAndTexts.length; i += 2) {
        zip.putArchiveEntry(new ZipArchiveEntry(namesAndTexts[i]));
        zip.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
      }
    }
  }

  static void tarGz(Path file, String... namesAndTexts) throws Exception {
    try (OutputStream out = Files.newOutputStream(file);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      for (int i = 0; i < namesAndTexts.length; i += 2) {
        byte[] bytes = namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(namesAndTexts[i]);
        entry.setSize(bytes.length);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
      }
    }
  }

  static void warc(Path file, String... urlsAndHtml) throws Exception {
    try (WarcWriter writer = new WarcWriter(file)) {
      for (int i = 0; i < urlsAndHtml.length; i += 2) {
        HttpResponse http = new HttpResponse.Builder(200, "OK")
            .body(MediaType.parse("text/html"), urlsAndHtml[i + 1].getBytes(StandardCharsets.UTF_8)).build();
        writer.write(new WarcResponse.Builder(urlsAndHtml[i]).body(http).build());
      }
      HttpResponse notFound = new HttpResponse.Builder(404, "Not Found")
          .body(MediaType.parse("text/html"), "gone".getBytes(StandardCharsets.UTF_8)).build();
      writer.write(new WarcResponse.Builder("https://example.org/missing").body(notFound).build());
    }
  }

  @Test
  void archivesAreReadEntryByEntryAndWarcResponsesAreItems(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("plain.txt"), "plain");
    Files.writeString(dir.resolve(".hidden"), "hidden");
    zip(dir.resolve("bundle.zip"), "a/one.txt", "one", "two.html", "<p>two</p>", "__MACOSX/._x", "junk");
    tarGz(dir.resolve("bundle.tar.gz"), "three.txt", "three");
    warc(dir.resolve("crawl.warc.gz"), "https://example.org/news/story", "<html><body>story</body></html>");

    List<String> contents = new ArrayList<>();
    List<SourceItem> items;
    try (ItemSource source = ItemSource.open(List.of(dir), null, 1_000_000)) {
      items = all(source, contents);
    }

    assertThat(items).extracting(i -> i.uri().toString()).containsExactlyInAnyOrder(
        dir.resolve("plain.txt").toUri().toString(),
        "jar:" + dir.resolve("bundle.zip").toUri() + "!/a/one.txt",
        "jar:" + dir.resolve("bundle.zip").toUri() + "!/two.html",
        "tar:" + dir.resolve("bundle.tar.gz").toUri() + "!/three.txt",
        "https://example.org/news/story");
    assertThat(contents).containsExactlyInAnyOrder("plain", "one", "<p>two</p>", "three", "<html><body>story</body></html>");
    assertThat(items).filteredOn(i -> i.uri().toString().startsWith("https:")).first()
        .satisfies(i -> assertThat(i.format()).isEqualTo("html"));
    assertThat(ItemSource.count(List.of(dir), null)).isEqualTo(5);
  }

  @Test
  void aCorruptArchiveAndAnOversizedEntryAreFailedItemsAndTheWalkGoesOn(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("broken.zip"), "this is not a zip file");
    zip(dir.resolve("big.zip"), "big.txt", "x".repeat(5000), "small.txt", "ok");
    Path list = Files.writeString(dir.resolve("list.txt"), "# listed\n" + dir.resolve("big.zip") + "\n\n" + dir.resolve("nope.txt") + "\n");

    List<String> contents = new ArrayList<>();
    List<SourceItem> items;
    try (ItemSource source = ItemSource.open(List.of(dir.resolve("broken.zip")), list, 1000)) {
      items = all(source, contents);
    }

    assertThat(items).extracting(SourceItem::failure).containsExactly(FailureReason.CORRUPT, FailureReason.TOO_LARGE, null,
        FailureReason.UNREADABLE);
    assertThat(contents).containsExactly(null, null, "ok", null);
  }
}
