package io.newsflow.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newsflow.api.Extraction;
import io.newsflow.api.FailureReason;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MeteredExtractorTest {

  private static SourceFile file(long size) {
    return new SourceFile(URI.create("file:///tmp/a.txt"), Path.of("/tmp/a.txt"), size, Instant.EPOCH, Instant.now(), null);
  }

  @Test
  void countsOutcomesByReasonTimesFilesAndReturnsToZeroInFlight() {
    SimpleMeterRegistry meters = new SimpleMeterRegistry();
    MeteredExtractor extractor = new MeteredExtractor(f -> {
      assertThat(meters.get("newsflow.ingest.in_flight").gauge().value()).isEqualTo(1.0);
      return f.size() == 0 ? new Outcome.Rejected<Extraction>(FailureReason.EMPTY, "empty file", null)
          : new Outcome.Rejected<Extraction>(FailureReason.CORRUPT, "bad", null);
    }, meters);

    extractor.extract(file(0));
    extractor.extract(file(10));
    extractor.extract(file(10));

    assertThat(meters.get("newsflow.ingest.records").tag("outcome", "empty").counter().count()).isEqualTo(1);
    assertThat(meters.get("newsflow.ingest.records").tag("outcome", "corrupt").tag("stage", "ingest").counter().count()).isEqualTo(2);
    assertThat(meters.get("newsflow.ingest.bytes").counter().count()).isEqualTo(20);
    assertThat(meters.get("newsflow.ingest.extract").timer().count()).isEqualTo(3);
    assertThat(meters.get("newsflow.ingest.in_flight").gauge().value()).isZero();
  }
}
