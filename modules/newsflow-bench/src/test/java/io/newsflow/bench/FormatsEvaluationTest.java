package io.newsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsEvaluationTest {

  @Test
  void javaEscapesOfTheManifestLiteralsAreDecoded() {
    assertThat(FormatsEvaluation.unescapeJava("voil\\u00E0!\\tx\\\\y")).isEqualTo("voil\u00e0!\tx\\y");
  }

  @Test
  void aLiteralWhoseBackslashesTheManifestAlreadyDecodedIsFoundAsWritten() {
    String output = FormatsEvaluation.normalise("origin: C:\\Users\\tallison\\embed1.zip\n\u00b7\tBullet one");

    // As written: a Windows path, not a tab before "allison".
    assertThat(FormatsEvaluation.found(output, "C:\\Users\\tallison\\embed1.zip")).isTrue();
    // Decoded: a middle dot and a tab.
    assertThat(FormatsEvaluation.found(output, "\\u00b7\\tBullet one")).isTrue();
    assertThat(FormatsEvaluation.found(output, "C:\\Users\\someone")).isFalse();
    // Case still counts, as in Tika's assertContains.
    assertThat(FormatsEvaluation.found(output, "bullet one")).isFalse();
  }

  @Test
  void markupIsRemovedAndWhitespaceIgnored() {
    assertThat(FormatsEvaluation.normalise("<p>lat/lon = { 36.7 }</p>")).isEqualTo("lat/lon={36.7}");
    assertThat(FormatsEvaluation.normalise("a href=\"http://tika.apache.org/\">This is a hyperlink</a>"))
        .isEqualTo("Thisisahyperlink");
    assertThat(FormatsEvaluation.normalise(">comment list 1")).isEqualTo("commentlist1");
    assertThat(FormatsEvaluation.normalise("x > y")).isEqualTo("x>y");
    assertThat(FormatsEvaluation.normalise("<html")).isEmpty();
    // Output is whole, not a fragment: a bare "<" in its text does not swallow what follows.
    assertThat(FormatsEvaluation.normaliseOutput("while C < S: C = C + 130\nExercice 4")).contains("Exercice4");
    assertThat(FormatsEvaluation.normalise("Fish &amp; chips")).isEqualTo("Fish&chips");
  }
}
