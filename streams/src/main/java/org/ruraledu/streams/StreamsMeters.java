package org.ruraledu.streams;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;

/**
 * Kafka Streams' client, thread and task metrics as Micrometer gauges ({@code kafka.stream.thread.commit.rate} is
 * {@code kafka_stream_thread_commit_rate} on {@code /metrics}), refreshed as tasks come and go — but never the
 * state-store metrics.
 *
 * <p>Why not Micrometer's {@code KafkaStreamsMetrics}: it reads every metric's value from a thread of its own, and
 * Kafka 4.4's transactional stores register a gauge ({@code approximate-num-uncommitted-bytes}) that asks RocksDB
 * for the size of the store's write batch. Read while the stream thread closes the store (a rebalance, a clean
 * stop), that is a use-after-free in native code: the JVM died with SIGSEGV in {@code WriteBatch.getDataSize} at the
 * end of a benchmark stage. Store metrics are read by the stream thread or not at all.
 */
final class StreamsMeters implements MeterBinder, AutoCloseable {
    /** Metric groups whose values touch a state store (RocksDB, its write batch) when read. */
    private static final Set<String> STORE_GROUPS = Set.of("stream-state-metrics", "stream-rocksdb-metrics");
    private static final Duration REFRESH = Duration.ofSeconds(30);

    private final Supplier<Map<MetricName, ? extends Metric>> metrics;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "streams-meters");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<MetricName, Meter> bound = new ConcurrentHashMap<>();
    private volatile MeterRegistry registry;

    StreamsMeters(Supplier<Map<MetricName, ? extends Metric>> metrics) {
        this.metrics = metrics;
    }

    /** Whether a metric may be read from a thread other than the stream thread. */
    static boolean readableAnywhere(MetricName name) {
        return !STORE_GROUPS.contains(name.group()) && !name.name().contains("uncommitted");
    }

    /** {@code stream-thread-metrics} / {@code commit-rate} → {@code kafka.stream.thread.commit.rate}. */
    static String meterName(MetricName name) {
        String group = name.group().endsWith("-metrics")
                ? name.group().substring(0, name.group().length() - "-metrics".length()) : name.group();
        return ("kafka." + group + "." + name.name()).replace('-', '.');
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        this.registry = registry;
        refresh();
        refresher.scheduleAtFixedRate(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Binds new metrics and drops vanished ones now (the refresher does it every 30 s). */
    void refreshNow() {
        refresh();
    }

    private synchronized void refresh() {
        Map<MetricName, ? extends Metric> now = metrics.get();
        for (Map.Entry<MetricName, ? extends Metric> metric : now.entrySet()) {
            MetricName name = metric.getKey();
            if (readableAnywhere(name) && !bound.containsKey(name)) {
                bound.put(name, gauge(name, metric.getValue()));
            }
        }
        List<MetricName> gone = new ArrayList<>();
        bound.keySet().forEach(name -> {
            if (!now.containsKey(name)) {
                gone.add(name);
            }
        });
        gone.forEach(name -> registry.remove(bound.remove(name)));
    }

    private Meter gauge(MetricName name, Metric metric) {
        List<Tag> tags = new ArrayList<>();
        name.tags().forEach((key, value) -> tags.add(Tag.of(key, value)));
        return Gauge.builder(meterName(name), metric, StreamsMeters::valueOf).tags(tags)
                .description(name.description()).strongReference(true).register(registry);
    }

    private static double valueOf(Metric metric) {
        return metric.metricValue() instanceof Number number ? number.doubleValue() : Double.NaN;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
    }
}
