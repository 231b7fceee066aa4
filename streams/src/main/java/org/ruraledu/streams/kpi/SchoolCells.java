package org.ruraledu.streams.kpi;

import org.ruraledu.streams.StoreWrites;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.Retention;
import org.ruraledu.records.RecordRules;

/**
 * The first level of a rollup ({@code {name}-rollup-schools}), in the school's task (figure changes arrive keyed
 * by school, as ingest delivers them): turns a school's {@link FigureChange} into one {@link Contribution} per
 * district cell it touches, keyed by the cell ({@code {district}|{period}|{periodStart}}), in the cells that
 * {@link Counting} gives it (a day's figure in its day, week, month and term). A school counts once in a cell
 * however many figures it has there (a school day each in a month), so the school's number of figures per cell is
 * kept here, where it is one small entry per school and period, and not in the cell.
 *
 * <p>The same entry keeps the school's own counters of the period (its figures summed, in whichever district they
 * were counted) and when they last changed, so the school's own cell ({@code school:{schoolId}|{period}|{periodStart}})
 * goes on to its KPIs from here, in the school's task, without another repartition, before and after each change
 * ({@link SchoolKpis}); not at all when school scopes are off ({@code kpis.school.scope}: then the counters are not
 * kept either). These entries are the only store of the school's KPIs: the query API computes them from here
 * ({@link SchoolKpiView}). An entry written without counters (school scopes were off, or by an earlier version)
 * publishes no school cell until its period ends: its earlier figures are not known here. A standing (CURRENT)
 * entry's KPIs are dated the day it was computed: once a day each is computed again, under the new day.
 *
 * <p>A figure is taken away where it was counted: a {@code before} the school's entry does not hold in that
 * district (counted before week and term cells existed, or under a term whose dates were edited since) changes
 * nothing in that cell.
 *
 * <p>Store {@code {name}-rollup-schools-store}: {@code {schoolId}|{period}|{periodStart}} → figures per district
 * and the school's counters ({@link CellMembership}). Bounded by schools x periods within the retention horizon
 * (one entry per school for CURRENT): once a day, the entries of periods that ended before the {@link Retention}
 * horizon are deleted, and each district cell they name is told to {@link Contribution#forget} itself (no figure
 * of such a period is accepted any more, so the cell can no longer change), and so is the school's own cell.
 */
final class SchoolCells implements Processor<Object, FigureChange, String, CellUpdate> {
    private final String storeName;
    private final Counting counting;
    private final boolean schoolScope;
    private final Retention retention;
    private final Clock clock;
    private ProcessorContext<String, CellUpdate> context;
    private KeyValueStore<String, CellMembership> store;

    /** @param schoolScope whether the school's own cells are kept and sent on ({@code kpis.school.scope}) */
    SchoolCells(String storeName, Counting counting, boolean schoolScope, Retention retention, Clock clock) {
        this.storeName = storeName;
        this.counting = counting;
        this.schoolScope = schoolScope;
        this.retention = retention;
        this.clock = clock;
    }

    static String storeName(String name) {
        return name + "-rollup-schools-store";
    }

    /** The key of a school's own cell: its scope {@code school:{schoolId}}, the period and its first day. */
    static String schoolCell(String schoolId, Period period, LocalDate start) {
        return new RollupKey(Kpi.schoolScope(schoolId), period, start).toString();
    }

    @Override
    public void init(ProcessorContext<String, CellUpdate> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        if (counting.dated()) {
            DailyCheck.schedule(context, clock, (today, timestamp) -> forgetBefore(retention.horizon(today), timestamp));
        } else if (schoolScope) {
            DailyCheck.schedule(context, clock, this::restampStanding);
        }
    }

