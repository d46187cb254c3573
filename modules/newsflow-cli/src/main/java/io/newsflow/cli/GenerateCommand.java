package io.newsflow.cli;

import io.newsflow.bench.CorpusGenerator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes a reproducible test corpus: for benchmarks, memory tests and trying imports out. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = {"Write a reproducible corpus of invented news into DIR (subfolders of 500 files).",
        "Profiles: news-archive (HTML pages with full site boilerplate ~45 KB, text, multi-page PDF, DOCX;",
        "3,200 files ~ 100 MB), light (~5 KB each), tiny (one short text file each, for 100,000+ file trees)."})
final class GenerateCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "DIR", description = "Folder to write into (created; must be empty or missing).")
  Path dir;

  @Option(names = "--files", description = "Number of files (default: ${DEFAULT-VALUE}).", defaultValue = "3200")
  int files;

  @Option(names = "--profile", description = "news-archive, light or tiny (default: ${DEFAULT-VALUE}).", defaultValue = "news-archive")
  String profile;

  @Option(names = "--seed", description = "Seed; the same seed writes the same files (default: ${DEFAULT-VALUE}).", defaultValue = "1")
  long seed;

  static CorpusGenerator.Profile profile(String name) {
    try {
      return CorpusGenerator.Profile.valueOf(name.toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("--profile must be news-archive, light or tiny, got: " + name);
    }
  }

  @Override
  public Integer call() throws Exception {
    CorpusGenerator.Profile p = profile(profile);
    if (files < 1) {
      throw new IllegalArgumentException("--files must be >= 1, got " + files);
    }
    if (Files.isDirectory(dir)) {
      try (var s = Files.list(dir)) {
        if (s.findAny().isPresent()) {
          throw new IllegalArgumentException("not empty: " + dir + " (generating into it would mix corpora)");
        }
      }
    }
    long start = System.nanoTime();
    new CorpusGenerator(seed).generate(dir, files, p);
    long bytes;
    try (var walk = Files.walk(dir)) {
      bytes = walk.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
    }
    System.out.printf("generated %d %s files, %.1f MB, in %s in %.1f s%n", files, profile, bytes / 1e6, dir,
        (System.nanoTime() - start) / 1e9);
    return 0;
  }
}
