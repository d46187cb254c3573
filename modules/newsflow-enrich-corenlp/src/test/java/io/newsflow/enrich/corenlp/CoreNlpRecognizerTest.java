package io.newsflow.enrich.corenlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.enrich.EntityRecognizer.Sentence;
import io.newsflow.enrich.EntityRecognizer.Span;
import io.newsflow.enrich.internal.Sentences;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Checks that the CRF given OpenNLP's tokens (what the enrich stage does) finds what it finds when
 * it tokenizes the text itself, on the project's invented demo articles and on invented sentences.
 */
class CoreNlpRecognizerTest {

  private static final CoreNlpRecognizer RECOGNIZER = CoreNlpRecognizer.shared();

  private static List<Sentence> tokens(String text) {
    return Sentences.tokens(text, Sentences.sentences(text));
  }

  private static List<String> mentions(String text, List<Span> spans) {
    return spans.stream().map(s -> text.substring(s.start(), s.end()) + "/" + s.type()).toList();
  }

  @Test
  void openNlpTokensGiveTheSameSpansAsCoreNlpsOwnTokenizerOnTheDemoArticles() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("../../deploy/demo/articles"))) {
      for (Path file : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList()) {
        String text = Files.readString(file);

        assertThat(RECOGNIZER.recognize(text, tokens(text))).as("%s", file).isEqualTo(RECOGNIZER.recognize(text));
      }
    }
  }

  @Test
  void aPossessiveIsSplitOffAsCoreNlpsTokenizerSplitsIt() {
    // OpenNLP's English model keeps "Copenhagen's" and "Elwin’s" whole; given them so, the CRF missed names.
    String text = "Mayor Tomas Reyvik praised Copenhagen's engineers and Port Elwin’s ferry crews.";

    List<Span> spans = RECOGNIZER.recognize(text, tokens(text));

    assertThat(mentions(text, spans)).contains("Tomas Reyvik/PERSON", "Copenhagen/LOCATION");
    assertThat(spans).isEqualTo(RECOGNIZER.recognize(text));
  }

  @Test
  void anInitialDoesNotEndTheName() {
    // OpenNLP splits "F" from its full stop, and its sentence model ends a sentence there.
    String text = "The engineer George F. Hauser met officials in St. Louis on Monday.";

    assertThat(mentions(text, RECOGNIZER.recognize(text, tokens(text))))
        .contains("George F. Hauser/PERSON", "St. Louis/LOCATION");
  }

  @Test
  void spansPointIntoTheTextAndNeverRunAcrossALine() {
    String text = "The Coastal Herald\nPort Elwin gets its bridge back, says \"Ilse Varga\".\n\nValley Times | News";

    List<Span> spans = RECOGNIZER.recognize(text, tokens(text));

    assertThat(spans).isNotEmpty().allSatisfy(s -> {
      assertThat(s.end()).isLessThanOrEqualTo(text.length());
      assertThat(text.substring(s.start(), s.end())).doesNotContain("\n").doesNotStartWith(" ").doesNotEndWith(" ");
    });
    assertThat(spans).isEqualTo(RECOGNIZER.recognize(text));
  }

  @Test
  void noTokensFindNothing() {
    assertThat(RECOGNIZER.recognize("", List.of())).isEmpty();
  }
}
