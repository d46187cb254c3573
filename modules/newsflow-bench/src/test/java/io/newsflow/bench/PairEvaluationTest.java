package io.newsflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.newsflow.bench.PairEvaluation.Pair;
import io.newsflow.bench.PairEvaluation.Scores;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PairEvaluationTest {

  @Test
  void storiesAreScoredPairByPairWhateverTheirIdsAre() {
    Map<String, String> expected = Map.of("a", "s1", "b", "s1", "c", "s1", "d", "s2");
    // One story split in two, and d wrongly joined to one half; ids differ from the labels.
    Map<String, String> found = Map.of("a", "x", "b", "x", "c", "y", "d", "y");

    Scores scores = PairEvaluation.score(PairEvaluation.pairsOf(expected), PairEvaluation.pairsOf(found));

    assertThat(scores).isEqualTo(new Scores(1, 1, 2));
    assertThat(scores.precision()).isEqualTo(0.5);
    assertThat(scores.recall()).isEqualTo(1.0 / 3);
    assertThat(Pair.of("b", "a")).isEqualTo(Pair.of("a", "b"));
  }

  @Test
  void theGeneratedCorpusIsLabelledAndReproducible(@TempDir Path dir) throws Exception {
    int files = new StoryCorpusGenerator(3).generate(dir.resolve("one"), 10);
    new StoryCorpusGenerator(3).generate(dir.resolve("two"), 10);

    List<String> labels = Files.readAllLines(dir.resolve("one").resolve(StoryCorpusGenerator.LABELS));
    assertThat(labels).hasSize(files + 1);
    assertThat(labels).isEqualTo(Files.readAllLines(dir.resolve("two").resolve(StoryCorpusGenerator.LABELS)));
    for (String line : labels.subList(1, labels.size())) {
      String[] f = line.split("\t");
      assertThat(dir.resolve("one").resolve(f[0])).exists();
      if (!f[2].equals("-")) {
        assertThat(labels).anyMatch(l -> l.startsWith(f[2] + "\t" + f[1] + "\t"));
      }
    }
  }
}
