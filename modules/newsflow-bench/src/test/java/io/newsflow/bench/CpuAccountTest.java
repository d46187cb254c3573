package io.newsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

class CpuAccountTest {

  @Test
  void compilerThreadsAreToldByTheirCutName() {
    String stat = "4242 (C2 CompilerThre) S 1 4242 4242 0 -1 4194368 0 0 0 0 1500 30 0 0 20 0 1 0 100 0 0";
    assertThat(CpuAccount.threadName(stat)).isEqualTo("C2 CompilerThre");
    assertThat(CpuAccount.isCompilerThread(CpuAccount.threadName(stat))).isTrue();
    assertThat(CpuAccount.isCompilerThread("C1 CompilerThre")).isTrue();
    assertThat(CpuAccount.isCompilerThread("elasticsearch[n")).isFalse();
    assertThat(CpuAccount.isCompilerThread("java")).isFalse();
    assertThat(CpuAccount.threadName("7 (a (b) c) R 1")).isEqualTo("a (b) c");
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aSnapshotSplitsOutWhatThisJvmsCompilerThreadsSpent() {
    List<CpuAccount.Role> roles = List.of(new CpuAccount.Role("self", ProcessHandle.current().pid(), true, false));
    CpuAccount.Snapshot snapshot = CpuAccount.take(roles);
    // This test JVM has compiled classes by now: its compiler threads have used some CPU, never more than the process.
    assertThat(snapshot.compilerSeconds().get("self")).isPositive().isLessThanOrEqualTo(snapshot.seconds().get("self"));
  }

  @Test
  void readsTheTimesAfterACommandNameWithSpacesAndParentheses() {
    String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 1000 0 0 0 1234 567 89 10 20 0 42 0 100 1000000 5000";
    assertThat(CpuAccount.parseStat(stat)).containsExactly(1234L, 567L, 89L, 10L);
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aChildThatIsARoleOfItsOwnIsNotCountedTwice() throws Exception {
    Process child = new ProcessBuilder("sh", "-c", "while :; do :; done").start();
    try {
      List<CpuAccount.Role> roles = List.of(new CpuAccount.Role("children", ProcessHandle.current().pid(), false, true),
          new CpuAccount.Role("spinner", child.pid(), true, true));
      CpuAccount.Snapshot snapshot = afterSpinning(roles, "spinner");
      assertThat(snapshot.seconds().get("spinner")).isGreaterThanOrEqualTo(0.3);
      assertThat(snapshot.seconds().get("children")).isLessThan(0.3);
    } finally {
      child.destroyForcibly().waitFor();
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aRoleCountsItsOwnDescendantsEvenWhenItIsTheChildOfAnotherRole() throws Exception {
    // Like Elasticsearch: a launcher (here a shell) whose child does the work, itself a child of another role.
    Process launcher = new ProcessBuilder("sh", "-c", "sh -c 'while :; do :; done' & wait").start();
    try {
      List<CpuAccount.Role> roles = List.of(new CpuAccount.Role("children", ProcessHandle.current().pid(), false, true),
          new CpuAccount.Role("launcher", launcher.pid(), true, true));
      CpuAccount.Snapshot snapshot = afterSpinning(roles, "launcher");
      assertThat(snapshot.seconds().get("launcher")).isGreaterThanOrEqualTo(0.3);
      assertThat(snapshot.seconds().get("children")).isLessThan(0.3);
    } finally {
      launcher.descendants().forEach(ProcessHandle::destroyForcibly);
      launcher.destroyForcibly().waitFor();
    }
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void accountsForTheCpuThisProcessSpendsBetweenTwoSnapshots() {
    List<CpuAccount.Role> roles = List.of(new CpuAccount.Role("self", ProcessHandle.current().pid(), true, false),
        new CpuAccount.Role("gone", Long.MAX_VALUE, true, true));
    CpuAccount.Snapshot before = CpuAccount.take(roles);
    // Spin for 300 ms of this thread's CPU (not wall) time: on a loaded machine wall time says little.
    java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
    long until = threads.getCurrentThreadCpuTime() + 300_000_000L;
    long giveUp = System.nanoTime() + 60_000_000_000L;
    double x = 0;
    while (threads.getCurrentThreadCpuTime() < until && System.nanoTime() < giveUp) {
      x += Math.sqrt(x + 1);
    }
    CpuAccount.Snapshot spent = CpuAccount.take(roles).since(before);
    assertThat(x).isPositive();
    assertThat(spent.seconds()).containsOnlyKeys("self");
    assertThat(spent.seconds().get("self")).isBetween(0.25, 60.0);
    assertThat(spent.machineBusy()).isGreaterThanOrEqualTo(spent.seconds().get("self") - 0.05);
  }

  /** Waits (at most a minute) until {@code role} has spent 0.3 CPU seconds, and returns the snapshot taken then. */
  private static CpuAccount.Snapshot afterSpinning(List<CpuAccount.Role> roles, String role) throws InterruptedException {
    long giveUp = System.nanoTime() + 60_000_000_000L;
    while (CpuAccount.take(roles).seconds().getOrDefault(role, 0.0) < 0.3 && System.nanoTime() < giveUp) {
      Thread.sleep(50);
    }
    return CpuAccount.take(roles);
  }
}
