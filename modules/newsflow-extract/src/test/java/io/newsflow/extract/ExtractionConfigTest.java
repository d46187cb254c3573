package io.newsflow.extract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class ExtractionConfigTest {

  @Test
  void defaultsAreAHundredMebibytesAndFourMillionCharacters() {
    ExtractionConfig config = ExtractionConfig.defaults();

    assertThat(config.maxFileSizeBytes()).isEqualTo(104_857_600L);
    assertThat(config.maxTextChars()).isEqualTo(4_000_000);
  }

  @Test
  void nonPositiveMaximumFileSizeIsRefusedNamingItsKey() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ExtractionConfig.defaults().withMaxFileSizeBytes(0))
        .withMessageContaining("extract.max-file-size");
  }

  @Test
  void nonPositiveMaximumTextIsRefusedNamingItsKey() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new ExtractionConfig(1, -1, java.time.Duration.ofSeconds(1)))
        .withMessageContaining("extract.max-text-chars");
  }
}
