package org.ruraledu.streams.kpi;

import org.ruraledu.streams.StoreWrites;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;
import org.ruraledu.records.RecordRules;
import org.ruraledu.streams.DailyCheck;

/**
 * Turns an updated rollup cell into one KPI record per metric, kept in the KPI store for the query API. A KPI is
 * published only when one of its figures changed (not for a new {@code updatedAt} alone), so a cell update that
 * moves one counter does not republish every metric of the rollup.
 *
 * <p>A standing figure (CURRENT) is dated the day it was computed, and that date is part of the key. So that
 * {@code period=current} always means one record per scope and metric, dated today: writing it under a new day
 * deletes the earlier day's key from the store and tombstones it on the compacted topic; and a wall-clock check
 * ({@link DailyCheck}) re-stamps every CURRENT cell under the new day once the day has changed in
 * the plan's city time, even if nothing else changes that day.
 */
final class KpiProcessor implements Processor<String, Tally, String, Kpi> {
    private final List<Metric> metrics;
    private final Targets targets;
    private final Clock clock;
    private final String kpiStore;
    private final String standingRollupStore;
    private ProcessorContext<String, Kpi> context;
    private KeyValueStore<String, Kpi> store;
    private KeyValueStore<String, ValueAndTimestamp<Tally>> rollup;

    /**
     * @param kpiStore            where this level's KPIs are kept (read by the query API)
     * @param standingRollupStore the rollup level's store if it has CURRENT cells (they are re-stamped daily from
     *                            it), else null
     */
    KpiProcessor(List<Metric> metrics, Targets targets, Clock clock, String kpiStore, String standingRollupStore) {
        this.metrics = metrics;
        this.targets = targets;
        this.clock = clock;
        this.kpiStore = kpiStore;
        this.standingRollupStore = standingRollupStore;
    }

    /** For measuring alone (tests): no store. */
    KpiProcessor(List<Metric> metrics, Targets targets, Clock clock, String standingRollupStore) {
        this(metrics, targets, clock, null, standingRollupStore);
    }

    @Override
    public void init(ProcessorContext<String, Kpi> context) {
        this.context = context;
        this.store = context.getStateStore(kpiStore);
        if (standingRollupStore != null) {
            this.rollup = context.getStateStore(standingRollupStore);
            DailyCheck.schedule(context, clock, (today, timestamp) -> restamp(timestamp));
        }
    }

    @Override
    public void process(Record<String, Tally> cell) {
        if (cell.value() != null) {
            publish(RollupKey.parse(cell.key()), cell.value(), cell.timestamp());
        } else {
            forget(RollupKey.parse(cell.key()));
        }
    }

    /**
     * A cell deleted: its period ended before the retention horizon. Its KPIs leave the store; the topic keeps
     * their last records (a forgotten period's figures are history, not a withdrawal).
     */
    private void forget(RollupKey key) {
        if (key.periodStart() == null) {
            return; // a standing cell is never forgotten
        }
        for (Metric metric : metrics) {
            StoreWrites.remove(store, Kpi.key(key.scope(), metric.id(), key.period().id(), key.periodStart()));
        }
    }

    /** Once a day: every CURRENT cell of this task measured again, i.e. published under today's date. */
    private void restamp(long timestamp) {
        // Collected first: publishing writes the KPI store, not the rollup store, but an open iterator is best short.
        List<KeyValue<RollupKey, Tally>> standing = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Tally>> cells = rollup.all()) {
            cells.forEachRemaining(cell -> {
                RollupKey key = RollupKey.parse(cell.key);
                if (key.period() == Period.CURRENT && cell.value != null) {
                    standing.add(KeyValue.pair(key, cell.value.value()));
                }
            });
        }
        standing.forEach(cell -> publish(cell.key, cell.value, timestamp));
    }

    private void publish(RollupKey key, Tally tally, long timestamp) {
        Instant now = clock.instant();
        for (Metric metric : metrics) {
            Kpi fresh = measure(key, tally, metric, now);
            Kpi stored = store.get(fresh.key());
            if (stored != null && sameFigures(stored, fresh)) {
                continue;
            }
            store.put(fresh.key(), fresh);
            context.forward(new Record<>(fresh.key(), fresh, timestamp));
            // A CURRENT key new today replaces the one of an earlier day (the invariant: at most one is kept).
            if (stored == null && key.period() == Period.CURRENT) {
                retireOtherDays(fresh, timestamp);
            }
        }
    }

    /** Deletes and tombstones every other day's key of the same standing figure. */
    private void retireOtherDays(Kpi current, long timestamp) {
        String prefix = current.scope() + "|" + current.metric() + "|" + current.period() + "|";
        List<String> others = new ArrayList<>();
        try (KeyValueIterator<String, Kpi> days = store.prefixScan(prefix, Serdes.String().serializer())) {
            days.forEachRemaining(day -> {
                if (!day.key.equals(current.key())) {
                    others.add(day.key);
                }
            });
        }
        for (String other : others) {
            StoreWrites.remove(store, other);
            context.forward(new Record<>(other, (Kpi) null, timestamp));
        }
    }

    /** Equal in everything a reader of the KPI looks at; only {@code updatedAt} may differ. */
    static boolean sameFigures(Kpi stored, Kpi fresh) {
        return stored.equals(new Kpi(fresh.scope(), fresh.metric(), fresh.period(), fresh.periodStart(),
                fresh.value(), fresh.numerator(), fresh.denominator(), fresh.target(), fresh.targetId(),
                fresh.status(), fresh.schools(), stored.updatedAt()));
    }

    Kpi measure(RollupKey key, Tally tally, Metric metric, Instant now) {
        Metric.Measure measure = metric.measure(tally);
        double value = measure.value();
        // A standing figure (CURRENT) is dated the day it was computed, in the plan's city time.
        LocalDate periodStart = key.periodStart() != null ? key.periodStart() : LocalDate.ofInstant(now, RecordRules.ZONE);
        Optional<Target> target = targets.applying(key.scope(), metric.id(), periodStart);
        KpiStatus status = !measure.hasData() ? KpiStatus.NO_DATA
                : target.map(t -> t.judge(value, periodStart)).orElse(KpiStatus.NO_TARGET);
        return new Kpi(key.scope(), metric.id(), key.period().id(), periodStart, value,
                measure.numerator(), measure.denominator(),
                target.map(Target::value).orElse(null), target.map(Target::targetId).orElse(null),
                status, tally.schools(), now);
    }
}
