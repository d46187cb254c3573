package io.newsflow.cli;

import io.newsflow.api.Enricher;
import io.newsflow.api.Enrichment;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Json;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import io.newsflow.bench.CorpusGenerator;
import io.newsflow.enrich.EntityRecognizer;
import io.newsflow.enrich.corenlp.CoreNlpRecognizer;
import io.newsflow.enrich.internal.Sentences;
import io.newsflow.extract.TikaExtractor;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * Measures the enrich stage alone, in this process (no Kafka, no Elasticsearch): documents/s and
 * sentences/s per core, its overhead over the bare entity recogniser on the same text, and the memory
 * a worker needs, and, as a stricter yardstick, its overhead over the classifier given the stage's own
 * tokens. Extraction happens first and is not timed. Each measurement runs on one thread and
 * counts the CPU time of the JVM's threads (that thread, and pools a library hands work to), so the
 * figures are per core even when other processes compete for the CPU (wall time is reported beside them). All paths are warmed up over the whole corpus first,
 * then each document goes through the stage, the bare recogniser and the classifier back to back, in
 * rotating order, so they are timed alike.
 */
@Command(name = "enrich", mixinStandardHelpOptions = true,
    description = {"Benchmark the enrich stage in this process (no Kafka or Elasticsearch needed).",
        "Reports documents/s and sentences/s per core (CPU time of the JVM's threads), the overhead over the bare",
        "entity recogniser on the same text (and over the classifier given the stage's tokens), each step's share,",
        "heap after GC and RSS, and the workers --rate needs."})
final class BenchEnrichCommand implements Callable<Integer> {

  @ParentCommand
  BenchCommand bench;

  @Option(names = "--corpus", description = "Folder of files to enrich (default: a generated corpus of --files files).")
  Path corpus;

  @Option(names = "--files", description = "Files to generate without --corpus (default: ${DEFAULT-VALUE}).", defaultValue = "300")
  int files;

  @Option(names = "--rounds", description = "Timed passes over the corpus, after one warm-up pass (default: ${DEFAULT-VALUE}).", defaultValue = "3")
  int rounds;

  @Option(names = "--rate", description = "Input rate in documents/s to size the worker count for (default: ${DEFAULT-VALUE}).", defaultValue = "100")
  double rate;

