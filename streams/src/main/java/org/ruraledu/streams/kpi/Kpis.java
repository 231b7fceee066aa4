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
 *
 * <p>A KPI record is published only when its figures change. A "current" KPI keeps one key, dated today: the key
 * of an earlier day is deleted and tombstoned (null value) on the compacted topic, daily even without input.
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
        // Standing (CURRENT) cells are re-stamped daily from the rollup's own store.
        String standingCells = periods.contains(Period.CURRENT) ? Rollup.storeName(name) : null;
        String[] stores = standingCells == null ? new String[] {STORE} : new String[] {STORE, standingCells};
        new Rollup(name, periods).aggregate(changes)
                .toStream(Named.as(name + "-rollup-changes"))
                .process(() -> new KpiProcessor(measured, targets, clock, standingCells), Named.as(name + "-kpi"),
                        stores)
                .to(Topics.KPIS.name(), Produced.with(Topics.KPIS.keySerde(), Topics.KPIS.valueSerde())
                        .withName(name + "-kpi-sink"));
    }
}
