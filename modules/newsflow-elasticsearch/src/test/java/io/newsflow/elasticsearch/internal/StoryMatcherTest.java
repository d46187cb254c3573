package io.newsflow.elasticsearch.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StoryMatcherTest {

  /** Builds an indexed document as Elasticsearch returns it: entities as "type:key" pairs. */
  private static Map<String, Object> doc(String seenAt, String published, String... typedKeys) {
    List<Map<String, Object>> entities = new ArrayList<>();
    for (String typed : typedKeys) {
      String type = typed.substring(0, typed.indexOf(':')).toUpperCase(java.util.Locale.ROOT);
      entities.add(Map.of("key", typed, "type", type));
    }
    Map<String, Object> enrichment = new LinkedHashMap<>();
    enrichment.put("entities", entities);
    if (published != null) {
      enrichment.put("published_date", published);
    }
    return Map.of("seen_at", seenAt, "enrichment", enrichment);
  }

  // Three invented outlets on the bridge reopening, in different words, and two unrelated pieces.
  private static final Map<String, Object> HERALD = doc("2026-03-04T08:00:00Z", "2026-03-03", "person:tomas-reyvik",
      "person:ilse-varga", "person:mara-okonkwo", "location:elwin-harbour-bridge", "location:port-elwin",
      "organization:coastal-herald", "location:northgate");
  private static final Map<String, Object> WIRE = doc("2026-03-04T09:00:00Z", null, "person:tomas-reyvik",
      "person:ilse-varga", "location:port-elwin", "location:elwin-harbour-bridge");
  private static final Map<String, Object> TIMES = doc("2026-03-04T10:00:00Z", "2026-03-03", "person:tomas-reyvik",
      "person:jonah-pell", "organization:valley-times", "location:port-elwin");
  private static final Map<String, Object> ORCHESTRA = doc("2026-03-04T10:00:00Z", null,
      "organization:northgate-philharmonic", "person:anneli-strand", "location:northgate");
  private static final Map<String, Object> LATER_VISIT = doc("2026-04-20T10:00:00Z", "2026-04-20", "person:tomas-reyvik",
      "person:ilse-varga", "location:port-elwin");

  @Test
  void outletsReportingTheSameEventMatch() {
    assertThat(StoryMatcher.sameEvent(HERALD, WIRE)).isTrue();
    assertThat(StoryMatcher.sameEvent(WIRE, TIMES)).isTrue();
    assertThat(StoryMatcher.sameEvent(TIMES, HERALD)).isTrue();
  }

  @Test
  void sharingOnlyAPlaceIsNotTheSameEvent() {
    assertThat(StoryMatcher.sameEvent(HERALD, ORCHESTRA)).isFalse();
    assertThat(StoryMatcher.overlap(StoryMatcher.weightedKeys(HERALD), StoryMatcher.weightedKeys(ORCHESTRA))).isZero();
  }

  @Test
  void theSamePeopleWeeksLaterAreAnotherStory() {
    assertThat(StoryMatcher.sameEvent(HERALD, LATER_VISIT)).isFalse();
  }

  @Test
  void aDatedArticleImportedMonthsLaterStillJoinsUndatedCoverageImportedWithIt() {
    Map<String, Object> archived = doc("2026-11-22T10:00:00Z", "2026-03-03", "person:tomas-reyvik", "person:ilse-varga");
    Map<String, Object> undated = doc("2026-11-22T10:05:00Z", null, "person:tomas-reyvik", "person:ilse-varga");

    assertThat(StoryMatcher.sameEvent(archived, undated)).isTrue();
  }

  @Test
  void theEventDateIsThePublicationDateElseTheDayFirstSeen() {
    assertThat(StoryMatcher.eventDate(HERALD)).hasToString("2026-03-03");
    assertThat(StoryMatcher.eventDate(WIRE)).hasToString("2026-03-04");
  }
}
