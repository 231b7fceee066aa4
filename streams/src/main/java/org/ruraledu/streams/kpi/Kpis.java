package org.ruraledu.streams.kpi;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.config.Settings;
import org.ruraledu.serde.StateSerde;
import org.ruraledu.streams.ingest.DomainRegistry;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.Retention;
import org.ruraledu.streams.query.KpiView;
import org.ruraledu.streams.query.QueryStoreNames;
import org.ruraledu.topics.Topics;

/**
 * KPIs of every domain: a domain hands over its school {@link FigureChange}s (keyed by school, in the school's
 * task) with what one figure covers and the {@link Metric}s it wants, and gets district, city and school KPIs in
 * the contract's shape on {@code ruraledu.kpi.v1} (status judged against the plan's target catalog,
 * {@link Targets#applying}) and in the KPI stores the query API reads (one per rollup and level, so no store joins
 * two domains' work into one sub-topology).
 *
 * <pre>
 *   changes → {@link Rollup}: {name}-rollup-schools → district cells ({name}-district-rollup-store)
 *                                                   → city cells ({name}-city-rollup-store)
 *                                                   → the schools' own cells (in the school's task)
 *   district cells → {name}-district-kpi ({name}-district-kpi-store) → {name}-district-kpi-sink
 *   city cells     → {name}-city-kpi ({name}-city-kpi-store) → {name}-city-kpi-sink
 *   school cells   → {name}-school-kpi (no store: {@link SchoolKpis}) → {name}-school-kpi-sink
 *   standing changes, registry changes → {@link SchoolStanding} ({name}-by-school-store) → Rollup → ...
 * </pre>
 *
 * <p>The periods are decided here, for every domain alike ({@link Periods}): a rollup of daily figures counts in
 * days, ISO weeks, months and school terms; one of monthly figures in months and terms. Dated figures stay in the
 * district where they were counted. Standing figures ({@code current}) are summed per school first, in the
 * school's task, and counted where the registry puts the school now: a school that moves district takes them along
 * at once, a school that closes keeps only those that still count. A school's own KPIs (scope
 * {@code school:{schoolId}}, {@code schools} = 1) hold all its figures, wherever they were counted: its scope does
 * not change when it moves. {@value #SCHOOL_SCOPE} = false leaves them out.
 *
 * <p>A KPI record is published only when its figures change. A "current" KPI keeps one key, dated today: the key
 * of an earlier day is deleted and tombstoned (null value) on the compacted topic, daily even without input.
 * KPIs of periods that ended before the retention horizon leave the stores (not the topic).
 *
 * <p>The district and city levels' KPI changes are kept ({@link #published()}) for TARGET_SLIPPED, wired once
 * every domain has added its rollups ({@link org.ruraledu.streams.targets.TargetSlips}). A school's KPIs are
 * judged against the targets that name school scopes, but raise no TARGET_SLIPPED: each domain alerts per school
 * already (MEAL_GAP, REPORT_MISSING, CARE_ROOM_MISSING, ...), and an alert per school and target would repeat them.
 */
public final class Kpis {
    /** Whether every metric is also published per school (scope {@code school:{schoolId}}). */
    public static final String SCHOOL_SCOPE = "kpis.school.scope";

    private final StreamsBuilder builder;
    private final Targets targets;
    private final Clock clock;
    private final Retention retention;
    private final Periods periods;
    private final boolean schoolScope;
    private final List<PublishedKpis> published = new ArrayList<>();
    private final List<KpiView> schoolKpiViews = new ArrayList<>();

    /**
     * The KPI changes of one rollup level as they go to the topic, in the KPI processor's task: what
     * TARGET_SLIPPED is judged on.
     *
     * @param periods the periods the rollup counts ({@code current} alone for standing figures)
     */
    public record PublishedKpis(String name, String level, List<Period> periods, List<Metric> metrics,
            KStream<String, Kpi> kpis) {}

    /** @param schoolScope whether school KPIs are published too ({@value #SCHOOL_SCOPE}) */
    public Kpis(StreamsBuilder builder, Targets targets, Clock clock, Retention retention, Periods periods,
            boolean schoolScope) {
        this.builder = builder;
        this.targets = targets;
        this.clock = clock;
        this.retention = retention;
        this.periods = periods;
        this.schoolScope = schoolScope;
    }

    /** As the settings say: retention, the school calendar's terms, {@value #SCHOOL_SCOPE}. */
    public static Kpis from(StreamsBuilder builder, Settings settings, Targets targets, Clock clock) {
        return new Kpis(builder, targets, clock, Retention.from(settings), Periods.from(settings),
                settings.getBoolean(SCHOOL_SCOPE));
    }

