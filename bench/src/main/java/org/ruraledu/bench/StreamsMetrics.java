package org.ruraledu.bench;

import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/** What a Kafka Streams client's own metrics say: records processed, and bytes its producer wrote per topic. */
final class StreamsMetrics {
    private StreamsMetrics() {}

    /** Records processed by all stream threads (thread-level process-total, recorded at INFO level). */
    static long processed(KafkaStreams streams) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
            if ("process-total".equals(m.getKey().name()) && "stream-thread-metrics".equals(m.getKey().group())) {
                total += number(m.getValue());
            }
        }
        return (long) total;
    }

    /**
     * Bytes the application's producers sent, per topic: the record batches as they go to the broker. This is
     * what was written, even where the broker later purged it (Kafka Streams deletes consumed repartition
     * records), which log sizes would miss.
     */
    static Map<String, Long> bytesWrittenByTopic(KafkaStreams streams) {
        Map<String, Long> bytes = new TreeMap<>();
        for (Map.Entry<MetricName, ? extends Metric> m : streams.metrics().entrySet()) {
            MetricName name = m.getKey();
            if ("byte-total".equals(name.name()) && "producer-topic-metrics".equals(name.group())) {
                bytes.merge(name.tags().get("topic"), (long) number(m.getValue()), Long::sum);
            }
        }
        return bytes;
    }

    private static double number(Metric metric) {
        Object value = metric.metricValue();
        return value instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : 0;
    }
}
