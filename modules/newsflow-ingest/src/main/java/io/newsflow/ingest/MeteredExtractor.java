package io.newsflow.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.newsflow.api.Extraction;
import io.newsflow.api.Extractor;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import io.newsflow.api.Stage;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the ingest stage around any extractor, with the same names as the consumer stages:
 * {@code newsflow.ingest.records{stage=ingest, outcome=success|<reason code>|retry}} per file,
 * {@code newsflow.ingest.embedded.records{outcome=...}} per embedded document, {@code newsflow.ingest.extract}
 * (time per file), {@code newsflow.ingest.bytes} (bytes of the files read) and {@code newsflow.ingest.in_flight}
 * (files being extracted now). In Prometheus: {@code newsflow_ingest_records_total} and so on. Thread-safe if the
 * wrapped extractor is; closing it closes the wrapped extractor.
 */
public final class MeteredExtractor implements Extractor {

  private final Extractor extractor;
  private final MeterRegistry meters;
  private final Timer timer;
  private final AtomicInteger inFlight = new AtomicInteger();

  public MeteredExtractor(Extractor extractor, MeterRegistry meters) {
    this.extractor = Objects.requireNonNull(extractor, "extractor");
    this.meters = Objects.requireNonNull(meters, "meters");
    this.timer = Timer.builder("newsflow.ingest.extract").tag("stage", Stage.INGEST.code())
        .description("time to extract one file").publishPercentileHistogram().register(meters);
    meters.gauge("newsflow.ingest.in_flight", List.of(Tag.of("stage", Stage.INGEST.code())), inFlight);
  }

  @Override
  public Outcome<Extraction> extractAll(SourceFile file) {
    inFlight.incrementAndGet();
    Timer.Sample sample = Timer.start(meters);
    try {
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
      if (file.size() > 0) {
        meters.counter("newsflow.ingest.bytes", "stage", Stage.INGEST.code()).increment(file.size());
      }
      return outcome;
    } finally {
      sample.stop(timer);
      inFlight.decrementAndGet();
    }
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
