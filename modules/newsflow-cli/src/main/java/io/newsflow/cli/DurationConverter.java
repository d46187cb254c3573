package io.newsflow.cli;

import java.time.Duration;
import picocli.CommandLine;

/** Reads {@code 30s}, {@code 5m}, {@code 200ms} or ISO-8601 ({@code PT5M}) durations from the command line. */
final class DurationConverter implements CommandLine.ITypeConverter<Duration> {
  @Override
  public Duration convert(String value) {
    if (value.startsWith("P") || value.startsWith("p")) {
      return Duration.parse(value);
    }
    Duration d = Settings.parseDuration(value);
    if (d == null) {
      throw new CommandLine.TypeConversionException("'" + value + "' is not a duration like 30s, 5m or 200ms");
    }
    return d;
  }
}
