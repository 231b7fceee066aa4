package org.ruraledu.streams.kpi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.serde.StateSerde;
import org.ruraledu.streams.ingest.DomainRegistry;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.Retention;
import org.ruraledu.streams.query.QueryStoreNames;
import org.ruraledu.topics.Topics;

/**
 * KPIs of every domain: a domain hands over its school {@link FigureChange}s (keyed by school, in the school's
 * task) with the periods and {@link Metric}s it wants, and gets district and city KPIs in the contract's shape on
 * {@code ruraledu.kpi.v1} (status judged against the plan's target catalog, {@link Targets#applying}) and in the
 * KPI stores the query API reads (one per rollup and level, so no store joins two domains' work into one
 * sub-topology).
 *
 * <pre>
 *   changes → {@link Rollup}: {name}-rollup-schools → district cells ({name}-district-rollup-store)
 *                                                   → city cells ({name}-city-rollup-store)
 *   district cells → {name}-district-kpi ({name}-district-kpi-store) → {name}-district-kpi-sink
 *   city cells     → {name}-city-kpi ({name}-city-kpi-store) → {name}-city-kpi-sink
 *   standing changes, registry changes → {@link SchoolStanding} ({name}-by-school-store) → Rollup → ...
 * </pre>
 *
 * <p>Dated figures (a day, a month) stay in the district where they were counted. Standing figures ({@code current})
 * are summed per school first, in the school's task, and counted where the registry puts the school now: a school
 * that moves district takes them along at once, a school that closes keeps only those that still count.
 *
 * <p>A KPI record is published only when its figures change. A "current" KPI keeps one key, dated today: the key
 * of an earlier day is deleted and tombstoned (null value) on the compacted topic, daily even without input.
 * KPIs of periods that ended before the retention horizon leave the stores (not the topic).
 *
 * <p>Every level's KPI changes are kept ({@link #published()}) for TARGET_SLIPPED, wired once every domain has
 * added its rollups ({@link org.ruraledu.streams.targets.TargetSlips}).
 */
public final class Kpis {
    private final StreamsBuilder builder;
    private final Targets targets;
    private final Clock clock;
    private final Retention retention;
    private final List<PublishedKpis> published = new ArrayList<>();

    /**
     * The KPI changes of one rollup level as they go to the topic, in the KPI processor's task: what
     * TARGET_SLIPPED is judged on.
     *
     * @param periods the periods the rollup counts ({@code current} alone for standing figures)
     */
    public record PublishedKpis(String name, String level, List<Period> periods, List<Metric> metrics,
            KStream<String, Kpi> kpis) {}

    public Kpis(StreamsBuilder builder, Targets targets, Clock clock, Retention retention) {
        this.builder = builder;
        this.targets = targets;
        this.clock = clock;
        this.retention = retention;
    }

    /** The KPI store of one rollup level ({@code district} or {@code city}). */
    public static String kpiStore(String name, String level) {
        return name + "-" + level + "-" + QueryStoreNames.KPI_SUFFIX;
    }

    /** Dated figures (DAY, WEEK, MONTH): each change counts in the district its figures name. */
    public void rollUp(String name, KStream<?, FigureChange> changes, List<Period> periods, List<Metric> metrics) {
        if (periods.contains(Period.CURRENT)) {
            throw new IllegalArgumentException(name + ": standing (current) figures roll up with rollUpStanding");
        }
        publish(name, new Rollup(name, periods, retention, clock).aggregate(builder, changes), periods, metrics,
                false);
    }

    /**
     * Standing figures ({@code current}), summed per school and counted where the registry puts the school now.
     *
     * @param activeOnly the counters a school contributes only while it is active (e.g. its enrolment); the others
     *                   still count after it closed (its open dropout cases)
     * @param registry   the domain's copy of the school registry, in the domain's own tasks
     */
    public void rollUpStanding(String name, KStream<?, FigureChange> changes, List<Metric> metrics,
            Set<String> activeOnly, DomainRegistry registry) {
        String store = SchoolStanding.storeName(name);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                new StateSerde<>(SchoolStanding.State.class)));
        KStream<String, StandingInput> inputs = changes
                .mapValues(StandingInput::of, Named.as(name + "-standing-change"))
                .selectKey((key, input) -> input.schoolId(), Named.as(name + "-standing-school"))
                .merge(registry.changes().mapValues(change -> StandingInput.registryChanged(change.schoolId()),
                        Named.as(name + "-registry-change")), Named.as(name + "-standing-inputs"));
        KStream<String, FigureChange> bySchool = inputs.process(
                () -> new SchoolStanding(store, registry.storeName(), activeOnly),
                Named.as(name + "-school-standing"), store, registry.storeName());
        // CURRENT cells are re-stamped daily from the rollup's own stores.
        publish(name, new Rollup(name, List.of(Period.CURRENT), retention, clock).aggregate(builder, bySchool),
                List.of(Period.CURRENT), metrics, true);
    }

    /** Every rollup level's KPI changes, in the order the rollups were added. */
    public List<PublishedKpis> published() {
        return List.copyOf(published);
    }

    /** The ids of every metric some rollup computes. */
    public Set<String> metricIds() {
        Set<String> ids = new TreeSet<>();
        published.forEach(p -> p.metrics().forEach(metric -> ids.add(metric.id())));
        return ids;
    }

    private void publish(String name, Rollup.Levels levels, List<Period> periods, List<Metric> metrics,
            boolean standing) {
        publish(name, "district", levels.districts(), periods, metrics, standing ? Rollup.districtStore(name) : null);
        publish(name, "city", levels.city(), periods, metrics, standing ? Rollup.cityStore(name) : null);
    }

    private void publish(String name, String level, KTable<String, Tally> cells, List<Period> periods,
            List<Metric> metrics, String standingCells) {
        List<Metric> measured = List.copyOf(metrics);
        String kpis = kpiStore(name, level);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(kpis),
                Serdes.String(), new StateSerde<>(Kpi.class)));
        String[] stores = standingCells == null ? new String[] {kpis} : new String[] {kpis, standingCells};
        String prefix = name + "-" + level;
        KStream<String, Kpi> changes = cells.toStream(Named.as(prefix + "-rollup-changes"))
                .process(() -> new KpiProcessor(measured, targets, clock, kpis, standingCells),
                        Named.as(prefix + "-kpi"), stores);
        changes.to(Topics.KPIS.name(), Produced.with(Topics.KPIS.keySerde(), Topics.KPIS.valueSerde())
                .withName(prefix + "-kpi-sink"));
        published.add(new PublishedKpis(name, level, List.copyOf(periods), measured, changes));
    }
}
