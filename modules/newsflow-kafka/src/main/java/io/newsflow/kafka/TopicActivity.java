package io.newsflow.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether records are being written to a topic right now: true while its end offsets grew
 * within the last {@code quiet} period. Whoever produces (an import in another process, or on
 * another host) need not announce itself. The end offsets are looked up at most once per
 * {@code checkEvery}; a failed look-up counts as no activity, so a broker problem never holds back
 * a consumer that yields to it. Thread-safe.
 */
public final class TopicActivity implements BooleanSupplier {

  private static final Logger LOG = LoggerFactory.getLogger(TopicActivity.class);

  /** The sum of a topic's end offsets; throws if it cannot be read. */
  @FunctionalInterface
  public interface EndOffsets {
    long total() throws Exception;
  }

  private final EndOffsets endOffsets;
  private final long quietNanos;
  private final long checkEveryNanos;
  private final LongSupplier nanoTime;
  private long lastCheck;
  private boolean checked;
  private long lastTotal = -1;
  private long lastGrowth;
  private boolean grew;

  /**
   * @param endOffsets reads the topic's end offsets
   * @param quiet how long after the last write the topic counts as idle again
   * @param checkEvery at most one look-up per this period
   * @param nanoTime a monotonic clock, {@code System::nanoTime} outside tests
   */
  public TopicActivity(EndOffsets endOffsets, Duration quiet, Duration checkEvery, LongSupplier nanoTime) {
    this.endOffsets = Objects.requireNonNull(endOffsets, "endOffsets");
    this.quietNanos = quiet.toNanos();
    this.checkEveryNanos = checkEvery.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
  }

  /** Watches {@code topic} through {@code admin}, looking at most once a second. */
  public static TopicActivity of(Admin admin, String topic, Duration quiet) {
    Map<String, List<TopicPartition>> partitions = new HashMap<>();
    EndOffsets offsets = () -> {
      List<TopicPartition> tps = partitions.get(topic);
      if (tps == null) {
        TopicDescription d = admin.describeTopics(List.of(topic)).allTopicNames().get(5, TimeUnit.SECONDS).get(topic);
        tps = d.partitions().stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        partitions.put(topic, tps);
      }
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      tps.forEach(tp -> latest.put(tp, OffsetSpec.latest()));
      Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
          admin.listOffsets(latest).all().get(5, TimeUnit.SECONDS);
      return ends.values().stream().mapToLong(ListOffsetsResult.ListOffsetsResultInfo::offset).sum();
    };
    return new TopicActivity(offsets, quiet, Duration.ofSeconds(1), System::nanoTime);
  }

  /** Returns true while the topic grew within the quiet period. */
  @Override
  public synchronized boolean getAsBoolean() {
    long now = nanoTime.getAsLong();
    if (!checked || now - lastCheck >= checkEveryNanos) {
      checked = true;
      lastCheck = now;
      try {
        long total = endOffsets.total();
        if (lastTotal >= 0 && total != lastTotal) {
          grew = true;
          lastGrowth = now;
        }
        lastTotal = total;
      } catch (Exception e) {
        if (e instanceof InterruptedException) {
          Thread.currentThread().interrupt();
        }
        LOG.debug("cannot read end offsets; counting the topic as idle: {}", e.toString());
        grew = false;
      }
    }
    return grew && now - lastGrowth < quietNanos;
  }
}
