package org.ruraledu.streams.kpi;

import java.time.Clock;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.topics.Topics;

/**
 * KPIs of every domain: a domain hands over its school {@link FigureChange}s with the periods and
 * {@link Metric}s it wants, and gets district and city KPIs in the contract's shape on {@code ruraledu.kpi.v1}
 * (status judged against the domain's {@link Target}s) and in the one KPI store the query API reads.
 *
 * <pre>
 *   changes → {@link Rollup} ({name}-rollup-store) → {name}-rollup-changes → {name}-kpi (kpi-store) → {name}-kpi-sink
 * </pre>
 */
public final class Kpis {
    /** All KPI records of all domains, keyed like the topic: {@code {scope}|{metric}|{period}|{periodStart}}. */
    public static final String STORE = "kpi-store";

    private final Targets targets;
    private final Clock clock;

    public Kpis(StreamsBuilder builder, Targets targets, Clock clock) {
        this.targets = targets;
        this.clock = clock;
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), Topics.KPIS.valueSerde()));
    }

    public void rollUp(String name, KStream<?, FigureChange> changes, List<Period> periods, List<Metric> metrics) {
        List<Metric> measured = List.copyOf(metrics);
        new Rollup(name, periods).aggregate(changes)
                .toStream(Named.as(name + "-rollup-changes"))
                .process(() -> new KpiProcessor(measured, targets, clock), Named.as(name + "-kpi"), STORE)
                .to(Topics.KPIS.name(), Produced.with(Topics.KPIS.keySerde(), Topics.KPIS.valueSerde())
                        .withName(name + "-kpi-sink"));
    }
}
