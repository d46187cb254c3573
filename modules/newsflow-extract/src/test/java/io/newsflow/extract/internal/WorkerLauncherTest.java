package io.newsflow.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.newsflow.extract.ExtractionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher script that starts the batch lane's parse workers at a lower CPU priority. */
class WorkerLauncherTest {

  @TempDir
  Path dir;

  @Test
  void theLauncherRunsItsProgramAtTheNiceValueInASessionOfItsOwnWithItsArgumentsIntact() throws Exception {
    assumeThat(Path.of("/proc/self/stat")).exists();
    // Stands in for java: reports its own process id, session, nice value and arguments.
    Path fake = dir.resolve("fake java");
    Files.writeString(fake, """
        #!/bin/sh
        echo "pid=$$"
        sed 's/.*) //' /proc/$$/stat | awk '{print "sid=" $4; print "nice=" $17}'
        for a in "$@"; do echo "arg=[$a]"; done
        """);
    assertThat(fake.toFile().setExecutable(true)).isTrue();
    Path launcher = Files.writeString(dir.resolve("launcher.sh"), TikaSetup.launcherScript(fake.toString(), 7));
    assertThat(launcher.toFile().setExecutable(true)).isTrue();

    Process p = new ProcessBuilder(launcher.toString(), "-Xmx64m", "two words", "it's").redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    List<String> out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

    // The same process all along (exec, no fork): Tika kills the worker by the id it started.
    assertThat(out).contains("pid=" + p.pid());
    assertThat(out).contains("nice=" + (currentNice() + 7 > 19 ? 19 : currentNice() + 7));
    assertThat(out).contains("arg=[-Xmx64m]", "arg=[two words]", "arg=[it's]");
    if (new ProcessBuilder("sh", "-c", "command -v setsid").start().waitFor() == 0) {
      assertThat(out).contains("sid=" + p.pid()); // it leads a session (an autogroup) of its own
    }
  }

  @Test
  void onlyANiceAboveZeroWritesALauncherAndPointsTikaAtIt() throws IOException {
    Path plain = TikaSetup.write(ExtractionConfig.defaults(), 0);
    Path low = TikaSetup.write(ExtractionConfig.defaults(), 4);
    try {
      assertThat(Files.readString(plain)).doesNotContain("<javaPath>");
      assertThat(TikaSetup.workerLauncher(plain)).doesNotExist();
      Path launcher = TikaSetup.workerLauncher(low);
      assertThat(Files.readString(low)).contains("<javaPath>" + launcher + "</javaPath>");
      assertThat(Files.isExecutable(launcher)).isTrue();
      assertThat(Files.readString(launcher)).contains("nice -n 4").contains("/proc/self/autogroup");
    } finally {
      Files.deleteIfExists(plain);
      Files.deleteIfExists(low);
      Files.deleteIfExists(TikaSetup.workerLauncher(low));
    }
  }

  @Test
  void whereTheLauncherCannotRunTheWorkersStartWithPlainJavaRatherThanNotAtAll() throws IOException {
    ExtractionConfig config = ExtractionConfig.defaults();
    Path runs = TikaSetup.write(config, 4, dir, launcher -> true);
    Path noexec = TikaSetup.write(config, 4, dir, launcher -> false);

    assertThat(Files.readString(runs)).contains("<javaPath>" + TikaSetup.workerLauncher(runs) + "</javaPath>");
    assertThat(TikaSetup.workerLauncher(runs)).exists();
    // The same configuration as at nice 0: Tika starts the JVM's own java, at this process's priority.
    assertThat(Files.readString(noexec)).doesNotContain("<javaPath>").isEqualTo(TikaSetup.xml(config, noexec, null));
    assertThat(TikaSetup.workerLauncher(noexec)).doesNotExist();
  }

  /** Mounts a real {@code noexec} file system: runs only where this test may mount (as root), skipped elsewhere. */
  @Test
  void onANoexecMountTheLauncherIsSeenNotToRunAndLeftOut() throws Exception {
    Path mount = Files.createDirectory(dir.resolve("noexec"));
    assumeThat(run("mount", "-t", "tmpfs", "-o", "noexec,size=1m", "newsflow-test", mount.toString()))
        .as("mount a noexec tmpfs (needs root)").isZero();
    try {
      // What the check stands for: the launcher, executable by its mode, does not start there.
      Path forced = TikaSetup.write(ExtractionConfig.defaults(), 4, mount, launcher -> true);
      assertThat(TikaSetup.workerLauncher(forced).toFile().canExecute()).isFalse();
      assertThatThrownBy(() -> new ProcessBuilder(TikaSetup.workerLauncher(forced).toString()).start())
          .isInstanceOf(IOException.class);

      Path config = TikaSetup.write(ExtractionConfig.defaults(), 4, mount, Files::isExecutable);
      assertThat(Files.readString(config)).doesNotContain("<javaPath>");
      assertThat(TikaSetup.workerLauncher(config)).doesNotExist();
    } finally {
      assertThat(run("umount", mount.toString())).as("umount " + mount).isZero();
    }
  }

  /** Returns the exit code of {@code command}, or -1 if it cannot be started. */
  private static int run(String... command) throws InterruptedException {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .start();
      return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
    } catch (IOException e) {
      return -1;
    }
  }

  private static int currentNice() throws IOException {
    String stat = Files.readString(Path.of("/proc/self/stat"));
    return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
  }
}
