package io.newsflow.stack.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipsTest {

  @TempDir
  Path temp;

  @Test
  void scriptsInBinBecomeExecutableAndOtherFilesDoNot() throws IOException {
    Path zip = zip("es.zip", "elasticsearch-8.19.21/bin/elasticsearch", "elasticsearch-8.19.21/config/jvm.options");
    Path target = temp.resolve("out");
    Zips.unpack(zip, target);
    assertThat(target.resolve("elasticsearch-8.19.21/bin/elasticsearch")).isExecutable();
    assertThat(Files.isExecutable(target.resolve("elasticsearch-8.19.21/config/jvm.options"))).isFalse();
  }

  @Test
  void anEntryEscapingTheTargetIsRefused() throws IOException {
    Path zip = zip("evil.zip", "../escaped.txt");
    assertThatThrownBy(() -> Zips.unpack(zip, temp.resolve("out"))).hasMessageContaining("outside");
    assertThat(temp.resolve("escaped.txt")).doesNotExist();
  }

  @Test
  void theChecksumChangesWithTheContent() throws IOException {
    Path a = zip("a.zip", "x");
    Path b = zip("b.zip", "y");
    assertThat(Zips.sha256(a)).hasSize(64).isNotEqualTo(Zips.sha256(b)).isEqualTo(Zips.sha256(a));
  }

  private Path zip(String name, String... entries) throws IOException {
    Path zip = temp.resolve(name);
    try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
      for (String entry : entries) {
        zipOut.putNextEntry(new ZipEntry(entry));
        zipOut.write(entry.getBytes(StandardCharsets.UTF_8));
        zipOut.closeEntry();
      }
    }
    return zip;
  }
}
