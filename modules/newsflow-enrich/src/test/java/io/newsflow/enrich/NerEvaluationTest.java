package io.newsflow.enrich;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.api.Entities.Type;
import io.newsflow.enrich.NerEvaluation.Counts;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NerEvaluationTest {

  // Invented sentences in the WikiGold layout: IOB1 tags, B- only between touching entities.
  private static final String CORPUS = """
      -DOCSTART- O

      Mayor I-PER
      Tomas I-PER
      Reyvik I-PER
      opened O
      the O
      Elwin I-LOC
      Harbour I-LOC
      Bridge I-LOC
      . O

      Varga I-PER
      Pell B-PER
      thanked O
      Harbour I-ORG
      Works I-ORG
      . O
      """;

  /** Labels fixed character ranges of the rebuilt text, like a recogniser would. */
  private static EntityRecognizer labelling(String... wordsAndTypes) {
    return new EntityRecognizer() {
      @Override
      public List<Span> recognize(String text) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < wordsAndTypes.length; i += 2) {
          int at = text.indexOf(wordsAndTypes[i]);
          spans.add(new Span(Type.valueOf(wordsAndTypes[i + 1]), at, at + wordsAndTypes[i].length()));
        }
        return spans;
      }

      @Override
      public String name() {
        return "fixed";
      }

      @Override
      public String version() {
        return "1";
      }
    };
  }

  @Test
  void onlyExactSpansOfTheRightTypeCount() throws Exception {
    // Gold: PER "Mayor Tomas Reyvik", LOC "Elwin Harbour Bridge", PER "Varga", PER "Pell", ORG "Harbour Works".
    EntityRecognizer recognizer = labelling(
        "Tomas Reyvik", "PERSON",            // boundary differs from gold: wrong
        "Elwin Harbour Bridge", "LOCATION",  // right
        "Varga Pell", "PERSON",              // two touching people run together: wrong
        "Harbour Works", "LOCATION");        // wrong type

    NerEvaluation.Report report = NerEvaluation.evaluate(new BufferedReader(new StringReader(CORPUS)), recognizer);

    assertThat(report.documents()).isEqualTo(1);
    assertThat(report.sentences()).isEqualTo(2);
    assertThat(report.tokens()).isEqualTo(15);
    assertThat(report.recognizer().byType().get("PERSON")).isEqualTo(new Counts(0, 2, 3));
    assertThat(report.recognizer().byType().get("LOCATION")).isEqualTo(new Counts(1, 2, 1));
    assertThat(report.recognizer().byType().get("ORGANIZATION")).isEqualTo(new Counts(0, 0, 1));
    Counts overall = report.recognizer().byType().get("overall");
    assertThat(overall).isEqualTo(new Counts(1, 4, 5));
    assertThat(overall.precision()).isEqualTo(0.25);
    assertThat(overall.recall()).isEqualTo(0.2);
    assertThat(overall.f1()).isCloseTo(2 * 0.25 * 0.2 / 0.45, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void aPerfectRecogniserScoresOne() throws Exception {
    EntityRecognizer recognizer = labelling("Mayor Tomas Reyvik", "PERSON", "Elwin Harbour Bridge", "LOCATION",
        "Varga", "PERSON", "Pell", "PERSON", "Harbour Works", "ORGANIZATION");

    NerEvaluation.Report report = NerEvaluation.evaluate(new BufferedReader(new StringReader(CORPUS)), recognizer);

    assertThat(report.recognizer().byType().get("overall").f1()).isEqualTo(1.0);
  }
}
