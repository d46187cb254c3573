package io.newsflow.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentencesTest {

  @Test
  void abbreviationsAndInitialsDoNotEndASentence() {
    String text = "Mr. Blinken met Xi Jinping in Beijing on Monday. The U.S. and China agreed to keep talking. "
        + "\"We made progress,\" he said.";

    assertThat(Sentences.count(text).sentences()).isEqualTo(3);
  }

  @Test
  void tokensSplitPunctuationAndClitics() {
    // Mr. | Blinken | did | n't | say | , | " | No | . | "  (UD English-EWT splits "didn't")
    assertThat(Sentences.count("Mr. Blinken didn't say, \"No.\"").tokens()).isBetween(9, 11);
    assertThat(Sentences.count("").sentences()).isZero();
  }
}
