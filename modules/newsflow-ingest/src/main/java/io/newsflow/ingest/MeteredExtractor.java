package io.newsflow.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Extractor;
import io.newsflow.api.Outcome;
import io.newsflow.api.SourceFile;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Measures the ingest stage around any extractor, with the same names as the consumer stages:
 * {@code newsflow.ingest.records{stage,outcome}} (outcome {@code success}, {@code retry} or the
 * failure's reason code), {@code newsflow.ingest.extract} (time per file), {@code newsflow.ingest.bytes}
 * (bytes of the files read) and {@code newsflow.ingest.in_flight} (files being extracted now).
 * Thread-safe if the wrapped extractor is; closing it closes the wrapped one.
 */
public final class MeteredExtractor implements Extractor {

  private final Extractor delegate;
  private final MeterRegistry meters;
  private final Timer timer;
  private final AtomicInteger inFlight = new AtomicInteger();

  public MeteredExtractor(Extractor delegate, MeterRegistry meters) {
    this.delegate = delegate;
    this.meters = meters;
    this.timer = Timer.builder("newsflow.ingest.extract").tag("stage", "ingest")
        .description("time to extract one file").publishPercentileHistogram().register(meters);
    meters.gauge("newsflow.ingest.in_flight", java.util.List.of(io.micrometer.core.instrument.Tag.of("stage", "ingest")),
        inFlight);
  }

  @Override
  public Outcome<ExtractedDocument> extract(SourceFile file) {
    inFlight.incrementAndGet();
    Timer.Sample sample = Timer.start(meters);
    try {
      Outcome<ExtractedDocument> outcome = delegate.extract(file);
      String code = outcome instanceof Outcome.Rejected<ExtractedDocument> r ? r.reason().code()
          : outcome instanceof Outcome.Retryable<ExtractedDocument> ? "retry" : "success";
      meters.counter("newsflow.ingest.records", "stage", "ingest", "outcome", code).increment();
      if (file.size() > 0) {
        meters.counter("newsflow.ingest.bytes", "stage", "ingest").increment(file.size());
      }
      return outcome;
    } finally {
      sample.stop(timer);
      inFlight.decrementAndGet();
    }
  }

  @Override
  public void close() {
    delegate.close();
  }
}
