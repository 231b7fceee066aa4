package org.ruraledu.streams.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counts dead letters by source topic and error, so /metrics shows what ingest turns away. */
@FunctionalInterface
public interface DeadLetterCounter {
    void rejected(String sourceTopic, RejectionCode code);

    /** Prometheus: {@code ruraledu_dead_letters_total{topic="...",error="DECODE"}}. */
    static DeadLetterCounter micrometer(MeterRegistry registry) {
        return (topic, code) -> Counter.builder("ruraledu.dead.letters")
                .description("Input records sent to ruraledu.dead-letters.v1")
                .tag("topic", String.valueOf(topic))
                .tag("error", code.name())
                .register(registry)
                .increment();
    }
}
