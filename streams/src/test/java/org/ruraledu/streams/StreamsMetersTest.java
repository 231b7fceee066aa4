package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Metrics;
import org.junit.jupiter.api.Test;

class StreamsMetersTest {

    @Test
    void clientAndThreadMetricsBecomeGaugesStoreMetricsAreNeverRead() {
        AtomicInteger storeReads = new AtomicInteger();
        try (Metrics metrics = new Metrics(); StreamsMeters meters = new StreamsMeters(metrics::metrics)) {
            metrics.addMetric(metrics.metricName("commit-rate", "stream-thread-metrics", "", Map.of("thread-id", "t1")),
                    (Gauge<Double>) (config, now) -> 4.5);
            metrics.addMetric(metrics.metricName("approximate-num-uncommitted-bytes", "stream-state-metrics", ""),
                    (Gauge<Long>) (config, now) -> {
                        storeReads.incrementAndGet(); // in Kafka 4.4 this asks RocksDB: unsafe off the stream thread
                        return 0L;
                    });
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            meters.bindTo(registry);

            assertThat(registry.get("kafka.stream.thread.commit.rate").tag("thread-id", "t1").gauge().value())
                    .isEqualTo(4.5);
            assertThat(registry.find("kafka.stream.state.approximate.num.uncommitted.bytes").meters()).isEmpty();
            registry.getMeters().forEach(meter -> meter.measure().forEach(measurement -> measurement.getValue()));
            assertThat(storeReads).hasValue(0);
        }
    }

    @Test
    void aMetricThatGoesAwayIsRemovedAtTheNextRefresh() {
        try (Metrics metrics = new Metrics(); StreamsMeters meters = new StreamsMeters(metrics::metrics)) {
            var name = metrics.metricName("process-rate", "stream-task-metrics", "", Map.of("task-id", "0_1"));
            metrics.addMetric(name, (Gauge<Double>) (config, now) -> 1.0);
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            meters.bindTo(registry);
            assertThat(registry.find("kafka.stream.task.process.rate").meters()).hasSize(1);

            metrics.removeMetric(name); // the task moved to another instance
            meters.refreshNow();
            assertThat(registry.find("kafka.stream.task.process.rate").meters()).isEmpty();
        }
    }
}
