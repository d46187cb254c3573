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

  @Test
  void defaultsIsolateParsingInOneWorkerPerCore() {
    ExtractionConfig config = ExtractionConfig.defaults();

    assertThat(config.isolation()).isEqualTo(ExtractionConfig.Isolation.FORK);
    assertThat(config.workers()).isEqualTo(Runtime.getRuntime().availableProcessors());
    assertThat(config.workerHeapBytes()).isEqualTo(512L * 1024 * 1024);
  }

  @Test
  void tooSmallAWorkerHeapIsRefusedNamingItsKey() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ExtractionConfig.defaults().withWorkers(1, 1024 * 1024))
        .withMessageContaining("extract.worker-heap");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ExtractionConfig.defaults().withWorkers(0, 512L * 1024 * 1024))
        .withMessageContaining("extract.workers");
    assertThatIllegalArgumentException()
        .isThrownBy(() -> ExtractionConfig.Isolation.ofCode("thread"))
        .withMessageContaining("extract.isolation");
  }

  @Test
  void passwordsNeverAppearInItsDescription() {
    ExtractionConfig config = ExtractionConfig.defaults().withPasswords(java.util.List.of("s3cret"));

    assertThat(config.toString()).doesNotContain("s3cret").contains("1 (masked)");
  }
}
