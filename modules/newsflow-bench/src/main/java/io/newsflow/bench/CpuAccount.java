package io.newsflow.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CPU time spent by the processes of a benchmark run, read from Linux's {@code /proc}: for each role
 * (Elasticsearch, Kafka, the stage process, the importer, its parse workers) the user + system seconds
 * of its processes, so that a run can say where its CPU went. A snapshot before and one after give the
 * account of what ran in between. Elsewhere than on Linux every snapshot is empty. Thread-safe.
 *
 * <p>A role is a root process, optionally with its descendants (the worker JVMs Tika's pipes fork, the
 * Elasticsearch node under its launcher). A descendant that ended between the snapshots is counted too:
 * once its parent has waited for it, the kernel adds its time to the parent's children total
 * ({@code cutime}, {@code cstime}), which the snapshot reads.
 */
public final class CpuAccount {

  // USER_HZ, the unit of /proc's times: 100 on every Linux architecture newsflow runs on.
  private static final double TICKS_PER_SECOND = 100.0;

  /** One role: a process, counted alone or with its descendants. */
  public record Role(String name, long pid, boolean ownTime, boolean descendantsTime) {}

  /**
   * CPU seconds per role, the whole machine's busy seconds (all processes, all cores), and per role the part of its
   * seconds that its live processes' JIT compiler threads spent ({@code C1 CompilerThread*}, {@code C2 CompilerThread*}):
   * on a young JVM compiling can cost more than the work itself. The JVM may stop a compiler thread it started when
   * there is little to compile (with 2 cores it keeps one of each); the time of a stopped one is not in the figure.
   */
  public record Snapshot(Map<String, Double> seconds, double machineBusy, Map<String, Double> compilerSeconds) {

    public Snapshot(Map<String, Double> seconds, double machineBusy) {
      this(seconds, machineBusy, Map.of());
    }

    /** Returns what was spent from {@code before} to this snapshot, per role and for the machine. */
    public Snapshot since(Snapshot before) {
      return new Snapshot(minus(seconds, before.seconds), machineBusy - before.machineBusy, minus(compilerSeconds, before.compilerSeconds));
    }

    private static Map<String, Double> minus(Map<String, Double> after, Map<String, Double> before) {
      Map<String, Double> out = new LinkedHashMap<>();
      after.forEach((role, s) -> out.put(role, Math.max(0, s - before.getOrDefault(role, 0.0))));
      return out;
    }
  }

  private CpuAccount() {}

  /** Reads the CPU seconds of {@code roles} now; roles whose process is gone or unreadable are left out. */
  public static Snapshot take(List<Role> roles) {
    Map<String, Double> out = new LinkedHashMap<>();
    Map<String, Double> compiler = new LinkedHashMap<>();
    for (Role role : roles) {
      // A role's descendants stop at another role's process: the local stack's Elasticsearch and Kafka are children
      // of the stage process, whose own descendants are otherwise its parse workers.
      java.util.Set<Long> others = new java.util.HashSet<>();
      for (Role other : roles) {
        if (other.pid() != role.pid()) {
          others.add(other.pid());
        }
      }
      Optional<long[]> root = times(role.pid());
      if (root.isEmpty()) {
        continue;
      }
      long ticks = 0;
      long compilerTicks = 0;
      if (role.ownTime()) {
        ticks += root.get()[0] + root.get()[1];
        compilerTicks += compilerTicks(role.pid());
      }
      if (role.descendantsTime()) {
        ticks += root.get()[2] + root.get()[3];
        ticks += ProcessHandle.of(role.pid()).map(h -> descendantTicks(h, others)).orElse(0L);
        compilerTicks += ProcessHandle.of(role.pid()).map(h -> descendantCompilerTicks(h, others)).orElse(0L);
      }
      out.merge(role.name(), ticks / TICKS_PER_SECOND, Double::sum);
      compiler.merge(role.name(), compilerTicks / TICKS_PER_SECOND, Double::sum);
    }
    return new Snapshot(out, machineBusy(), compiler);
  }

  /** The compiler threads' ticks of {@code process}'s live descendants, not entering the subtree of any pid in {@code stops}. */
  private static long descendantCompilerTicks(ProcessHandle process, java.util.Set<Long> stops) {
    return process.children().filter(c -> !stops.contains(c.pid()))
        .mapToLong(c -> compilerTicks(c.pid()) + descendantCompilerTicks(c, stops)).sum();
  }

  /** utime + stime of the JIT compiler threads of {@code pid}, from {@code /proc/PID/task/TID/stat}; 0 if unreadable. */
  static long compilerTicks(long pid) {
    try (java.util.stream.Stream<Path> tasks = Files.list(Path.of("/proc", String.valueOf(pid), "task"))) {
      return tasks.mapToLong(task -> {
        try {
          String stat = Files.readString(task.resolve("stat"));
          if (!isCompilerThread(threadName(stat))) {
            return 0;
          }
          long[] t = parseStat(stat);
          return t[0] + t[1];
        } catch (IOException | RuntimeException e) {
          return 0; // the thread ended meanwhile
        }
      }).sum();
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** The thread (or process) name of a {@code /proc/.../stat} line: between the first '(' and the last ')'. */
  static String threadName(String stat) {
    return stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
  }

  /** Tells a HotSpot JIT compiler thread by its name, which Linux cuts to 15 characters ({@code C2 CompilerThre}). */
  static boolean isCompilerThread(String name) {
    return name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre");
  }

  /** The own ticks of {@code process}'s descendants, not entering the subtree of any pid in {@code stops}. */
  private static long descendantTicks(ProcessHandle process, java.util.Set<Long> stops) {
    return process.children().filter(c -> !stops.contains(c.pid()))
        .mapToLong(c -> times(c.pid()).map(t -> t[0] + t[1]).orElse(0L) + descendantTicks(c, stops)).sum();
  }

  /** utime, stime, cutime, cstime of {@code pid} in ticks, or empty. */
  static Optional<long[]> times(long pid) {
    try {
      return Optional.of(parseStat(Files.readString(Path.of("/proc", String.valueOf(pid), "stat"))));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Parses a {@code /proc/PID/stat} line: fields 14 to 17 (after the command name, which may hold spaces). */
  static long[] parseStat(String stat) {
    String[] f = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
    // f[0] is field 3 (state): utime is field 14, so f[11].
    return new long[] {Long.parseLong(f[11]), Long.parseLong(f[12]), Long.parseLong(f[13]), Long.parseLong(f[14])};
  }

  private static double machineBusy() {
    try {
      String cpu = Files.readAllLines(Path.of("/proc/stat")).get(0);
      String[] f = cpu.trim().split("\\s+");
      long busy = 0;
      for (int i = 1; i < f.length && i <= 8; i++) {
        if (i != 4 && i != 5) { // idle, iowait
          busy += Long.parseLong(f[i]);
        }
      }
      return busy / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }
}