    /** The KPI store of one rollup level ({@code district}, {@code city} or {@code school}). */
    public static String kpiStore(String name, String level) {
        return name + "-" + level + "-" + QueryStoreNames.KPI_SUFFIX;
    }

    /** The periods' arithmetic, school terms included, for domains that keep figures per period. */
    public Periods periods() {
        return periods;
    }

    /**
     * Dated figures, summed: each change counts in the district its figures name, in every period that holds what
     * a figure covers ({@link Periods#holding}): {@code DAY} (a school day's figures) in the day, ISO week, month
     * and term; {@code MONTH} (a month's) in the month and term. A change may say it covers a longer period than
     * the rollup's figures ({@link FigureChange#period}).
     */
    public void rollUp(String name, KStream<?, FigureChange> changes, Period figures, List<Metric> metrics) {
        if (!figures.dated()) {
            throw new IllegalArgumentException(name + ": standing (current) figures roll up with rollUpStanding");
        }
        rollUp(name, changes, Counting.summed(periods, figures), metrics, false);
    }

    /**
     * Dated figures of their own per period, not sums of shorter ones (a month's latest energy source): each change
     * names the one period it is the figure of ({@link FigureChange#period}); the domain sends one per period of
     * {@link Periods#DATED} it has a figure for (none for a term on a vacation day: {@link Periods#start}).
     */
    public void rollUpPerPeriod(String name, KStream<?, FigureChange> changes, List<Metric> metrics) {
        rollUp(name, changes, Counting.perPeriod(periods), metrics, false);
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
        rollUp(name, bySchool, Counting.standing(periods), metrics, true);
    }

    /** The district and city levels' KPI changes, in the order the rollups were added. */
    public List<PublishedKpis> published() {
        return List.copyOf(published);
    }

    /** Where the query API finds the schools' own KPIs: computed from the rollups' school entries, not stored. */
    public List<KpiView> schoolKpiViews() {
        return List.copyOf(schoolKpiViews);
    }

    /** The ids of every metric some rollup computes. */
    public Set<String> metricIds() {
        Set<String> ids = new TreeSet<>();
        published.forEach(p -> p.metrics().forEach(metric -> ids.add(metric.id())));
        return ids;
    }

    private void rollUp(String name, KStream<?, FigureChange> changes, Counting counting, List<Metric> metrics,
            boolean standing) {
        Rollup.Levels levels = new Rollup(name, counting, schoolScope, retention, clock).aggregate(builder, changes);
        List<Metric> measured = List.copyOf(metrics);
        published.add(publish(name, "district", levels.districts().toStream(Named.as(name + "-district-rollup-changes")),
                measured, standing ? new StandingCells(Rollup.districtStore(name)) : null,
                counting.periods()));
        published.add(publish(name, "city", levels.city().toStream(Named.as(name + "-city-rollup-changes")),
                measured, standing ? new StandingCells(Rollup.cityStore(name)) : null,
                counting.periods()));
        if (levels.schools() != null) {
            SchoolKpis schoolKpis = new SchoolKpis(measured, targets);
            levels.schools()
                    .process(() -> new SchoolKpiProcessor(schoolKpis), Named.as(name + "-school-kpi"))
                    .to(Topics.KPIS.name(), Produced.with(Topics.KPIS.keySerde(), Topics.KPIS.valueSerde())
                            .withName(name + "-school-kpi-sink"));
            schoolKpiViews.add(SchoolKpiView.source(SchoolCells.storeName(name), schoolKpis));
        }
    }

    private PublishedKpis publish(String name, String level, KStream<String, Tally> cells, List<Metric> metrics,
            StandingCells standing, List<Period> periods) {
        String kpis = kpiStore(name, level);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(kpis),
                Serdes.String(), new StateSerde<>(Kpi.class)));
        String[] stores = standing == null ? new String[] {kpis} : new String[] {kpis, standing.storeName()};
        String prefix = name + "-" + level;
        KStream<String, Kpi> changes = cells
                .process(() -> new KpiProcessor(metrics, targets, clock, kpis, standing),
                        Named.as(prefix + "-kpi"), stores);
        changes.to(Topics.KPIS.name(), Produced.with(Topics.KPIS.keySerde(), Topics.KPIS.valueSerde())
                .withName(prefix + "-kpi-sink"));
        return new PublishedKpis(name, level, periods, metrics, changes);
    }
}
