package io.newsflow.cli;

import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Extraction;
import io.newsflow.api.Json;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import io.newsflow.extract.ExtractionConfig;
import io.newsflow.extract.TikaExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** Runs extraction alone on files and prints what it produced, for users checking a file and for scripts. */
@Command(name = "extract", mixinStandardHelpOptions = true,
    description = {"Extract files as the ingest stage would, without Kafka or Elasticsearch, and print per file its",
        "text and metadata and its embedded documents (attachments, archive entries: the children), or the failure",
        "and its reason. Exit code 1 if any file failed."})
final class ExtractCommand implements Callable<Integer> {

  @ParentCommand
  Main main;

  @Option(names = "--json", description = "One JSON object per file, one per line: path, outcome, title, text, published, ...")
  boolean json;

  @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to extract.")
  List<Path> files;

  @Override
  public Integer call() {
    ExtractionConfig config = main.environment().settings().extraction();
    int failed = 0;
    try (TikaExtractor extractor = new TikaExtractor(config)) {
      for (Path file : files) {
        Outcome<Extraction> outcome = extractor.extractAll(source(file));
        Map<String, Object> report = report(file, outcome);
        if (!(outcome instanceof Outcome.Success)) {
          failed++;
        }
        System.out.println(json ? Json.encodeToString(report) : human(report));
      }
    }
    return failed > 0 ? Main.EXIT_FAILURES : 0;
  }

  private static SourceFile source(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    long size = 0;
    Instant modified = Instant.EPOCH;
    try {
      size = Files.size(abs);
      modified = Files.getLastModifiedTime(abs).toInstant();
    } catch (java.io.IOException e) {
      // the extractor reports the file as unreadable, with the reason
    }
    return new SourceFile(abs.toUri(), abs, size, modified, Instant.now(), null);
  }

  /** Returns the fields printed for one file; the same for both output forms. */
  static Map<String, Object> report(Path file, Outcome<Extraction> outcome) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("path", file.toString());
    if (outcome instanceof Outcome.Success<Extraction> s) {
      r.put("outcome", "success");
      document(r, s.value().document());
      List<Map<String, Object>> children = new ArrayList<>();
      for (ExtractedDocument child : s.value().children()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("embedded_path", child.embedded().path());
        c.put("parent_id", child.embedded().parent().value());
        c.put("depth", child.embedded().depth());
        document(c, child);
        children.add(c);
      }
      for (Extraction.Failure failure : s.value().failures()) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("embedded_path", failure.source().substring(failure.source().indexOf('#') + 1));
        c.put("id", failure.id().value());
        c.put("outcome", "failed");
        c.put("reason", failure.reason().code());
        c.put("message", failure.message());
        c.put("error_class", failure.errorClass());
        children.add(c);
      }
      // Before the text, so that a reader of the human form sees the list with the file's fields.
      Object text = r.remove("text");
      r.put("children", children);
      r.put("text", text);
    } else if (outcome instanceof Outcome.Rejected<Extraction> rej) {
      r.put("outcome", "failed");
      r.put("reason", rej.reason().code());
      r.put("message", rej.message());
      r.put("error_class", rej.errorClass());
    } else {
      r.put("outcome", "failed");
      r.put("message", outcome.toString());
    }
    return r;
  }

  private static void document(Map<String, Object> r, ExtractedDocument d) {
    r.put("id", d.id().value());
    r.put("content_type", d.contentType());
    r.put("title", d.title());
    r.put("author", d.author());
    r.put("published", d.web() == null ? null : d.web().published());
    r.put("created", d.created());
    r.put("modified", d.modified());
    r.put("language", d.language());
    r.put("size", d.source().size());
    r.put("sha256", d.source().sha256());
    r.put("web", d.web());
    r.put("metadata", d.metadata());
    r.put("text_truncated", d.textTruncated());
    r.put("text", d.text());
  }

  private static String human(Map<String, Object> report) {
    StringBuilder out = new StringBuilder("== ").append(report.get("path")).append('\n');
    report.forEach((k, v) -> {
      if (k.equals("children") && v instanceof List<?> children) {
        out.append(String.format("%-15s %d%n", k, children.size()));
        for (Object o : children) {
          Map<?, ?> c = (Map<?, ?>) o;
          Object text = c.get("text");
          out.append(String.format("  %s  %s%n", c.get("embedded_path"), "failed".equals(c.get("outcome"))
              ? "failed, " + c.get("reason") + ": " + c.get("message")
              : c.get("content_type") + ", " + (text == null ? 0 : text.toString().length()) + " characters"
                  + (c.get("title") == null ? "" : ", \"" + c.get("title") + "\"")));
        }
      } else if (!k.equals("path") && !k.equals("text") && v != null) {
        out.append(String.format("%-15s %s%n", k, v instanceof Map || v instanceof List || v instanceof ExtractedDocument.Web
            ? Json.encodeToString(v) : v));
      }
    });
    if (report.containsKey("text")) {
      out.append('\n').append(report.get("text")).append('\n');
    }
    return out.toString();
  }
}
