package io.newsflow.enrich.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class MinHasherTest {

  private static final String[] VOCABULARY = ("bridge harbour mayor engineer ferry storm deck council road detour city "
      + "crews opened closed weekend service traffic piles steel cable river north south east west morning evening "
      + "budget vote report inspection tunnel station market winter summer festival orchestra chess tournament final")
      .split(" ");

  /** Invents an article of {@code words} words from a fixed vocabulary. */
  private static List<String> article(Random random, int words) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < words; i++) {
      out.add(VOCABULARY[random.nextInt(VOCABULARY.length)]);
    }
    return out;
  }

  /** Changes {@code edits} random words: a near-copy when few, another text when many. */
  private static String variant(Random random, List<String> words, int edits) {
    List<String> copy = new ArrayList<>(words);
    for (int i = 0; i < edits; i++) {
      copy.set(random.nextInt(copy.size()), "edit" + random.nextInt(1000));
    }
    return String.join(" ", copy);
  }

  @Test
  void signaturesDoNotChangeWithinAVersion() {
    // Computed by the version that joined each shingle into a string before hashing it: signatures
    // stored in the index must stay comparable with new ones while VERSION stays the same.
    MinHasher.Signature s = MinHasher.of(
        "Port Elwin's harbour bridge reopened on Monday, the mayor said; Zürich crews worked 45 nights.");

    assertThat(s.values()).hasSize(128).startsWith(327427816589542395L, 306278845704199341L, 12625148697718546L);
    assertThat(s.bands().get(0)).isEqualTo("0:8bd00a3d90ae7414");
  }

  @Test
  void theSignatureEstimatesTheJaccardSimilarity() {
    Random random = new Random(7);
    List<String> original = article(random, 400);
    for (int edits : new int[] {0, 5, 20, 60}) {
      String a = String.join(" ", original);
      String b = variant(random, original, edits);

      double exact = MinHasher.jaccard(a, b);
      double estimate = MinHasher.similarity(MinHasher.of(a).values(), MinHasher.of(b).values());

      assertThat(estimate).as("%d edits, exact %.3f", edits, exact).isCloseTo(exact, org.assertj.core.data.Offset.offset(0.12));
    }
  }

  @Test
  void nearCopiesShareABandAndUnrelatedTextsDoNot() {
    // A labelled set of generated variants: 40 near-copies (3 edits in 400 words, Jaccard about 0.93)
    // and 40 unrelated articles. Near-copies must be found, unrelated ones must not be.
    Random random = new Random(11);
    int foundCopies = 0;
    int falseMatches = 0;
    for (int i = 0; i < 40; i++) {
      List<String> original = article(random, 400);
      MinHasher.Signature s = MinHasher.of(String.join(" ", original));
      MinHasher.Signature copy = MinHasher.of(variant(random, original, 3));
      MinHasher.Signature other = MinHasher.of(String.join(" ", article(random, 400)));
      if (s.bands().stream().anyMatch(copy.bands()::contains) && MinHasher.similarity(s.values(), copy.values()) >= 0.8) {
        foundCopies++;
      }
      if (s.bands().stream().anyMatch(other.bands()::contains) && MinHasher.similarity(s.values(), other.values()) >= 0.8) {
        falseMatches++;
      }
    }
    assertThat(foundCopies).isGreaterThanOrEqualTo(38);
    assertThat(falseMatches).isZero();
  }

  @Test
  void signaturesAreFixedAcrossRunsAndEmptyTextHasNone() {
    MinHasher.Signature s = MinHasher.of("The Elwin Harbour Bridge reopened on Tuesday after two years.");

    assertThat(s.values()).hasSize(128);
    assertThat(s.bands()).hasSize(16).allMatch(b -> b.matches("\\d+:[0-9a-f]+"));
    assertThat(MinHasher.of("The Elwin Harbour Bridge reopened on Tuesday after two years.")).isEqualTo(s);
    assertThat(MinHasher.of(" -- ").values()).isEmpty();
  }
}
