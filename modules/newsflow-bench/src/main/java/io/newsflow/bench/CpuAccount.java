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

  /** CPU seconds per role, and the whole machine's busy seconds (all processes, all cores). */
  public record Snapshot(Map<String, Double> seconds, double machineBusy) {

    /** Returns what was spent from {@code before} to this snapshot, per role and for the machine. */
    public Snapshot since(Snapshot before) {
      Map<String, Double> out = new LinkedHashMap<>();
      seconds.forEach((role, s) -> out.put(role, Math.max(0, s - before.seconds.getOrDefault(role, 0.0))));
      return new Snapshot(out, machineBusy - before.machineBusy);
    }
  }

  private CpuAccount() {}

  /** Reads the CPU seconds of {@code roles} now; roles whose process is gone or unreadable are left out. */
  public static Snapshot take(List<Role> roles) {
    Map<String, Double> out = new LinkedHashMap<>();
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
      if (role.ownTime()) {
        ticks += root.get()[0] + root.get()[1];
      }
      if (role.descendantsTime()) {
        ticks += root.get()[2] + root.get()[3];
        ticks += ProcessHandle.of(role.pid()).map(h -> descendantTicks(h, others)).orElse(0L);
      }
      out.merge(role.name(), ticks / TICKS_PER_SECOND, Double::sum);
    }
    return new Snapshot(out, machineBusy());
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
