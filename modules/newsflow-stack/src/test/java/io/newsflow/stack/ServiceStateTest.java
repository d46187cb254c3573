package io.newsflow.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ServiceStateTest {

  @Test
  void describesEachStatusOnOneLine() {
    assertThat(new ServiceState("kafka", ServiceState.Status.RUNNING, OptionalLong.of(42), "127.0.0.1:9092").describe())
        .isEqualTo("kafka: running (pid 42) on 127.0.0.1:9092");
    assertThat(new ServiceState("elasticsearch", ServiceState.Status.STOPPED, OptionalLong.empty(), "127.0.0.1:9200").describe())
        .isEqualTo("elasticsearch: stopped");
    assertThat(new ServiceState("elasticsearch", ServiceState.Status.PORT_TAKEN, OptionalLong.empty(), "127.0.0.1:9200").describe())
        .isEqualTo("elasticsearch: stopped, but another program answers on 127.0.0.1:9200");
    assertThat(new ServiceState("kafka", ServiceState.Status.NOT_ANSWERING, OptionalLong.of(7), "127.0.0.1:9092").describe())
        .startsWith("kafka: process 7 is alive but nothing answers on 127.0.0.1:9092");
  }

  @Test
  void aStackIsRunningOnlyWhenBothServicesAre() {
    ServiceState kafka = new ServiceState("kafka", ServiceState.Status.RUNNING, OptionalLong.of(1), "127.0.0.1:9092");
    ServiceState elasticsearch = new ServiceState("elasticsearch", ServiceState.Status.STOPPED, OptionalLong.empty(), "127.0.0.1:9200");
    StackState state = new StackState(kafka, elasticsearch);
    assertThat(state.running()).isFalse();
    assertThat(state.stopped()).isFalse();
    assertThat(state.describe()).contains("kafka: running", "elasticsearch: stopped");
  }

  @Test
  void theSummaryOfAStackExceptionIsItsFirstLine() {
    assertThat(new StackException("Kafka exited\n  last lines:\n    boom").summary()).isEqualTo("Kafka exited");
    assertThat(new StackException("one line").summary()).isEqualTo("one line");
  }
}