  @Option(names = "--json", description = "Print the report as one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    if (rounds < 1) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "--rounds must be at least 1");
    }
    Settings settings = bench.main.environment().settings();
    Path dir = corpus;
    if (dir == null) {
      dir = Files.createTempDirectory("newsflow-bench-enrich");
      System.err.println("bench enrich: generating " + files + " files in " + dir + " ...");
      new CorpusGenerator(1).generate(dir, files);
    } else if (!Files.isDirectory(dir)) {
      System.err.println("newsflow: not a folder: " + dir);
      return Main.EXIT_FAILURES;
    }
    List<ExtractedDocument> docs = extract(settings, dir);
    if (docs.isEmpty()) {
      System.err.println("newsflow: nothing could be extracted from " + dir);
      return Main.EXIT_FAILURES;
    }
    int maxChars = settings.integer("enrich.max-chars");
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, Object> report = new LinkedHashMap<>();
    try (Enricher enricher = Pipeline.enricher(settings)) {
      EntityRecognizer recognizer = settings.entityRecognizer() == Settings.EntityRecognizerKind.CORENLP
          ? CoreNlpRecognizer.shared() : EntityRecognizer.NONE;
      // Warm-up: loads the model and lets the JIT compile both paths.
      List<Enrichment> enriched = new ArrayList<>();
      for (ExtractedDocument d : docs) {
        enriched.add(enricher.enrich(d) instanceof Outcome.Success<Enrichment> s ? s.value() : null);
      }
      // The text the stage gives the recogniser, per document: null where the stage skips it (not English).
      List<String> recognised = new ArrayList<>();
      long sentences = 0;
      long words = 0;
      for (int i = 0; i < docs.size(); i++) {
        Enrichment e = enriched.get(i);
        String text = docs.get(i).text().length() > maxChars ? docs.get(i).text().substring(0, maxChars) : docs.get(i).text();
        recognised.add(e != null && (e.language() == null || e.language().equals("en")) ? text : null);
        // OpenNLP's count where the enricher made one (English), else the JDK's sentence boundaries.
        sentences += e != null && e.sentenceCount() != null ? e.sentenceCount() : sentences(text);
        words += e == null ? 0 : e.wordCount();
      }
      // The CRF alone, given the tokens the stage has made (outside the timing): the part of the bare
      // recogniser the stage still runs. Not the baseline, which stays CoreNLP as a user runs it alone.
      List<List<EntityRecognizer.Sentence>> tokens = new ArrayList<>();
      for (String text : recognised) {
        tokens.add(text == null ? null : Sentences.tokens(text, Sentences.sentences(text)));
        if (text != null) {
          recognizer.recognize(text);
          recognizer.recognize(text, tokens.get(tokens.size() - 1));
        }
      }

      com.sun.management.ThreadMXBean allocation = threads instanceof com.sun.management.ThreadMXBean t ? t : null;
      long gcMillis0 = gcMillis();
      Map<String, Long> stepNanos = new java.util.TreeMap<>();
      long[] stage = new long[3];
      long[] bare = new long[3];
      long[] classifier = new long[3];
      for (int r = 0; r < rounds; r++) {
        // Each document through the stage, the bare recogniser and the classifier alone back to back,
        // the order rotating from one document to the next: contention that drifts over seconds (other
        // processes on the machine) and cache effects of running first or last hit all alike.
        for (int i = 0; i < docs.size(); i++) {
          for (int k = 0; k < 3; k++) {
            int path = (i + r + k) % 3;
            if (path == 0) {
              ExtractedDocument d = docs.get(i);
              measure(threads, allocation, stage, () -> {
                if (enricher.enrich(d) instanceof Outcome.Success<Enrichment> s) {
                  for (Enrichment.EnricherRun run : s.value().enrichers()) {
                    stepNanos.merge(run.name(), run.took().toNanos(), Long::sum);
                  }
                }
              });
            } else if (recognised.get(i) != null && path == 1) {
              String text = recognised.get(i);
              measure(threads, allocation, bare, () -> recognizer.recognize(text));
            } else if (recognised.get(i) != null) {
              String text = recognised.get(i);
              List<EntityRecognizer.Sentence> tokenized = tokens.get(i);
              measure(threads, allocation, classifier, () -> recognizer.recognize(text, tokenized));
            }
          }
        }
      }
      long gcMillisTimed = gcMillis() - gcMillis0;
      long stageCpu = stage[0];
      long stageWall = stage[1];
      long bareCpu = bare[0];
      long bareWall = bare[1];
      int englishDocs = (int) recognised.stream().filter(java.util.Objects::nonNull).count();
      double stageSeconds = stageCpu / 1e9 / rounds;
      double bareSeconds = bareCpu / 1e9 / rounds;
      double docsPerCore = docs.size() / stageSeconds;

      System.gc();
      long heapAfterGc = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      report.put("corpus", dir.toString());
      report.put("documents", docs.size());
      report.put("english_documents", englishDocs);
      report.put("sentences", sentences);
      report.put("words", words);
      report.put("rounds", rounds);
      report.put("recogniser", recognizer.name() + "/" + recognizer.version());
      report.put("cpu_seconds_per_round", round(stageSeconds, 3));
      report.put("wall_seconds_per_round", round(stageWall / 1e9 / rounds, 3));
      report.put("documents_per_second_per_core", round(docsPerCore, 1));
      report.put("sentences_per_second_per_core", round(sentences / stageSeconds, 1));
      report.put("ms_per_document", round(stageSeconds * 1000 / docs.size(), 2));
      report.put("bare_recogniser_cpu_seconds_per_round", round(bareSeconds, 3));
      report.put("bare_recogniser_wall_seconds_per_round", round(bareWall / 1e9 / rounds, 3));
      // Everything the stage does beyond the recogniser's own call, over the recogniser's time.
      // Allocation drives the garbage collector, whose threads' CPU the figures above leave out (for both).
      report.put("allocated_mb_per_document", allocation == null ? null : round(stage[2] / 1048576.0 / rounds / docs.size(), 2));
      report.put("bare_recogniser_allocated_mb_per_document",
          allocation == null || englishDocs == 0 ? null : round(bare[2] / 1048576.0 / rounds / englishDocs, 2));
      report.put("gc_seconds_per_round", round(gcMillisTimed / 1000.0 / rounds, 3));
      report.put("overhead_over_recogniser_percent", bareSeconds == 0 ? null : round((stageSeconds - bareSeconds) / bareSeconds * 100, 1));
      // A stricter figure: over the recogniser given the stage's tokens, i.e. without the tokenizer the
      // stage no longer runs; everything else the stage does, OpenNLP's tokens included, counts.
      double classifierSeconds = classifier[0] / 1e9 / rounds;
      report.put("classifier_on_stage_tokens_cpu_seconds_per_round", round(classifierSeconds, 3));
      report.put("overhead_over_classifier_on_stage_tokens_percent",
          classifierSeconds == 0 ? null : round((stageSeconds - classifierSeconds) / classifierSeconds * 100, 1));
      // Each step's share of the stage's time, from the times recorded in enrichers (wall clock, so
      // contention inflates them all alike).
      long stepTotal = stepNanos.values().stream().mapToLong(Long::longValue).sum();
      Map<String, Object> steps = new LinkedHashMap<>();
      stepNanos.forEach((name, nanos) -> steps.put(name, round(100.0 * nanos / Math.max(1, stepTotal), 1)));
      report.put("step_share_percent", steps);
      report.put("heap_after_gc_mb", round(heapAfterGc / 1048576.0, 1));
      report.put("rss_mb", rssMegabytes());
      report.put("max_heap_mb", round(Runtime.getRuntime().maxMemory() / 1048576.0, 0));
      report.put("input_rate_documents_per_second", rate);
      // One worker thread keeps one core busy; a process adds enrich.workers threads over one shared model.
      report.put("workers_needed", (int) Math.ceil(rate / docsPerCore));
      report.put("cores", Runtime.getRuntime().availableProcessors());
    }
    if (json) {
      System.out.println(Json.encodeToString(report));
    } else {
      report.forEach((k, v) -> System.out.printf("%-40s %s%n", k, v));
    }
    return 0;
  }

  private static List<ExtractedDocument> extract(Settings settings, Path dir) throws Exception {
    List<Path> paths;
    try (Stream<Path> walk = Files.walk(dir)) {
      paths = walk.filter(Files::isRegularFile).sorted().toList();
    }
    List<ExtractedDocument> docs = new ArrayList<>();
    try (TikaExtractor extractor = new TikaExtractor(settings.extraction())) {
      for (Path file : paths) {
        BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class);
        SourceFile source = new SourceFile(file.toAbsolutePath().toUri(), file, attrs.size(),
            attrs.lastModifiedTime().toInstant(), Instant.now(), null);
        if (extractor.extract(source) instanceof Outcome.Success<ExtractedDocument> s && !s.value().text().isBlank()) {
          docs.add(s.value());
        }
      }
    }
    return docs;
  }

  /**
   * Runs {@code work} on this thread and adds the CPU time it took, wall time and bytes this thread
   * allocated to {@code totals}. The CPU time is that of every thread of the JVM, not only this one:
   * Lingua hands part of each detection to the common fork-join pool, which this thread's own clock
   * would leave out. (The collector's own threads are not Java threads; see gc_seconds_per_round.)
   */
  private static void measure(ThreadMXBean threads, com.sun.management.ThreadMXBean allocation, long[] totals, Runnable work) {
    long a0 = allocation == null ? 0 : allocation.getCurrentThreadAllocatedBytes();
    long c0 = jvmThreadsCpu(threads, allocation);
    long w0 = System.nanoTime();
    work.run();
    totals[1] += System.nanoTime() - w0;
    totals[0] += jvmThreadsCpu(threads, allocation) - c0;
    totals[2] += allocation == null ? 0 : allocation.getCurrentThreadAllocatedBytes() - a0;
  }

  /** Returns the CPU time of all live threads of this JVM, in ns (this thread's alone without the bulk call). */
  private static long jvmThreadsCpu(ThreadMXBean threads, com.sun.management.ThreadMXBean bulk) {
    if (bulk == null) {
      return threads.getCurrentThreadCpuTime();
    }
    long total = 0;
    for (long t : bulk.getThreadCpuTime(threads.getAllThreadIds())) {
      total += Math.max(0, t);
    }
    return total;
  }

  /** Returns the collection time of all garbage collectors so far, in ms. */
  private static long gcMillis() {
    long total = 0;
    for (java.lang.management.GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      total += Math.max(0, gc.getCollectionTime());
    }
    return total;
  }

  /** Counts sentences with the JDK's sentence boundaries (for text the enricher does not split: not English). */
  static long sentences(String text) {
    java.text.BreakIterator it = java.text.BreakIterator.getSentenceInstance(java.util.Locale.ENGLISH);
    it.setText(text);
    long n = 0;
    int start = it.first();
    for (int end = it.next(); end != java.text.BreakIterator.DONE; start = end, end = it.next()) {
      if (!text.substring(start, end).isBlank()) {
        n++;
      }
    }
    return n;
  }

  /** Returns this process's resident set size in MB from /proc (Linux), or null elsewhere. */
  static Double rssMegabytes() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return round(Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0, 1);
        }
      }
    } catch (java.io.IOException | NumberFormatException e) {
      // not Linux
    }
    return null;
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
