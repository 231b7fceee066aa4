package org.ruraledu.streams.kpi;

import org.ruraledu.streams.StoreWrites;
import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.Retention;

/**
 * The first level of a rollup ({@code {name}-rollup-schools}), in the school's task (figure changes arrive keyed
 * by school, as ingest delivers them): turns a school's {@link FigureChange} into one {@link Contribution} per
 * district cell it touches, keyed by the cell ({@code {district}|{period}|{periodStart}}). A school counts once in
 * a cell however many figures it has there (a school day each in a month), so the school's number of figures per
 * cell is kept here, where it is one small entry per school and period, and not in the cell.
 *
 * <p>Store {@code {name}-rollup-schools-store}: {@code {schoolId}|{period}|{periodStart}} → figures per district
 * ({@link CellMembership}). Bounded by schools x periods within the retention horizon (one entry per school for
 * CURRENT): once a day, the entries of periods that ended before the {@link Retention} horizon are deleted, and each
 * district cell they name is told to {@link Contribution#forget} itself (no figure of such a period is accepted any
 * more, so the cell can no longer change).
 */
final class SchoolCells implements Processor<Object, FigureChange, String, Contribution> {
    private final String storeName;
    private final List<Period> periods;
    private final Retention retention;
    private final Clock clock;
    private ProcessorContext<String, Contribution> context;
    private KeyValueStore<String, CellMembership> store;

    SchoolCells(String storeName, List<Period> periods, Retention retention, Clock clock) {
        this.storeName = storeName;
        this.periods = periods;
        this.retention = retention;
        this.clock = clock;
    }

    static String storeName(String name) {
        return name + "-rollup-schools-store";
    }

    @Override
    public void init(ProcessorContext<String, Contribution> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        if (periods.stream().anyMatch(period -> period != Period.CURRENT)) {
            DailyCheck.schedule(context, clock, (today, timestamp) -> forgetBefore(retention.horizon(today), timestamp));
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
        for (Period period : periods) {
            if (in.value().period() != null && in.value().period() != period) {
                continue; // a figure of another period of its own
            }
            LocalDate beforeStart = before == null ? null : period.start(before.date());
            LocalDate afterStart = after == null ? null : period.start(after.date());
            if (before != null && after != null && java.util.Objects.equals(beforeStart, afterStart)) {
                change(any.schoolId(), period, beforeStart, before, after, byCell);
            } else {
                if (before != null) {
                    change(any.schoolId(), period, beforeStart, before, null, byCell);
                }
                if (after != null) {
                    change(any.schoolId(), period, afterStart, null, after, byCell);
                }
            }
        }
        byCell.forEach((cell, contribution) -> {
            if (!contribution.isEmpty()) {
                context.forward(new Record<>(cell, contribution, in.timestamp()));
            }
        });
    }

    /** One school's figure of one period replaced: the contributions to the district cells of that period. */
    private void change(String schoolId, Period period, LocalDate start, SchoolFigure before, SchoolFigure after,
            Map<String, Contribution> byCell) {
        String key = schoolId + "|" + period.id() + "|" + (start == null ? "" : start);
        CellMembership was = store.get(key);
        if (was == null) {
            was = CellMembership.NONE;
        }
        CellMembership now = was.without(before == null ? null : before.district())
                .with(after == null ? null : after.district());
        if (now.isEmpty()) {
            StoreWrites.remove(store, key);
        } else if (!now.equals(was)) {
            store.put(key, now);
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
            Counts delta = Counts.none();
            if (before != null && before.district().equals(district)) {
                delta = delta.minus(before.counts());
            }
            if (after != null && after.district().equals(district)) {
                delta = delta.plus(after.counts());
            }
            long schools = (now.has(district) ? 1 : 0) - (was.has(district) ? 1 : 0);
            Contribution contribution = new Contribution(delta.withoutZeros(), schools,
                    district.equals(cityCarrier) ? citySchools : 0);
            byCell.merge(new RollupKey(district, period, start).toString(), contribution, SchoolCells::sum);
        }
    }

    private static Contribution sum(Contribution a, Contribution b) {
        return new Contribution(a.delta().plus(b.delta()).withoutZeros(), a.schools() + b.schools(),
                a.citySchools() + b.citySchools());
    }

    /** Once a day: the periods that ended before {@code horizon} are forgotten here and in their district cells. */
    private void forgetBefore(LocalDate horizon, long timestamp) {
        Set<String> cells = new TreeSet<>();
        Retention.forget(store, (key, membership) -> {
            RollupKey school = RollupKey.parse(key); // {schoolId}|{period}|{start} parses like a cell
            LocalDate lastDay = school.period().lastDay(school.periodStart());
            if (lastDay == null || !lastDay.isBefore(horizon)) {
                return false;
            }
            membership.districts().forEach(district -> cells.add(
                    new RollupKey(district, school.period(), school.periodStart()).toString()));
            return true;
        });
        cells.forEach(cell -> context.forward(new Record<>(cell, Contribution.forget(), timestamp)));
    }

    /** How many figures one school has in one period, per district (nearly always one district). */
    record CellMembership(TreeMap<String, Long> figures) {
        static final CellMembership NONE = new CellMembership(new TreeMap<>());

        boolean isEmpty() {
            return figures.isEmpty();
        }

        boolean has(String district) {
            return figures.containsKey(district);
        }

        Set<String> districts() {
            return figures.keySet();
        }

        CellMembership with(String district) {
            if (district == null) {
                return this;
            }
            TreeMap<String, Long> next = new TreeMap<>(figures);
            next.merge(district, 1L, Long::sum);
            return new CellMembership(next);
        }

        CellMembership without(String district) {
            if (district == null || !figures.containsKey(district)) {
                return this;
            }
            TreeMap<String, Long> next = new TreeMap<>(figures);
            next.computeIfPresent(district, (d, n) -> n > 1 ? n - 1 : null);
            return new CellMembership(next);
        }
    }
}
