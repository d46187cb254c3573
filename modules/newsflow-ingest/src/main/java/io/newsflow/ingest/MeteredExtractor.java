package io.newsflow.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.newsflow.api.Extraction;
import io.newsflow.api.Extractor;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import io.newsflow.api.Stage;
import java.util.Objects;

/**
 * Counts what an extractor makes of each file, by outcome, as the other stages' runners count their
 * records: {@code newsflow.ingest.records{stage=ingest, outcome=success|<reason code>|retry}} per
 * file, and {@code newsflow.ingest.embedded.records{outcome=...}} per embedded document. In
 * Prometheus: {@code newsflow_ingest_records_total}. Thread-safe if the wrapped extractor is; closing
 * it closes the wrapped extractor.
 */
public final class MeteredExtractor implements Extractor {

  private final Extractor extractor;
  private final MeterRegistry meters;

  public MeteredExtractor(Extractor extractor, MeterRegistry meters) {
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    this.meters = Objects.requireNonNull(meters, "meters");
  }

  @Override
  public Outcome<Extraction> extractAll(SourceFile file) {
    Outcome<Extraction> outcome = extractor.extractAll(file);
    if (outcome instanceof Outcome.Success<Extraction> s) {
      count("newsflow.ingest.records", "success", 1);
      count("newsflow.ingest.embedded.records", "success", s.value().children().size());
      s.value().failures().forEach(f -> count("newsflow.ingest.embedded.records", f.reason().code(), 1));
    } else if (outcome instanceof Outcome.Rejected<Extraction> r) {
      count("newsflow.ingest.records", r.reason().code(), 1);
    } else {
      count("newsflow.ingest.records", "retry", 1);
    }
    return outcome;
  }

  private void count(String name, String outcome, int n) {
    if (n > 0) {
      meters.counter(name, "stage", Stage.INGEST.code(), "outcome", outcome).increment(n);
    }
  }

  @Override
  public void close() {
    extractor.close();
  }
}
