package org.ruraledu.streams.targets;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.config.Settings;
import org.ruraledu.contract.Kpi;
import org.ruraledu.serde.StateSerde;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.alert.AlertLifecycle;
import org.ruraledu.streams.kpi.Kpis.PublishedKpis;
import org.ruraledu.streams.kpi.Metric;
import org.ruraledu.streams.kpi.Period;
import org.ruraledu.streams.kpi.Targets;

/**
 * TARGET_SLIPPED, wired once every domain has added its rollups: for each rollup level whose KPIs a target
 * watches, its KPI changes of those metrics and of one period per metric go to a {@link TargetWatch}.
 *
 * <pre>
 *   {rollup}-{level}-kpi → {rollup}-{level}-target-kpis (watched metric, driving period)
 *     → {rollup}-{level}-target-scope (keyed by scope) → repartition {app}-{rollup}-{level}-target-watch-repartition
 *     → {rollup}-{level}-target-watch ({rollup}-{level}-target-watch-store)
 *     → AlertLifecycle "{rollup}-{level}-targets" ({rollup}-{level}-targets-alert-lifecycle-store,
 *       {rollup}-{level}-targets-alert-open-store) → alerts.v1
 * </pre>
 *
 * <p>One period per metric drives the alert, so that it does not flap between a day's and a month's figure: the
 * standing figure ({@code current}, re-stamped daily: a period is a day) where a rollup has the metric standing,
 * else the month (not the term: see {@link #drivingPeriod}). A rollup cell is partitioned by cell ({@code {scope}|{period}|{start}}),
 * so one scope's successive periods are counted in different tasks; the watch needs them in one, in order, hence
 * one repartition by scope of the few KPI changes of watched metrics (not of the reports). Every store and the
 * lifecycle are per rollup and level: no store joins two rollups' sub-topologies.
 */
public final class TargetSlips {
    /** Consecutive periods met (or on track) before a TARGET_SLIPPED alert resolves. */
    public static final String RESOLVE_AFTER = "targets.resolve.after.periods";

    private TargetSlips() {}

    public static String watchStore(String rollup, String level) {
        return rollup + "-" + level + "-target-watch-store";
    }

    /** The lifecycle name of a rollup level's TARGET_SLIPPED alerts (its stores start with it). */
    public static String alerts(String rollup, String level) {
        return rollup + "-" + level + "-targets";
    }

    public static void watch(StreamsBuilder builder, Settings settings, Targets targets, AlertLifecycle alerts,
            List<PublishedKpis> published) {
        int resolveAfter = settings.getInt(RESOLVE_AFTER);
        if (resolveAfter < 1) {
            throw new IllegalArgumentException(RESOLVE_AFTER + " must be at least 1, got " + resolveAfter);
        }
        Map<String, PublishedKpis> driving = drivingRollups(targets, published);
        for (PublishedKpis level : published) {
            Set<String> metrics = new LinkedHashSet<>();
            driving.forEach((metric, rollup) -> {
                if (rollup.name().equals(level.name())) {
                    metrics.add(metric);
                }
            });
            if (!metrics.isEmpty()) {
                wire(builder, targets, alerts, level, metrics, drivingPeriod(level).id(), resolveAfter);
            }
        }
    }

    /**
     * For each watched metric, the rollup whose KPIs drive its alerts: the first that has it standing, else the
     * first of those with the longest dated period.
     */
    static Map<String, PublishedKpis> drivingRollups(Targets targets, List<PublishedKpis> published) {
        Map<String, PublishedKpis> driving = new TreeMap<>();
        for (PublishedKpis level : published) {
            for (Metric metric : level.metrics()) {
                if (!targets.watches(metric.id())) {
                    continue;
                }
                PublishedKpis chosen = driving.get(metric.id());
                if (chosen == null || drivingPeriod(level).compareTo(drivingPeriod(chosen)) > 0) {
                    driving.put(metric.id(), level);
                }
            }
        }
        return driving;
    }

    /**
     * CURRENT for a standing rollup, else its month: a term is too long to drive an alert that resolves after
     * {@value #RESOLVE_AFTER} good periods (three terms are a year and a half), a day or a week too short for a
     * plan's target. A rollup with neither (none so far): its longest period.
     */
    static Period drivingPeriod(PublishedKpis level) {
        for (Period driving : List.of(Period.CURRENT, Period.MONTH)) {
            if (level.periods().contains(driving)) {
                return driving;
            }
        }
        return Collections.max(level.periods());
    }

    private static void wire(StreamsBuilder builder, Targets targets, AlertLifecycle alerts, PublishedKpis level,
            Set<String> metrics, String period, int resolveAfter) {
        String prefix = level.name() + "-" + level.level();
        String store = watchStore(level.name(), level.level());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                new StateSerde<>(TargetWatchState.class)));
        Set<String> watched = Set.copyOf(metrics);
        KStream<String, AlertCondition> conditions = level.kpis()
                .filter((key, kpi) -> kpi != null && kpi.targetId() != null && watched.contains(kpi.metric())
                        && kpi.period().equals(period), Named.as(prefix + "-target-kpis"))
                .selectKey((key, kpi) -> kpi.scope(), Named.as(prefix + "-target-scope"))
                .repartition(Repartitioned.<String, Kpi>as(prefix + "-target-watch")
                        .withKeySerde(Serdes.String()).withValueSerde(new StateSerde<>(Kpi.class)))
                .process(() -> new TargetWatch(targets, resolveAfter, store), Named.as(prefix + "-target-watch"),
                        store);
        alerts.track(alerts(level.name(), level.level()), conditions);
    }
}