    @Override
    public void process(Record<Object, FigureChange> in) {
        SchoolFigure before = in.value().before();
        SchoolFigure after = in.value().after();
        SchoolFigure any = after != null ? after : before;
        if (any == null) {
            return;
        }
        Map<String, Contribution> byCell = new LinkedHashMap<>();
        Map<String, CellUpdate.OfSchool> ownCells = new LinkedHashMap<>();
        for (Period period : counting.periods()) {
            if (period == Period.CURRENT) {
                change(any.schoolId(), period, null, before, after, byCell, ownCells);
                continue;
            }
            LocalDate beforeStart = before == null ? null
                    : counting.start(period, in.value().period(), before.date()).orElse(null);
            LocalDate afterStart = after == null ? null
                    : counting.start(period, in.value().period(), after.date()).orElse(null);
            if (beforeStart != null && beforeStart.equals(afterStart)) {
                change(any.schoolId(), period, beforeStart, before, after, byCell, ownCells);
            } else {
                // Counted in two cells of the period (re-dated), or in one only (a term: the other date is vacation).
                if (beforeStart != null) {
                    change(any.schoolId(), period, beforeStart, before, null, byCell, ownCells);
                }
                if (afterStart != null) {
                    change(any.schoolId(), period, afterStart, null, after, byCell, ownCells);
                }
            }
        }
        byCell.forEach((cell, contribution) -> {
            if (!contribution.isEmpty()) {
                context.forward(new Record<>(cell, new CellUpdate.ToDistrict(contribution), in.timestamp()));
            }
        });
        ownCells.forEach((cell, change) -> context.forward(new Record<>(cell, change, in.timestamp())));
    }

    /** One school's figure of one period replaced: the contributions to the district cells of that period. */
    private void change(String schoolId, Period period, LocalDate start, SchoolFigure before, SchoolFigure after,
            Map<String, Contribution> byCell, Map<String, CellUpdate.OfSchool> ownCells) {
        String key = schoolId + "|" + period.id() + "|" + (start == null ? "" : start);
        CellMembership stored = store.get(key);
        CellMembership was = stored == null ? (schoolScope ? CellMembership.NONE : CellMembership.NONE_UNSUMMED)
                : stored;
        if (before != null && !was.has(before.district())) {
            before = null; // not counted here: nothing to take away
        }
        if (before == null && after == null) {
            return;
        }
        Counts delta = Counts.none();
        if (before != null) {
            delta = delta.minus(before.counts());
        }
        if (after != null) {
            delta = delta.plus(after.counts());
        }
        CellMembership now = was.without(before == null ? null : before.district())
                .with(after == null ? null : after.district()).plus(delta);
        boolean ownChanged = schoolScope && now.totals() != null && !Objects.equals(was.ownTally(), now.ownTally());
        if (ownChanged) {
            now = now.at(clock.instant());
        }
        if (now.isEmpty()) {
            StoreWrites.remove(store, key);
        } else if (!now.equals(was)) {
            store.put(key, now);
        }
        if (ownChanged) {
            ownCells.merge(schoolCell(schoolId, period, start), new CellUpdate.OfSchool(was.ownTally(), was.updatedAt(),
                    now.ownTally(), now.updatedAt()), CellUpdate.OfSchool::then);
        }
        // The city's school count changes with the school's first figure in the period, or its last.
        long citySchools = (now.isEmpty() ? 0 : 1) - (was.isEmpty() ? 0 : 1);
        String cityCarrier = after != null ? after.district() : before.district();
        Set<String> districts = new LinkedHashSet<>();
        if (before != null) {
            districts.add(before.district());
        }
        if (after != null) {
            districts.add(after.district());
        }
        for (String district : districts) {
            Counts districtDelta = Counts.none();
            if (before != null && before.district().equals(district)) {
                districtDelta = districtDelta.minus(before.counts());
            }
            if (after != null && after.district().equals(district)) {
                districtDelta = districtDelta.plus(after.counts());
            }
            long schools = (now.has(district) ? 1 : 0) - (was.has(district) ? 1 : 0);
            Contribution contribution = new Contribution(districtDelta.withoutZeros(), schools,
                    district.equals(cityCarrier) ? citySchools : 0);
            byCell.merge(new RollupKey(district, period, start).toString(), contribution, SchoolCells::sum);
        }
    }

    private static Contribution sum(Contribution a, Contribution b) {
        return new Contribution(a.delta().plus(b.delta()).withoutZeros(), a.schools() + b.schools(),
                a.citySchools() + b.citySchools());
    }

