package io.newsflow.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.EntityRecognizer;
import java.util.ArrayList;
import java.util.List;
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

  @Test
  void tokensAreGivenWithOffsetsIntoTheText() {
    String text = "Ilse Varga spoke.\nMayor Tomas Reyvik, 54, agreed.";

    List<EntityRecognizer.Sentence> sentences = Sentences.tokens(text, Sentences.sentences(text));

    List<String> words = new ArrayList<>();
    for (EntityRecognizer.Sentence s : sentences) {
      for (int i = 0; i < s.size(); i++) {
        words.add(text.substring(s.starts()[i], s.ends()[i]));
      }
    }
    assertThat(words).containsExactly("Ilse", "Varga", "spoke", ".", "Mayor", "Tomas", "Reyvik", ",", "54", ",", "agreed", ".");
    assertThat(Sentences.count(sentences)).isEqualTo(new Sentences.Counts(2, 12));
  }
}
