package io.newsflow.kafka;

import io.newsflow.api.DeadLetter;
import io.newsflow.api.Enrichment;
import io.newsflow.api.ExtractedDocument;
import io.newsflow.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Publishes newsflow records to their topics, keyed by document id. Thread-safe (the Kafka producer
 * is). Does not own the producer: the caller closes it.
 *
 * <p>Each send returns a future the caller must check; a failed send is never only logged.
 */
public final class DocumentPublisher {

  /** Header names on dead-letter records, after Kafka Streams' DLQ headers. */
  public static final String HEADER_PREFIX = "newsflow.dlt.";

  private final Producer<String, byte[]> producer;
  private final KafkaConfig config;

  public DocumentPublisher(Producer<String, byte[]> producer, KafkaConfig config) {
    this.producer = producer;
    this.config = config;
  }

  /** Publishes {@code document} to its lane's topic: batch if it belongs to an import job, live otherwise. */
  public CompletableFuture<RecordMetadata> publish(ExtractedDocument document) {
    return send(new ProducerRecord<>(config.extractedTopic(Lane.ofJob(document.jobId())), document.id().value(),
        Json.encode(document)));
  }

  public CompletableFuture<Void> publish(Enrichment enrichment) {
    return publish(enrichment, Lane.LIVE);
  }

  /**
   * Publishes {@code enrichment} to {@code lane}'s enrichments topic (for the index stage; the lane its document came in) and
   * to the single-partition stories topic shared by both lanes (for the story stage); completes when both are durable.
   */
  public CompletableFuture<Void> publish(Enrichment enrichment, Lane lane) {
    byte[] value = Json.encode(enrichment);
    return CompletableFuture.allOf(
        send(new ProducerRecord<>(config.enrichmentsTopic(lane), enrichment.id().value(), value)),
        send(new ProducerRecord<>(config.storiesTopic(), enrichment.id().value(), value)));
  }

  /**
   * Publishes {@code deadLetter}, with headers naming where the failing record came from, the stage,
   * the reason and the error, so tools can filter without decoding the body.
   */
  public CompletableFuture<RecordMetadata> publish(DeadLetter deadLetter) {
    RecordHeaders headers = new RecordHeaders();
    header(headers, "stage", deadLetter.stage().code());
    header(headers, "reason", deadLetter.reason().code());
    header(headers, "exception.class", deadLetter.errorClass());
    header(headers, "exception.message", deadLetter.message());
    if (deadLetter.origin() != null) {
      header(headers, "source.topic", deadLetter.origin().topic());
      header(headers, "source.partition", String.valueOf(deadLetter.origin().partition()));
      header(headers, "source.offset", String.valueOf(deadLetter.origin().offset()));
    }
    String key = deadLetter.id() == null ? null : deadLetter.id().value();
    return send(new ProducerRecord<>(config.deadLetterTopic(), null, key, Json.encode(deadLetter), headers));
  }

  public void flush() {
    producer.flush();
  }

  private static void header(RecordHeaders headers, String name, String value) {
    if (value != null) {
      headers.add(HEADER_PREFIX + name, value.getBytes(StandardCharsets.UTF_8));
    }
  }

  private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
    CompletableFuture<RecordMetadata> future = new CompletableFuture<>();
    try {
      producer.send(record, (metadata, error) -> {
        // Never throw from here: the producer would swallow it. Complete the future instead.
        if (error != null) {
          future.completeExceptionally(error);
        } else {
          future.complete(metadata);
        }
      });
    } catch (RuntimeException e) {
      future.completeExceptionally(e);
    }
    return future;
  }
}
