package io.newsflow.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class KeyPhrasesTest {

  @Test
  void recurringPhrasesRankFirstAndStopWordsSplitThem() {
    String text = "The Elwin Harbour Bridge reopened. Crowds crossed the Elwin Harbour Bridge on foot. "
        + "The storm damage forced a detour; storm damage also hit the ferry pier. The bridge is open.";

    assertThat(KeyPhrases.top(text, 5))
        .hasSize(5)
        .startsWith("elwin harbour bridge", "storm damage")
        .doesNotContain("harbour bridge", "bridge", "storm damage forced", "the bridge");
  }

  @Test
  void aPhraseInsideAChosenOneAndSingleWordsSeenOnceAreDropped() {
    assertThat(KeyPhrases.top("Ferry timetable changes. The ferry timetable changes again. Ferry.", 5))
        .containsExactly("ferry timetable changes");
  }
}
