package org.ruraledu.streams.kpi;

import org.ruraledu.streams.StoreWrites;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.contract.Kpi;
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
    private final Measurements measurements;
    private final Clock clock;
    private final String kpiStore;
    private final StandingCells standing;
    private ProcessorContext<String, Kpi> context;
    private KeyValueStore<String, Kpi> store;

    /**
     * @param kpiStore where this level's KPIs are kept (read by the query API)
     * @param standing where the level's CURRENT cells are (re-stamped daily from there), null if it has none
     */
    KpiProcessor(List<Metric> metrics, Targets targets, Clock clock, String kpiStore, StandingCells standing) {
        this.metrics = metrics;
        this.measurements = new Measurements(targets);
        this.clock = clock;
        this.kpiStore = kpiStore;
        this.standing = standing;
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

    /** Once a day: every CURRENT cell of this task measured again, i.e. published under today's date. */
    private void restamp(long timestamp) {
        // Collected first (read() returns a list): publishing writes the KPI store, not the cells' store.
        standing.read(context).forEach(cell -> publish(cell.key, cell.value, timestamp));
    }

    private void publish(RollupKey key, Tally tally, long timestamp) {
        Instant now = clock.instant();
        for (Metric metric : metrics) {
            Kpi fresh = measurements.measure(key, tally, metric, now);
            Kpi stored = store.get(fresh.key());
            if (stored != null && Measurements.sameFigures(stored, fresh)) {
                continue;
            }
            // A CURRENT key new today replaces the one of an earlier day (the invariant: at most one is kept).
            List<String> otherDays = stored == null && key.period() == Period.CURRENT
                    ? standingKeys(fresh.scope(), fresh.metric(), fresh.key()) : List.of();
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
}
