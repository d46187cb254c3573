package io.newsflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.junit.jupiter.api.Test;

class KafkaClientsTest {

  @Test
  void aGatheringConsumerWaitsForAQuarterMegabyteOrItsTime() {
    assertThat(KafkaClients.gatherProperties(Duration.ofMillis(250)))
        .containsEntry(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, 256 * 1024)
        .containsEntry(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 250)
        .hasSize(2);
  }

  @Test
  void noGatheringKeepsKafkasDefaultsAndANegativeTimeIsRefused() {
    assertThat(KafkaClients.gatherProperties(Duration.ZERO)).isEmpty();
    assertThatThrownBy(() -> KafkaClients.gatherProperties(Duration.ofMillis(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(">= 0");
  }
}
