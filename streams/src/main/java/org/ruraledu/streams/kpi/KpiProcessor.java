package org.ruraledu.streams.kpi;

import org.ruraledu.streams.StoreWrites;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
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
 *
 * <p>A school's own cells ({@code ownCells}) are published the same way, with two differences that keep their
 * volume to what the school has: a metric the school has no data for is not published until it has (a district
 * cell says NO_DATA; a school that owes no care report on a day says nothing about it), and a cell the school has
 * no figure left in (its only report withdrawn, its last open case closed) takes its KPIs away: deleted from the
 * store and tombstoned on the topic, so the school's scope lists what it has.
 */
final class KpiProcessor implements Processor<String, Tally, String, Kpi> {
    private final List<Metric> metrics;
    private final Targets targets;
    private final Clock clock;
    private final String kpiStore;
    private final StandingCells standing;
    private final boolean ownCells;
    private ProcessorContext<String, Kpi> context;
    private KeyValueStore<String, Kpi> store;

    /**
     * @param kpiStore where this level's KPIs are kept (read by the query API)
     * @param standing where the level's CURRENT cells are (re-stamped daily from there), null if it has none
     * @param ownCells whether the cells are schools' own ({@code school:{schoolId}} scopes)
     */
    KpiProcessor(List<Metric> metrics, Targets targets, Clock clock, String kpiStore, StandingCells standing,
            boolean ownCells) {
        this.metrics = metrics;
        this.targets = targets;
        this.clock = clock;
        this.kpiStore = kpiStore;
        this.standing = standing;
        this.ownCells = ownCells;
    }

    /** For measuring alone (tests): no store. */
    KpiProcessor(List<Metric> metrics, Targets targets, Clock clock) {
        this(metrics, targets, clock, null, null, false);
    }

    @Override
    public void init(ProcessorContext<String, Kpi> context) {
        this.context = context;
        this.store = context.getStateStore(kpiStore);
        if (standing != null) {
            DailyCheck.schedule(context, clock, (today, timestamp) -> restamp(timestamp));
        }
    }

    @Override
    public void process(Record<String, Tally> cell) {
        RollupKey key = RollupKey.parse(cell.key());
        if (cell.value() == null) {
            forget(key);
        } else if (ownCells && cell.value().schools() == 0) {
            retire(key, cell.timestamp());
        } else {
            publish(key, cell.value(), cell.timestamp());
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

    /** A school's cell without a figure any more: its KPIs are deleted and tombstoned (of every day, if standing). */
    private void retire(RollupKey key, long timestamp) {
        List<String> gone = new ArrayList<>();
        for (Metric metric : metrics) {
            if (key.periodStart() == null) {
                gone.addAll(standingKeys(key.scope(), metric.id(), null));
            } else {
                String kpi = Kpi.key(key.scope(), metric.id(), key.period().id(), key.periodStart());
                if (store.get(kpi) != null) {
                    gone.add(kpi);
                }
            }
        }
        tombstone(gone, timestamp);
    }

    /** Once a day: every CURRENT cell of this task measured again, i.e. published under today's date. */
    private void restamp(long timestamp) {
        // Collected first (read() returns a list): publishing writes the KPI store, not the cells' store.
        standing.read(context).forEach(cell -> publish(cell.key, cell.value, timestamp));
    }

    private void publish(RollupKey key, Tally tally, long timestamp) {
        Instant now = clock.instant();
        for (Metric metric : metrics) {
            Kpi fresh = measure(key, tally, metric, now);
            Kpi stored = store.get(fresh.key());
            if (stored != null && sameFigures(stored, fresh)) {
                continue;
            }
            // A CURRENT key new today replaces the one of an earlier day (the invariant: at most one is kept).
            List<String> otherDays = stored == null && key.period() == Period.CURRENT
                    ? standingKeys(fresh.scope(), fresh.metric(), fresh.key()) : List.of();
            if (ownCells && stored == null && otherDays.isEmpty() && fresh.status() == KpiStatus.NO_DATA) {
                continue; // the school never had data for this metric here: nothing to say
            }
            store.put(fresh.key(), fresh);
            context.forward(new Record<>(fresh.key(), fresh, timestamp));
            tombstone(otherDays, timestamp);
        }
    }

    /** The keys of every day's KPI of a standing figure, but {@code except}. */
    private List<String> standingKeys(String scope, String metric, String except) {
        String prefix = scope + "|" + metric + "|" + Period.CURRENT.id() + "|";
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, Kpi> days = store.prefixScan(prefix, Serdes.String().serializer())) {
            days.forEachRemaining(day -> {
                if (!day.key.equals(except)) {
                    keys.add(day.key);
                }
            });
        }
        return keys;
    }

    /** Deletes the KPIs and tombstones them on the compacted topic. */
    private void tombstone(List<String> keys, long timestamp) {
        for (String key : keys) {
            StoreWrites.remove(store, key);
            context.forward(new Record<>(key, (Kpi) null, timestamp));
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
