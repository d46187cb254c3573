package io.newsflow.cli;

import static io.newsflow.cli.TestStack.json;
import static io.newsflow.cli.TestStack.uniqueWord;
import static io.newsflow.cli.TestStack.hitsFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.api.DocumentId;
import io.newsflow.api.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

/** Import jobs on the real Kafka and Elasticsearch of {@link TestStack}: report, retry, resume, incremental, archives. */
class ImportJobIT {




  private static String text(String title, String body) {
    return title + "\n\n" + body + "\n";
  }

  private static void zip(Path file, long mtime, String... namesAndTexts) throws IOException {
    try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(file)) {
      for (int i = 0; i < namesAndTexts.length; i += 2) {
        ZipArchiveEntry entry = new ZipArchiveEntry(namesAndTexts[i]);
        entry.setTime(mtime);
        zip.putArchiveEntry(entry);
        zip.write(namesAndTexts[i + 1].getBytes(StandardCharsets.UTF_8));
        zip.closeArchiveEntry();
      }
    }
  }

  @Test
  void theReportReconcilesEveryItemWithTheIndexAndARetryFixesTheFailedOne(@TempDir Path dir) throws Exception {
    String word = uniqueWord();
    for (int i = 1; i <= 3; i++) {
      Files.writeString(dir.resolve("good-" + i + ".txt"), text("Good " + i, "Good file " + i + " about " + word + "."));
    }
    Files.writeString(dir.resolve("copy-of-good-1.txt"), Files.readString(dir.resolve("good-1.txt")));
    Path empty = Files.write(dir.resolve("empty.txt"), new byte[0]);
    zip(dir.resolve("bundle.zip"), System.currentTimeMillis(), "inner/a.txt", text("Zipped A", "Entry a about " + word + "."),
        "b.txt", text("Zipped B", "Entry b about " + word + "."));

    TestStack.Run run = TestStack.cli("import", "--wait", "--json", dir.toString());

    assertThat(run.exitCode()).as(run.out() + run.err()).isEqualTo(Main.EXIT_FAILURES);
    String jobId = json(run.out()).get("job_id").asText();
    TestStack.Run reported = TestStack.cli("import", "report", "--json", "--items", jobId);
    assertThat(reported.exitCode()).as(reported.err()).isEqualTo(Main.EXIT_FAILURES);
    JsonNode report = json(reported.out());
    assertThat(report.get("seen").asLong()).isEqualTo(7);
    assertThat(report.get("indexed").asLong()).isEqualTo(5);
    assertThat(report.get("duplicates").asLong()).isEqualTo(1);
    assertThat(report.get("failed").asLong()).isEqualTo(1);
    assertThat(report.get("missing").asLong()).isZero();
    assertThat(report.at("/failures/empty").asLong()).isEqualTo(1);
    assertThat(report.at("/by_format/txt/indexed").asLong()).isEqualTo(5);
    assertThat(report.at("/by_format/txt/failed").asLong()).isEqualTo(1);
    assertThat(report.get("problems")).hasSize(1);
    assertThat(report.at("/problems/0/item").asText()).isEqualTo(empty.toUri().toString());
    // Every indexed item names the document that holds it, and Elasticsearch has it.
    Map<String, String> ids = new HashMap<>();
    for (JsonNode item : report.get("items")) {
      ids.put(item.get("item").asText(), item.get("status").asText());
      if (item.get("status").asText().equals("indexed")) {
        assertThat(TestStack.cli("show", "--json", item.get("id").asText()).exitCode()).isZero();
      }
    }
    assertThat(ids).containsEntry("jar:" + dir.resolve("bundle.zip").toUri() + "!/inner/a.txt", "indexed");
    assertThat(hitsFor(word)).isEqualTo(5);

    Files.writeString(empty, text("No longer empty", "Now it speaks of " + word + "."));
    Files.setLastModifiedTime(empty, FileTime.fromMillis(System.currentTimeMillis() + 5_000));
    TestStack.Run retry = TestStack.cli("import", "retry", "--wait", "--json", jobId);

    assertThat(retry.exitCode()).as(retry.out() + retry.err()).isZero();
    JsonNode after = json(TestStack.cli("import", "report", "--json", jobId).out());
    assertThat(after.get("seen").asLong()).isEqualTo(7);
    assertThat(after.get("indexed").asLong()).isEqualTo(6);
    assertThat(after.get("failed").asLong()).isZero();
    assertThat(hitsFor(word)).isEqualTo(6);
  }

  @Test
  void anImportKilledWithSigkillContinuesWhereItStoppedWithoutRedoingOrDuplicating(@TempDir Path dir) throws Exception {
    TestStack.config();
    String word = uniqueWord();
    int files = 600;
    Path tree = Files.createDirectories(dir.resolve("tree"));
    for (int i = 0; i < files; i++) {
      Path sub = Files.createDirectories(tree.resolve("d" + i % 10));
      Files.writeString(sub.resolve("n" + i + ".txt"), text("Note " + i, "Note " + i + " about " + word + "."));
    }
    Path jobs = TestStack.dataDir().resolve("jobs");
    Path config = TestStack.writeConfig(dir.resolve("kill.properties"), Map.of("ingest.threads", "1"));
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process child = new ProcessBuilder(List.of(java, "-Xmx512m",
        "-Dnewsflow.root=" + TestStack.root(), "-Dnewsflow.home=" + TestStack.distribution(),
        "-Dnewsflow.data-dir=" + TestStack.dataDir(),
        "-cp", TestStack.distribution().resolve("lib") + "/*", Main.class.getName(),
        "--config", config.toString(), "import", tree.toString()))
        .redirectErrorStream(true).redirectOutput(dir.resolve("child.log").toFile()).start();
    Path[] journal = new Path[1];
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20)).until(() -> {
      journal[0] = journalOf(jobs, tree);
      return journal[0] != null && Files.readAllLines(journal[0]).size() >= 50;
    });
    child.destroyForcibly().waitFor(); // SIGKILL
    long atKill = Files.readAllLines(journal[0]).size();
    assertThat(atKill).as("killed mid-import").isLessThan(files);

    TestStack.Run resumed = TestStack.cli("import", "--wait", "--json", tree.toString());

    assertThat(resumed.exitCode()).as(resumed.out() + resumed.err()).isZero();
    JsonNode out = json(resumed.out());
    assertThat(resumed.err()).contains("resuming job");
    assertThat(out.get("done_before").asLong()).isGreaterThanOrEqualTo(atKill - 1);
    assertThat(out.get("seen").asLong()).isEqualTo(files);
    // An item the killed run published but had not journalled yet may be indexed by the time the
    // resume looks: then it is unchanged, not redone.
    assertThat(out.get("indexed").asLong() + out.get("unchanged").asLong()).isEqualTo(files);
    assertThat(out.get("failed").asLong() + out.get("missing").asLong() + out.get("duplicates").asLong()).isZero();
    // Nothing finished before the kill was done again: every item has exactly one line in the journal.
    Map<String, Integer> lines = new HashMap<>();
    for (String line : Files.readAllLines(journal[0])) {
      if (line.endsWith("}")) {
        lines.merge(json(line).get("item").asText(), 1, Integer::sum);
      }
    }
    assertThat(lines).hasSize(files);
    assertThat(lines.values()).containsOnly(1);
    assertThat(hitsFor(word)).isEqualTo(files);
  }

  private static Path journalOf(Path jobs, Path tree) throws IOException {
    if (!Files.isDirectory(jobs)) {
      return null;
    }
    try (Stream<Path> dirs = Files.list(jobs)) {
      for (Path job : dirs.toList()) {
        Path spec = job.resolve("job.json");
        if (Files.exists(spec) && Files.readString(spec).contains(Json.encodeToString(tree.toAbsolutePath().toString()))
            && Files.exists(job.resolve("journal.jsonl"))) {
          return job.resolve("journal.jsonl");
        }
      }
    }
    return null;
  }

  @Test
  void archivesImportEntryByEntryAndAReimportSkipsTheUnchangedAndReplacesTheChanged(@TempDir Path dir) throws Exception {
    String word = uniqueWord();
    long old = System.currentTimeMillis() - 60_000;
    Path zipFile = dir.resolve("news.zip");
    zip(zipFile, old, "one.txt", text("One", "First zipped note on " + word + "."),
        "two.txt", text("Two", "Second zipped note on " + word + "."));
    try (OutputStream out = Files.newOutputStream(dir.resolve("more.tar.gz"));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(out))) {
      byte[] bytes = text("Three", "Tarred note on " + word + ".").getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry entry = new TarArchiveEntry("notes/three.txt");
      entry.setSize(bytes.length);
      tar.putArchiveEntry(entry);
      tar.write(bytes);
      tar.closeArchiveEntry();
    }
    String url = "https://news.example.org/" + word + "/story";
    try (WarcWriter warc = new WarcWriter(dir.resolve("crawl.warc.gz"))) {
      HttpResponse http = new HttpResponse.Builder(200, "OK").body(MediaType.parse("text/html"),
          ("<html><head><title>Archived story</title></head><body><article><p>An archived story about " + word
              + " that a crawler kept.</p></article></body></html>").getBytes(StandardCharsets.UTF_8)).build();
      warc.write(new WarcResponse.Builder(url).body(http).build());
    }

    JsonNode first = json(TestStack.cli("import", "--wait", "--json", dir.toString()).out());
    assertThat(first.get("seen").asLong()).isEqualTo(4);
    assertThat(first.get("indexed").asLong()).isEqualTo(4);
    assertThat(hitsFor(word)).isEqualTo(4);
    assertThat(TestStack.cli("show", "--json", DocumentId.ofSource(java.net.URI.create(url)).value()).exitCode()).isZero();

    JsonNode second = json(TestStack.cli("import", "--wait", "--json", dir.toString()).out());
    assertThat(second.get("unchanged").asLong()).isEqualTo(4);
    assertThat(second.get("indexed").asLong()).isZero();

    // two.txt keeps its time and size in the new archive: unchanged; one.txt is newer: replaced.
    zip(zipFile, System.currentTimeMillis(), "one.txt", text("One", "First zipped note on " + word + ", revised."),
        "two.txt", text("Two", "Second zipped note on " + word + "."));
    rewriteKeepingTime(zipFile, "two.txt", old);

    JsonNode third = json(TestStack.cli("import", "--wait", "--json", dir.toString()).out());
    assertThat(third.get("indexed").asLong()).isEqualTo(1);
    assertThat(third.get("unchanged").asLong()).isEqualTo(3);
    assertThat(hitsFor(word)).isEqualTo(4);
    assertThat(hitsFor(word + " revised")).isEqualTo(1);
  }

  /** Rewrites the archive with {@code entry}'s time set back to {@code mtime}. */
  private static void rewriteKeepingTime(Path zipFile, String entry, long mtime) throws IOException {
    Path tmp = zipFile.resolveSibling(zipFile.getFileName() + ".new");
    try (org.apache.commons.compress.archivers.zip.ZipFile in = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(zipFile).get();
        ZipArchiveOutputStream out = new ZipArchiveOutputStream(tmp)) {
      for (ZipArchiveEntry e : java.util.Collections.list(in.getEntries())) {
        ZipArchiveEntry copy = new ZipArchiveEntry(e.getName());
        copy.setTime(e.getName().equals(entry) ? mtime : e.getTime());
        out.putArchiveEntry(copy);
        in.getInputStream(e).transferTo(out);
        out.closeArchiveEntry();
      }
    }
    Files.move(tmp, zipFile, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }
}
