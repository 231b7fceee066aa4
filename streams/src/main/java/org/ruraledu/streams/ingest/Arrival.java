package org.ruraledu.streams.ingest;

import org.apache.kafka.common.serialization.Serde;
import org.ruraledu.streams.serde.Compact;

/**
 * The small fact that a school's report of one owed period arrived: which school, which input kind
 * ({@code InputKind.path()}, e.g. {@code meal-reports}), which period (a sortable key the follower chose: a day
 * {@code 2026-03-10}, a school hour {@code 2026-03-10T08:00}, ...), and when it arrived (the accepted record's
 * Kafka timestamp, read on the pipeline's clock: {@code PipelineClock#timeOf}; so lag in processing never makes an
 * on-time report late). Made by {@link Ingest#arrivals}.
 */
public record Arrival(String schoolId, String kind, String period, long received) {
    private static final byte FORMAT = 1;

    /** The arrivals topics' format ({@link Compact}): schoolId, kind, period, received. */
    public static final Serde<Arrival> SERDE = Compact.serde(FORMAT, (arrival, out) -> {
        out.text(arrival.schoolId());
        out.text(arrival.kind());
        out.text(arrival.period());
        out.varlong(arrival.received());
    }, in -> new Arrival(in.text(), in.text(), in.text(), in.varlong()));
}
