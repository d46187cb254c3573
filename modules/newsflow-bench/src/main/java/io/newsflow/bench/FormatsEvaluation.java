package io.newsflow.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Extraction;
import io.newsflow.api.Extractor;
import io.newsflow.api.Json;
import io.newsflow.api.Outcome;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Runs a format-coverage corpus (Apache Tika's test documents: {@code files/} plus a
 * {@code manifest.json} listing, per file, strings Tika's tests expect in its output) through
 * extraction, and reports every file's outcome by reason and the share of files whose expected
 * strings all appear in what newsflow produced.
 *
 * <p>"What newsflow produced" is what {@code newsflow extract --json} prints for the file: its path,
 * the title, author, content type, text and metadata (names and values) of the file's document and
 * of each embedded document with its path, and each failed embedded document's reason, message and
 * error class. The manifest's strings are Java string literals from Tika's test sources: their escapes
 * ({@code \u00E0}, {@code \t}) are decoded first (or not: see {@link #found}). They are compared
 * without XHTML markup (Tika's tests check XHTML output; newsflow keeps text): tags and tag fragments at either end are removed,
 * and a string that is only markup or an attribute ({@code class="external-ref-..."}) is not counted.
 * Entities are decoded, Unicode NFKC-normalised, and all whitespace ignored.
 */
public final class FormatsEvaluation {

  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  // A literal cut inside a tag: "a href=\"x\">text" begins with one, "text <span" ends with one.
  private static final Pattern TAG_TAIL_AT_START = Pattern.compile("^(\\s*[A-Za-z][\\w:-]*\\s+[\\w:-]+=\"[^\"]*\"[^<>]*)?>");
  private static final Pattern TAG_HEAD_AT_END = Pattern.compile("<[^>]*$");
  private static final Pattern ATTRIBUTE = Pattern.compile("[\\w:.-]+=\\\\?\"");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  /** One file with expected strings: which were found and which missed. */
  public record Expectation(String file, String outcome, List<String> missed, int expected) {
    public boolean passed() {
      return missed.isEmpty();
    }
  }

  /**
   * The corpus run.
   *
   * @param outcomes files per outcome: {@code success} or a failure reason code
   * @param files files run
   * @param embedded embedded documents produced, over all files
   * @param embeddedFailures embedded documents that failed, per reason
   * @param expectations files with expected strings, and what matched
   * @param run the timings
   */
  public record Report(Map<String, Integer> outcomes, int files, int embedded, Map<String, Integer> embeddedFailures,
      List<Expectation> expectations, ExtractionRun.Result run) {

    public long filesPassed() {
      return expectations.stream().filter(Expectation::passed).count();
    }

    public double filesShare() {
      return expectations.isEmpty() ? 0 : (double) filesPassed() / expectations.size();
    }

    public int stringsExpected() {
      return expectations.stream().mapToInt(Expectation::expected).sum();
    }

    public int stringsFound() {
      return stringsExpected() - expectations.stream().mapToInt(e -> e.missed().size()).sum();
    }
  }

  private FormatsEvaluation() {}

  /**
   * Runs every file under {@code corpus/files} through {@code extractor} with {@code threads} threads.
   *
   * @throws IllegalArgumentException if {@code corpus} has no {@code manifest.json} or {@code files/}
   */
  public static Report run(Path corpus, Extractor extractor, int threads) throws InterruptedException {
    Path manifest = corpus.resolve("manifest.json");
    Path filesDir = corpus.resolve("files");
    if (!Files.isRegularFile(manifest) || !Files.isDirectory(filesDir)) {
      throw new IllegalArgumentException(corpus + " has no manifest.json and files/; not a formats corpus");
    }
    Map<String, List<String>> expected = expected(manifest);
    List<Path> files = ExtractionRun.files(filesDir);
    ExtractionRun.Result run = ExtractionRun.run(extractor, files, threads);

    Map<String, Integer> outcomes = new TreeMap<>();
    Map<String, Integer> embeddedFailures = new TreeMap<>();
    int embedded = 0;
    List<Expectation> expectations = new ArrayList<>();
    for (ExtractionRun.FileResult r : run.files()) {
      String name = filesDir.relativize(r.file()).toString().replace('\\', '/');
      String outcome;
      String output = "";
      if (r.outcome() instanceof Outcome.Success<Extraction> s) {
        outcome = "success";
        embedded += s.value().children().size();
        s.value().failures().forEach(f -> embeddedFailures.merge(f.reason().code(), 1, Integer::sum));
        output = r.file() + "\n" + output(s.value());
      } else if (r.outcome() instanceof Outcome.Rejected<Extraction> rej) {
        outcome = rej.reason().code();
        output = r.file() + "\n" + rej.message() + "\n" + rej.errorClass();
      } else {
        outcome = "retry";
      }
      outcomes.merge(outcome, 1, Integer::sum);
      List<String> strings = expected.get(name);
      if (strings != null && !strings.isEmpty()) {
        String haystack = normaliseOutput(output);
        List<String> missed = strings.stream().filter(s -> !found(haystack, s)).toList();
        expectations.add(new Expectation(name, outcome, missed, strings.size()));
      }
    }
    return new Report(outcomes, run.files().size(), embedded, embeddedFailures, expectations, run);
  }

  /** Reads, per file path under {@code files/}, the expected literals (as written) that are more than markup. */
  static Map<String, List<String>> expected(Path manifest) {
    JsonNode rows;
    try {
      rows = Json.mapper().readTree(manifest.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
    }
    Map<String, List<String>> expected = new HashMap<>();
    for (JsonNode row : rows) {
      List<String> strings = new ArrayList<>();
      for (JsonNode s : row.path("expected_contains")) {
        String literal = unescapeJava(s.asText());
        if (!ATTRIBUTE.matcher(literal).find() && !normalise(literal).isEmpty()) {
          strings.add(s.asText());
        }
      }
      expected.put(row.path("path").asText(), strings);
    }
    return expected;
  }

  /**
   * Tells whether the manifest literal {@code raw} appears in the normalised output. The manifest's
   * script decoded a literal's escaped backslash (two backslashes) but left tab and Unicode escapes as
   * written, so the Windows path in Tika's test ("C:", backslash, "Users", backslash, "tallison") reads
   * like a tab before "allison": the literal counts as found if either reading appears.
   */
  static boolean found(String haystack, String raw) {
    return haystack.contains(normalise(unescapeJava(raw))) || haystack.contains(normalise(raw));
  }

  /** Returns everything printed for a file: each document's title, author, type, text and metadata. */
  static String output(Extraction extraction) {
    StringBuilder out = new StringBuilder();
    append(out, extraction.document());
    for (ExtractedDocument c : extraction.children()) {
      out.append(c.embedded().path()).append('\n');
      append(out, c);
    }
    for (Extraction.Failure f : extraction.failures()) {
      out.append(f.source()).append('\n').append(f.reason().code()).append('\n').append(f.message()).append('\n')
          .append(f.errorClass()).append('\n');
    }
    return out.toString();
  }

  private static void append(StringBuilder out, ExtractedDocument d) {
    for (String s : new String[] {d.title(), d.author(), d.contentType(), d.text()}) {
      if (s != null) {
        out.append(s).append('\n');
      }
    }
    d.metadata().forEach((k, v) -> out.append(k).append(": ").append(v).append('\n'));
  }

  /** Strips tags, decodes the XML entities, NFKC-normalises and removes whitespace of a manifest literal. */
  static String normalise(String s) {
    String t = TAG.matcher(s).replaceAll(" ");
    // A literal is a fragment of XHTML: it may start inside a tag or end inside one.
    t = TAG_HEAD_AT_END.matcher(TAG_TAIL_AT_START.matcher(t).replaceFirst(" ")).replaceFirst(" ");
    return rest(t);
  }

  /**
   * Normalises newsflow's output like a literal, except the fragment edges: the output is whole, and
   * a text's bare "<" (a formula, "C < S") would otherwise read as a tag left open, dropping the rest.
   */
  static String normaliseOutput(String s) {
    return rest(TAG.matcher(s).replaceAll(" "));
  }

  private static String rest(String t) {
    t = t.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&apos;", "'")
        .replace("&#39;", "'").replace("&nbsp;", " ").replace("&amp;", "&");
    t = Normalizer.normalize(t, Normalizer.Form.NFKC);
    return SPACE.matcher(t).replaceAll("").replace("\u00a0", "");
  }

  /** Decodes the escapes of a Java string literal: {@code \\uXXXX}, {@code \\t}, {@code \\n}, quotes, backslash. */
  static String unescapeJava(String s) {
    StringBuilder out = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        out.append(c);
        continue;
      }
      char n = s.charAt(++i);
      switch (n) {
        case 'u' -> {
          if (i + 4 < s.length() && s.substring(i + 1, i + 5).matches("[0-9a-fA-F]{4}")) {
            out.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
            i += 4;
          } else {
            out.append("\\u");
          }
        }
        case 't' -> out.append('\t');
        case 'n' -> out.append('\n');
        case 'r' -> out.append('\r');
        case '"', '\'', '\\' -> out.append(n);
        default -> out.append('\\').append(n);
      }
    }
    return out.toString();
  }
}
