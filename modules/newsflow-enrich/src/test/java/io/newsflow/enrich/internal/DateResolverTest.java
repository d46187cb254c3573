package io.newsflow.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.Entities.DateMention;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DateResolverTest {

  private static String valueOf(DateResolver.Result r, String text) {
    return r.dates().stream().filter(d -> d.text().equals(text)).map(DateMention::value).findFirst().orElse(null);
  }

  @Test
  void aDatelineGivesThePublicationDateAndWeekdaysResolveToThePastWeek() {
    // 3 March 2026 is a Tuesday.
    String text = "March 3, 2026 — The bridge reopened on Tuesday. Crews tested it on Sunday.";

    DateResolver.Result r = DateResolver.resolve(text, null, Map.of());

    assertThat(r.published().date()).isEqualTo(LocalDate.of(2026, 3, 3));
    assertThat(r.published().source()).isEqualTo(DateResolver.Source.DATELINE);
    assertThat(valueOf(r, "on Tuesday")).isEqualTo("2026-03-03");
    assertThat(valueOf(r, "on Sunday")).isEqualTo("2026-03-01");
    assertThat(valueOf(r, "March 3, 2026")).isEqualTo("2026-03-03");
  }

  @Test
  void futureCuesAndNextPointForwardLastPointsBack() {
    String text = "3 March 2026. The council will vote on Friday. The mayor spoke last Tuesday; the ferry stops next Monday.";

    DateResolver.Result r = DateResolver.resolve(text, null, Map.of());

    assertThat(valueOf(r, "on Friday")).isEqualTo("2026-03-06");
    assertThat(valueOf(r, "last Tuesday")).isEqualTo("2026-02-24");
    assertThat(valueOf(r, "next Monday")).isEqualTo("2026-03-09");
  }

  @Test
  void metadataWinsOverTheTextAndDatesWithoutAYearTakeItsYear() {
    String text = "The festival opened on June 19 and closes yesterday's stage. 1 January 2020 was different.";

    DateResolver.Result r = DateResolver.resolve(text, null, Map.of("article:published_time", "2023-06-20T08:00:00Z"));

    assertThat(r.published().date()).isEqualTo(LocalDate.of(2023, 6, 20));
    assertThat(r.published().source()).isEqualTo(DateResolver.Source.METADATA);
    assertThat(valueOf(r, "June 19")).isEqualTo("2023-06-19");
    assertThat(valueOf(r, "yesterday")).isEqualTo("2023-06-19");
    assertThat(valueOf(r, "1 January 2020")).isEqualTo("2020-01-01");
  }

  @Test
  void aCreatedDateCountsAsMetadataAndAFullDateDeepInTheTextAsText() {
    String body = "x".repeat(DateResolver.DATELINE_CHARS) + " The report of 2024-11-05 says so.";

    assertThat(DateResolver.resolve(body, null, Map.of()).published())
        .isEqualTo(new DateResolver.Published(LocalDate.of(2024, 11, 5), DateResolver.Source.TEXT));
    assertThat(DateResolver.resolve(body, Instant.parse("2025-01-02T23:00:00Z"), Map.of()).published())
        .isEqualTo(new DateResolver.Published(LocalDate.of(2025, 1, 2), DateResolver.Source.METADATA));
  }

  @Test
  void withoutAPublicationDateRelativeDatesAreLeftOut() {
    DateResolver.Result r = DateResolver.resolve("They met on Monday, and may meet again.", null, Map.of());

    assertThat(r.published()).isNull();
    assertThat(r.dates()).isEmpty();
  }
}
