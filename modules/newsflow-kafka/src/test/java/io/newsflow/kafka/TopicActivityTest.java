package io.newsflow.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TopicActivityTest {

  private final AtomicLong clock = new AtomicLong();
  private final AtomicLong endOffsets = new AtomicLong(100);
  private final AtomicLong lookups = new AtomicLong();

  private TopicActivity activity(TopicActivity.EndOffsets offsets) {
    return new TopicActivity(offsets, Duration.ofSeconds(5), Duration.ofSeconds(1), clock::get);
  }

  private TopicActivity activity() {
    return activity(() -> {
      lookups.incrementAndGet();
      return endOffsets.get();
    });
  }

  private void advance(Duration d) {
    clock.addAndGet(d.toNanos());
  }

  @Test
  void aTopicIsActiveFromItsFirstGrowthUntilItWasQuietForThePeriod() {
    TopicActivity activity = activity();
    assertThat(activity.getAsBoolean()).as("first look: nothing known to grow").isFalse();

    advance(Duration.ofSeconds(1));
    endOffsets.addAndGet(50);
    assertThat(activity.getAsBoolean()).isTrue();

    advance(Duration.ofSeconds(4));
    assertThat(activity.getAsBoolean()).as("4 s quiet < 5 s").isTrue();
    advance(Duration.ofMillis(1_500));
    assertThat(activity.getAsBoolean()).as("5.5 s quiet").isFalse();

    advance(Duration.ofSeconds(1));
    endOffsets.addAndGet(1);
    assertThat(activity.getAsBoolean()).as("writes again").isTrue();
  }

  @Test
  void endOffsetsAreReadAtMostOncePerPeriod() {
    TopicActivity activity = activity();
    for (int i = 0; i < 10; i++) {
      activity.getAsBoolean();
      advance(Duration.ofMillis(100));
    }
    assertThat(lookups.get()).isEqualTo(1);
    advance(Duration.ofSeconds(1));
    activity.getAsBoolean();
    assertThat(lookups.get()).isEqualTo(2);
  }

  @Test
  void aFailedLookUpCountsAsIdleSoNothingWaitsOnABrokenBroker() {
    AtomicLong calls = new AtomicLong();
    TopicActivity activity = activity(() -> {
      if (calls.incrementAndGet() == 3) {
        throw new IllegalStateException("broker down");
      }
      return 100 + calls.get();
    });
    activity.getAsBoolean();
    advance(Duration.ofSeconds(1));
    assertThat(activity.getAsBoolean()).isTrue();
    advance(Duration.ofSeconds(1));
    assertThat(activity.getAsBoolean()).isFalse();
  }
}
