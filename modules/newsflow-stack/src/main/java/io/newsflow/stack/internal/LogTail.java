package io.newsflow.stack.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Reads the last lines a service wrote to its log, for error messages. Not part of the API. */
public final class LogTail {

  // A Kafka stack trace line rarely exceeds a few hundred bytes; 64 KiB holds far more than 15 lines.
  private static final int WINDOW_BYTES = 64 * 1024;
  private static final int MAX_LINE_CHARS = 400;

  private LogTail() {}

  /**
   * Returns up to {@code lines} last lines written at or after byte {@code fromOffset}, each cut to
   * 400 characters; empty when the file is missing or unreadable, since this only decorates an
   * error that is already being reported.
   */
  public static List<String> read(Path file, long fromOffset, int lines) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long start = Math.max(Math.max(0, fromOffset), length - WINDOW_BYTES);
      if (start >= length) {
        return List.of();
      }
      byte[] bytes = new byte[(int) (length - start)];
      in.seek(start);
      in.readFully(bytes);
      List<String> all = new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R")));
      all.removeIf(String::isBlank);
      List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
      return tail.stream()
          .map(line -> line.length() > MAX_LINE_CHARS ? line.substring(0, MAX_LINE_CHARS) + " ..." : line)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Appends to {@code message} the last 15 lines {@code file} got since {@code fromOffset}, under a
   * heading naming the file and indented, ready for a {@code StackException}; appends nothing when
   * there are none.
   */
  public static void appendTail(StringBuilder message, Path file, long fromOffset) {
    List<String> tail = read(file, fromOffset, 15);
    if (tail.isEmpty()) {
      return;
    }
    message.append("\n  last lines of ").append(file).append(':');
    tail.forEach(line -> message.append("\n    ").append(line));
  }

  /** Returns the current size of {@code file}, 0 when absent: where the next run's output will start. */
  public static long sizeOf(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.size(file) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
