package io.newsflow.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.newsflow.api.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Keeps import jobs on disk, one folder each under {@code <data>/jobs/<id>/}: {@code job.json} (what
 * was asked), {@code journal.jsonl} (one {@link JournalEntry} per line, appended as items finish) and
 * {@code finished.json} (written when a run ends without being interrupted). Plain files: a job
 * survives {@code kill -9}, and a reader skips the torn last line such a kill can leave.
 *
 * <p>Thread-safe for distinct jobs; one job is run by one process at a time.
 */
public final class JobStore {

  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  private final Path root;

  public JobStore(Path root) {
    this.root = root;
  }

  /**
   * Describes an import job as it was asked for.
   *
   * @param id job id
   * @param created when the job was created
   * @param paths the paths given, absolute
   * @param listFile the list file given, absolute, or {@code null}
   * @param reprocess whether unchanged items were to be processed again
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record JobSpec(String id, Instant created, List<String> paths, String listFile, boolean reprocess) {
    public JobSpec {
      Objects.requireNonNull(id, "id");
      paths = paths == null ? List.of() : List.copyOf(paths);
    }

    public List<Path> pathList() {
      return paths.stream().map(Path::of).toList();
    }

    public Path listFilePath() {
      return listFile == null ? null : Path.of(listFile);
    }

    boolean sameSources(JobSpec other) {
      return paths.equals(other.paths) && Objects.equals(listFile, other.listFile) && reprocess == other.reprocess;
    }
  }

  /** Returns a fresh job id: time of creation plus a random suffix, e.g. {@code import-20261122-113000-3f9a}. */
  public static String newId(Instant now) {
    return "import-" + ID_TIME.format(now) + "-" + String.format("%04x", ThreadLocalRandom.current().nextInt(0x10000));
  }

  /** Creates the job's folder and writes its {@code job.json}. */
  public JobSpec create(JobSpec spec) throws IOException {
    Path dir = dir(spec.id());
    Files.createDirectories(dir);
    Path tmp = dir.resolve("job.json.tmp");
    Files.write(tmp, Json.encode(spec));
    Files.move(tmp, dir.resolve("job.json"), java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    return spec;
  }

  /** Returns the job with this id, if there is one. */
  public Optional<JobSpec> find(String id) {
    if (!id.matches("[A-Za-z0-9._-]+")) {
      return Optional.empty();
    }
    Path file = dir(id).resolve("job.json");
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.decode(Files.readAllBytes(file), JobSpec.class));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Lists every job, newest first. */
  public List<JobSpec> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<JobSpec> jobs = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(root)) {
      dirs.forEach(d -> find(d.getFileName().toString()).ifPresent(jobs::add));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + root, e);
    }
    jobs.sort(Comparator.comparing(JobSpec::created).reversed());
    return jobs;
  }

  /** Returns the newest job over the same sources that never finished: the one a rerun resumes. */
  public Optional<JobSpec> latestUnfinished(JobSpec like) {
    return list().stream().filter(j -> j.sameSources(like)).findFirst().filter(j -> !isFinished(j.id()));
  }

  /** Opens the job's journal for appending; the caller closes it. */
  public JobJournal journal(String id) throws IOException {
    return new JobJournal(dir(id).resolve("journal.jsonl"));
  }

  /** Reads the job's journal in order; a torn or unreadable line (after a kill) is skipped. */
  public void read(String id, Consumer<JournalEntry> each) {
    Path file = dir(id).resolve("journal.jsonl");
    if (!Files.exists(file)) {
      return;
    }
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isBlank()) {
          continue;
        }
        JournalEntry entry;
        try {
          entry = Json.decode(line.getBytes(StandardCharsets.UTF_8), JournalEntry.class);
        } catch (RuntimeException e) {
          continue; // the half-written last line of a killed run
        }
        each.accept(entry);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** Marks the job as run to its end. */
  public void finish(String id, Object summary) throws IOException {
    Files.write(dir(id).resolve("finished.json"), Json.encode(summary));
  }

  /** Marks the job as running again (a resume or a retry). */
  public void reopen(String id) throws IOException {
    Files.deleteIfExists(dir(id).resolve("finished.json"));
  }

  public boolean isFinished(String id) {
    return Files.exists(dir(id).resolve("finished.json"));
  }

  private Path dir(String id) {
    return root.resolve(id);
  }
}
