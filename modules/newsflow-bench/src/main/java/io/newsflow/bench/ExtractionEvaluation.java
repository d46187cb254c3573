package io.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.api.Json;
import io.newsflow.extract.html.ArticleExtractor;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.zip.GZIPInputStream;

/**
 * Scores main-text extraction on a corpus annotated the way trafilatura's evaluation set is:
 * {@code evaldata.json} maps each URL to a file and to "with" snippets the output must contain and
 * "without" snippets it must not. Follows that corpus's own scoring (upstream
 * {@code tests/eval_common.py}): whitespace-normalised substring matching, counts summed over the
 * corpus, an extractor crash scored as empty output. Not thread-safe; one run at a time.
 */
public final class ExtractionEvaluation {

  /**
   * Holds the scores of one run.
   *
   * @param documents pages scored
   * @param crashes pages whose extraction threw (scored as empty output)
   * @param millisPerPage mean extraction time per page, reading and decompressing excluded
   * @param cpuMillisPerPage mean CPU time of the extracting thread per page: steadier than
   *     {@code millisPerPage} on a machine shared with other work
   */
  public record Report(int documents, int crashes, long truePositives, long falsePositives, long trueNegatives,
      long falseNegatives, double millisPerPage, double cpuMillisPerPage, List<PageResult> pages) {

    public double precision() {
      return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
      return ratio(truePositives, truePositives + falseNegatives);
    }

    public double accuracy() {
      return ratio(truePositives + trueNegatives, truePositives + trueNegatives + falsePositives + falseNegatives);
    }

    public double f1() {
      return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
    }

    private static double ratio(long a, long b) {
      return b == 0 ? 0 : (double) a / b;
    }
  }

  /** The snippets one page missed ("with" not found) and leaked ("without" found). */
  public record PageResult(String file, List<String> missed, List<String> leaked) {}

  private ExtractionEvaluation() {}

  /**
   * Which pages to score, by position in {@code evaldata.json}: all, or one half, so that rules
   * can be developed on one half and checked on the other.
   */
  public enum Pages {
    ALL, EVEN, ODD;

    boolean includes(int index) {
      return this == ALL || (index % 2 == 0) == (this == EVEN);
    }
  }

  /** Scores {@link ArticleExtractor} on the corpus in {@code corpusDir}. */
  public static Report run(Path corpusDir) throws IOException {
    return run(corpusDir, Pages.ALL);
  }

  /** Scores {@link ArticleExtractor} on the given pages of the corpus in {@code corpusDir}. */
  public static Report run(Path corpusDir, Pages which) throws IOException {
    ArticleExtractor extractor = new ArticleExtractor();
    return run(corpusDir, (page) -> extractor.extract(page.html(), null, page.url()).text(), which);
  }

  /** Scores {@code extractor} on every page of the corpus in {@code corpusDir}. */
  public static Report run(Path corpusDir, Function<Page, String> extractor) throws IOException {
    return run(corpusDir, extractor, Pages.ALL);
  }

  /** A page to extract: its URL and raw bytes. */
  public record Page(String url, byte[] html) {}

  /**
   * Scores {@code extractor} on the corpus in {@code corpusDir}.
   *
   * @throws IOException if the corpus cannot be read; a page file that is missing is an error too,
   *     not a silently skipped page
   */
  public static Report run(Path corpusDir, Function<Page, String> extractor, Pages which) throws IOException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    JsonNode data = Json.mapper().readTree(corpusDir.resolve("evaldata.json").toFile());
    long tp = 0;
    long fp = 0;
    long tn = 0;
    long fn = 0;
    int crashes = 0;
    long nanos = 0;
    long cpuNanos = 0;
    List<PageResult> pages = new ArrayList<>();
    int index = -1;
    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> entry = it.next();
      if (!which.includes(++index)) {
        continue;
      }
      String file = entry.getValue().get("file").asText();
      byte[] html = read(corpusDir, file);
      String output;
      long start = System.nanoTime();
      long cpuStart = threads.getCurrentThreadCpuTime();
      try {
        output = extractor.apply(new Page(entry.getKey(), html));
      } catch (RuntimeException | StackOverflowError e) {
        crashes++;
        output = "";
      }
      nanos += System.nanoTime() - start;
      cpuNanos += threads.getCurrentThreadCpuTime() - cpuStart;
      String normalised = normalise(output == null ? "" : output);
      List<String> missed = new ArrayList<>();
      List<String> leaked = new ArrayList<>();
      for (JsonNode s : entry.getValue().path("with")) {
        if (normalised.contains(normalise(s.asText()))) {
          tp++;
        } else {
          fn++;
          missed.add(s.asText());
        }
      }
      for (JsonNode s : entry.getValue().path("without")) {
        if (normalised.contains(normalise(s.asText()))) {
          fp++;
          leaked.add(s.asText());
        } else {
          tn++;
        }
      }
      pages.add(new PageResult(file, missed, leaked));
    }
    double msPerPage = pages.isEmpty() ? 0 : nanos / 1e6 / pages.size();
    double cpuMsPerPage = pages.isEmpty() ? 0 : cpuNanos / 1e6 / pages.size();
    return new Report(pages.size(), crashes, tp, fp, tn, fn, msPerPage, cpuMsPerPage, pages);
  }

  /** Collapses every run of whitespace to one space and trims, as upstream's scoring does. */
  static String normalise(String s) {
    return s.replaceAll("\\s+", " ").strip();
  }

  /** Reads {@code cache/<file>.gz}, else {@code eval/<file>.gz}, as the corpus README prescribes. */
  private static byte[] read(Path corpusDir, String file) throws IOException {
    for (String dir : List.of("cache", "eval")) {
      Path p = corpusDir.resolve(dir).resolve(file + ".gz");
      if (Files.exists(p)) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
          return in.readAllBytes();
        }
      }
    }
    throw new IOException("page " + file + " is in evaldata.json but neither cache/" + file + ".gz nor eval/"
        + file + ".gz exists in " + corpusDir);
  }
}
