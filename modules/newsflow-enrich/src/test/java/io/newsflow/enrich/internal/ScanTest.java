package io.newsflow.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ScanTest {

  @Test
  void findsWhatFindFindsWhenEveryMatchBeginsWithAnInitial() {
    Pattern weekday = Pattern.compile("\\b(?:(?:on|last)\\s+)?(Monday|Tuesday)\\b", Pattern.CASE_INSENSITIVE);
    String text = "On Monday, lastMonday and last Tuesday; xMonday, monday.\nTuesday's vote; on  Tuesday";

    List<String> scanned = Scan.findAll(weekday, text, Scan.initials("olmtOLMT")).stream().map(m -> m.start() + "-" + m.end()).toList();

    assertThat(scanned).hasSize(5).isEqualTo(find(weekday, text));
  }

  private static List<String> find(Pattern p, String text) {
    List<String> out = new ArrayList<>();
    Matcher m = p.matcher(text);
    while (m.find()) {
      out.add(m.start() + "-" + m.end());
    }
    return out;
  }
}