    /**
     * Once a day: the periods that ended before {@code horizon} are forgotten here, with the school's own cell, and
     * in their district cells. The school's KPIs of such a cell stay on the topic (history, not a withdrawal).
     */
    private void forgetBefore(LocalDate horizon, long timestamp) {
        Set<String> cells = new TreeSet<>();
        Retention.forget(store, (key, membership) -> {
            RollupKey school = RollupKey.parse(key); // {schoolId}|{period}|{start} parses like a cell
            LocalDate lastDay = counting.lastDay(school.period(), school.periodStart());
            if (lastDay == null || !lastDay.isBefore(horizon)) {
                return false;
            }
            membership.districts().forEach(district -> cells.add(
                    new RollupKey(district, school.period(), school.periodStart()).toString()));
            return true;
        });
        cells.forEach(cell -> context.forward(new Record<>(cell, new CellUpdate.ToDistrict(Contribution.forget()),
                timestamp)));
    }

    /**
     * Once a day: each school's own standing cell computed again under the new day ({@link SchoolKpis}: the earlier
     * day's KPIs tombstoned), even if nothing changed, so that {@code current} means today.
     */
    private void restampStanding(LocalDate today, long timestamp) {
        Instant now = clock.instant();
        List<KeyValue<String, CellMembership>> stale = new ArrayList<>();
        try (KeyValueIterator<String, CellMembership> all = store.all()) {
            all.forEachRemaining(entry -> {
                if (entry.value.ownTally() != null && !today.equals(entry.value.computedOn())) {
                    stale.add(entry);
                }
            });
        }
        for (KeyValue<String, CellMembership> entry : stale) {
            CellMembership restamped = entry.value.at(now);
            store.put(entry.key, restamped);
            RollupKey school = RollupKey.parse(entry.key);
            context.forward(new Record<>(schoolCell(school.scope(), Period.CURRENT, null), new CellUpdate.OfSchool(
                    entry.value.ownTally(), entry.value.updatedAt(), restamped.ownTally(), now), timestamp));
        }
    }

    /**
     * How many figures one school has in one period, per district (nearly always one district), the sum of
     * their counters ({@code totals}; null when not kept: school scopes off, or written by an earlier version), and
     * when those last changed ({@code updatedAt}; null when not known).
     */
    record CellMembership(TreeMap<String, Long> figures, Counts totals, Instant updatedAt) {
        static final CellMembership NONE = new CellMembership(new TreeMap<>(), Counts.none(), null);
        static final CellMembership NONE_UNSUMMED = new CellMembership(new TreeMap<>(), null, null);

        /** The day (city time) the school's counters were last computed; null when not known. */
        LocalDate computedOn() {
            return updatedAt == null ? null : LocalDate.ofInstant(updatedAt, RecordRules.ZONE);
        }

        CellMembership at(Instant computed) {
            return new CellMembership(figures, totals, computed);
        }

        boolean isEmpty() {
            return figures.isEmpty();
        }

        boolean has(String district) {
            return figures.containsKey(district);
        }

        Set<String> districts() {
            return figures.keySet();
        }

        /** The school's own cell: its counters, 1 school (0 once it has no figure left); null when not kept. */
        Tally ownTally() {
            return totals == null ? null : new Tally(isEmpty() ? Counts.none() : totals, isEmpty() ? 0 : 1, 0);
        }

        CellMembership with(String district) {
            if (district == null) {
                return this;
            }
            TreeMap<String, Long> next = new TreeMap<>(figures);
            next.merge(district, 1L, Long::sum);
            return new CellMembership(next, totals, updatedAt);
        }

        CellMembership without(String district) {
            if (district == null || !figures.containsKey(district)) {
                return this;
            }
            TreeMap<String, Long> next = new TreeMap<>(figures);
            next.computeIfPresent(district, (d, n) -> n > 1 ? n - 1 : null);
            return new CellMembership(next, totals, updatedAt);
        }

        /** With a figure change's counters added to the school's own (extremes combine by min/max, as in a cell). */
        CellMembership plus(Counts delta) {
            return totals == null ? this : new CellMembership(figures, totals.plus(delta).withoutZeros(), updatedAt);
        }
    }
}
