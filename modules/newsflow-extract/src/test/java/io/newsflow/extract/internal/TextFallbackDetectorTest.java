package io.newsflow.extract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TextFallbackDetectorTest {

  private static final String PROSE = "Le café était fermé à cause de la grève.\nLes voyageurs ont attendu.\n";

  @Test
  void utf8AndLatin1ProseLookLikeText() {
    assertThat(TextFallbackDetector.looksLikeText(PROSE.getBytes(StandardCharsets.UTF_8))).isTrue();
    assertThat(TextFallbackDetector.looksLikeText(PROSE.getBytes(StandardCharsets.ISO_8859_1))).isTrue();
  }

  @Test
  void utf8CutMidCharacterAtTheSampleEndStillLooksLikeText() {
    // One ASCII byte, then two-byte characters: a full sample ends on the first half of one.
    byte[] utf8 = ("a" + "é".repeat(TextFallbackDetector.SAMPLE_BYTES)).getBytes(StandardCharsets.UTF_8);

    assertThat(TextFallbackDetector.looksLikeText(Arrays.copyOf(utf8, TextFallbackDetector.SAMPLE_BYTES))).isTrue();
  }

  @Test
  void randomBytesAndNulBytesDoNotLookLikeText() {
    byte[] noise = new byte[4096];
    new Random(1).nextBytes(noise);

    assertThat(TextFallbackDetector.looksLikeText(noise)).isFalse();
    assertThat(TextFallbackDetector.looksLikeText("MZ\0\0\0".getBytes(StandardCharsets.US_ASCII))).isFalse();
    assertThat(TextFallbackDetector.looksLikeText(new byte[0])).isFalse();
  }
}
