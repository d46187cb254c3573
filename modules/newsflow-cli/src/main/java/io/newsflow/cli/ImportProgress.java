package io.newsflow.cli;

import io.newsflow.ingest.Importer;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Shows an import's progress: on a terminal, one bar redrawn in place with rate and ETA; otherwise
 * (a log, a pipe) a plain line every {@code every} reports. The total comes from a count running on
 * another thread; until it is known there is no percentage and no ETA.
 *
 * <p>Called from one thread at a time (the importer's).
 */
final class ImportProgress implements java.util.function.Consumer<Importer.Progress> {

  private static final int BAR = 28;

  private final PrintStream out;
  private final boolean terminal;
  private final long started = System.nanoTime();
  /** Items in the job, or -1 while still being counted. */
  final AtomicLong total = new AtomicLong(-1);
  private int reports;
  private boolean drawn;

  ImportProgress(PrintStream out, boolean terminal) {
    this.out = out;
    this.terminal = terminal;
  }

  @Override
  public void accept(Importer.Progress p) {
    reports++;
    if (!terminal && reports % 5 != 1) {
      return; // a line every ten seconds or so is enough in a log
    }
    out.print(terminal ? "\r" + line(p) + "\033[K" : line(p) + "\n");
    out.flush();
    drawn = true;
  }

  /** Ends the bar's line, so what follows starts on a line of its own. */
  void finish() {
    if (terminal && drawn) {
      out.println();
    }
  }

  String line(Importer.Progress p) {
    double seconds = Math.max(0.001, (System.nanoTime() - started) / 1e9);
    long done = p.done();
    double rate = done / seconds;
    long position = p.resumed() + done;
    long all = total.get();
    StringBuilder sb = new StringBuilder("import ");
    if (all > 0) {
      double fraction = Math.min(1.0, position / (double) all);
      if (terminal) {
        int filled = (int) Math.round(fraction * BAR);
        sb.append('[').append("=".repeat(filled)).append(" ".repeat(BAR - filled)).append("] ");
      }
      sb.append(String.format("%3.0f%% %d/%d", fraction * 100, position, all));
    } else {
      sb.append(position).append(" items");
    }
    sb.append(String.format("  %.1f/s", rate));
    if (all > 0 && rate > 0) {
      sb.append("  ETA ").append(clock((long) Math.max(0, (all - position) / rate)));
    }
    sb.append(String.format("  (%d published, %d unchanged, %d duplicates, %d failed", p.published(), p.unchanged(),
        p.duplicates(), p.failed()));
    if (p.resumed() > 0) {
      sb.append(", ").append(p.resumed()).append(" done before");
    }
    return sb.append(')').toString();
  }

  static String clock(long seconds) {
    return seconds >= 3600 ? String.format("%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
        : String.format("%d:%02d", seconds / 60, seconds % 60);
  }
}
