package io.newsflow.extract.html.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class DatesTest {

  @Test
  void parsesIsoDatesWithAndWithoutZone() {
    assertThat(Dates.parseMachine("2024-03-04T09:30:00+01:00")).isEqualTo(Instant.parse("2024-03-04T08:30:00Z"));
    assertThat(Dates.parseMachine("2024-03-04T09:30:00Z")).isEqualTo(Instant.parse("2024-03-04T09:30:00Z"));
    assertThat(Dates.parseMachine("2024-03-04 09:30")).isEqualTo(Instant.parse("2024-03-04T09:30:00Z"));
    assertThat(Dates.parseMachine("2024-03-04T09:30:00+0100")).isEqualTo(Instant.parse("2024-03-04T08:30:00Z"));
    assertThat(Dates.parseMachine("2024-03-04")).isEqualTo(Instant.parse("2024-03-04T00:00:00Z"));
  }

  @Test
  void parsesRfc1123() {
    assertThat(Dates.parseMachine("Mon, 4 Mar 2024 09:30:00 GMT")).isEqualTo(Instant.parse("2024-03-04T09:30:00Z"));
  }

  @Test
  void findsHumanDatesInEnglishGermanAndFrench() {
    assertThat(Dates.findInText("Published March 4th, 2024 by staff")).isEqualTo(Instant.parse("2024-03-04T00:00:00Z"));
    assertThat(Dates.findInText("Stand: 20. April 2020, 14:57 Uhr")).isEqualTo(Instant.parse("2020-04-20T00:00:00Z"));
    assertThat(Dates.findInText("am 04.03.2024")).isEqualTo(Instant.parse("2024-03-04T00:00:00Z"));
    assertThat(Dates.findInText("le 4 juin 2021")).isEqualTo(Instant.parse("2021-06-04T00:00:00Z"));
  }

  @Test
  void rejectsImplausibleAndInvalidDates() {
    assertThat(Dates.parseMachine("2024-13-45")).isNull();
    assertThat(Dates.parseMachine("0001-01-01")).isNull();
    assertThat(Dates.parseMachine("not a date")).isNull();
    assertThat(Dates.findInText("Order 12.34.5678 now")).isNull();
  }
}
