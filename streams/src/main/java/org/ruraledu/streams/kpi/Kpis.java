package org.ruraledu.streams.kpi;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.serde.JsonSerde;
import org.ruraledu.streams.ingest.DomainRegistry;
import org.ruraledu.topics.Topics;

/**
 * KPIs of every domain: a domain hands over its school {@link FigureChange}s with the periods and
 * {@link Metric}s it wants, and gets district and city KPIs in the contract's shape on {@code ruraledu.kpi.v1}
 * (status judged against the domain's {@link Target}s) and in the one KPI store the query API reads.
 *
 * <pre>
 *   changes → {@link Rollup} ({name}-rollup-store) → {name}-rollup-changes → {name}-kpi (kpi-store) → {name}-kpi-sink
 *   standing changes, the domain's registry changes → {@link SchoolStanding} ({name}-by-school-store) → Rollup → ...
 * </pre>
 *
 * <p>Dated figures (a day, a month) stay in the district where they were counted. Standing figures ({@code current})
 * are summed per school first, in the school's task, and counted where the registry puts the school now: a school
 * that moves district takes them along at once, a school that closes keeps only those that still count.
 *
 * <p>A KPI record is published only when its figures change. A "current" KPI keeps one key, dated today: the key
 * of an earlier day is deleted and tombstoned (null value) on the compacted topic, daily even without input.
 */
public final class Kpis {
    /** All KPI records of all domains, keyed like the topic: {@code {scope}|{metric}|{period}|{periodStart}}. */
    public static final String STORE = "kpi-store";

    private final StreamsBuilder builder;
    private final Targets targets;
    private final Clock clock;

    public Kpis(StreamsBuilder builder, Targets targets, Clock clock) {
        this.builder = builder;
        this.targets = targets;
        this.clock = clock;
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE),
                Serdes.String(), Topics.KPIS.valueSerde()));
    }

    /** Dated figures (DAY, WEEK, MONTH): each change counts in the district its figures name. */
    public void rollUp(String name, KStream<?, FigureChange> changes, List<Period> periods, List<Metric> metrics) {
        if (periods.contains(Period.CURRENT)) {
            throw new IllegalArgumentException(name + ": standing (current) figures roll up with rollUpStanding");
        }
        publish(name, new Rollup(name, periods).aggregate(changes), metrics, null);
    }

    /**
     * Standing figures ({@code current}), summed per school and counted where the registry puts the school now.
     *
     * @param activeOnly the counters a school contributes only while it is active (e.g. its enrolment); the others
     *                   still count after it closed (its open dropout cases)
     * @param registry   the domain's copy of the registry, whose changes move the school's figures
     */
    public void rollUpStanding(String name, KStream<?, FigureChange> changes, List<Metric> metrics,
            Set<String> activeOnly, DomainRegistry registry) {
        String store = SchoolStanding.storeName(name);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                new JsonSerde<>(SchoolStanding.State.class)));
        KStream<String, StandingInput> inputs = changes
                .mapValues(StandingInput::of, Named.as(name + "-standing-change"))
                .selectKey((key, input) -> input.schoolId(), Named.as(name + "-standing-school"))
                .merge(registry.changes().mapValues(change -> StandingInput.registryChanged(change.schoolId()),
                        Named.as(name + "-registry-change")), Named.as(name + "-standing-inputs"));
        KStream<String, FigureChange> bySchool = inputs.process(
                () -> new SchoolStanding(store, registry.storeName(), activeOnly),
                Named.as(name + "-school-standing"), store, registry.storeName());
        // CURRENT cells are re-stamped daily from the rollup's own store.
        publish(name, new Rollup(name, List.of(Period.CURRENT)).aggregate(bySchool), metrics, Rollup.storeName(name));
    }

    private void publish(String name, KTable<String, Tally> cells, List<Metric> metrics, String standingCells) {
        List<Metric> measured = List.copyOf(metrics);
        String[] stores = standingCells == null ? new String[] {STORE} : new String[] {STORE, standingCells};
        cells.toStream(Named.as(name + "-rollup-changes"))
                .process(() -> new KpiProcessor(measured, targets, clock, standingCells), Named.as(name + "-kpi"),
                        stores)
                .to(Topics.KPIS.name(), Produced.with(Topics.KPIS.keySerde(), Topics.KPIS.valueSerde())
                        .withName(name + "-kpi-sink"));
    }
}
