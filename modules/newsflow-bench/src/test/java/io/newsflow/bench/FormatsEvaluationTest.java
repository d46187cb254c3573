package io.newsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FormatsEvaluationTest {

  @Test
  void javaEscapesOfTheManifestLiteralsAreDecoded() {
    assertThat(FormatsEvaluation.unescapeJava("voil\\u00E0!\\tx\\\\y")).isEqualTo("voil\u00e0!\tx\\y");
  }

  @Test
  void markupIsRemovedAndWhitespaceIgnored() {
    assertThat(FormatsEvaluation.normalise("<p>lat/lon = { 36.7 }</p>")).isEqualTo("lat/lon={36.7}");
    assertThat(FormatsEvaluation.normalise("a href=\"http://tika.apache.org/\">This is a hyperlink</a>"))
        .isEqualTo("Thisisahyperlink");
    assertThat(FormatsEvaluation.normalise(">comment list 1")).isEqualTo("commentlist1");
    assertThat(FormatsEvaluation.normalise("x > y")).isEqualTo("x>y");
    assertThat(FormatsEvaluation.normalise("<html")).isEmpty();
    assertThat(FormatsEvaluation.normalise("Fish &amp; chips")).isEqualTo("Fish&chips");
  }
}
