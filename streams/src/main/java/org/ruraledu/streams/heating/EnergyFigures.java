package org.ruraledu.streams.heating;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.Foundation;
import org.ruraledu.streams.Retention;
import org.ruraledu.streams.kpi.Counts;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.Metric;
import org.ruraledu.streams.kpi.Period;
import org.ruraledu.streams.kpi.Periods;
import org.ruraledu.streams.kpi.RollupSerdes;
import org.ruraledu.streams.kpi.SchoolFigure;

/**
 * {@code heating.clean_energy_share}: per school and period (day, ISO week, month, term) the energy source of its
 * latest heated counted reading decides: the school heats ({@code heated} 1), cleanly or not ({@code cleanHeated} 1
 * or 0). A month's figure is the month's latest reading, not a sum over its days, so each period has figures of its
 * own ({@link FigureChange#period}, {@link org.ruraledu.streams.kpi.Kpis#rollUpPerPeriod}). Works on the school-day
 * figures after they were summed (few changes), not on every reading.
 *
 * <p>Store {@code heating-energy-month-store} (named when it held months alone): {@code {schoolId}|{month start}} for
 * a month (the key it always had, so an upgrade finds its months), {@code {schoolId}|{period}|{start}} for a week or
 * a term → the period's figure with its latest heated reading ({@link HeatingFigures#LATEST_HEATED}). Processor
 * {@code heating-energy-latest}. Bounded by schools × (2 weeks + 2 months + 2 terms): once a day the periods that
 * ended before the reading window are deleted (no reading of them is accepted any more).
 */
final class EnergyFigures {
    static final String HEATED = "heated";
    static final String CLEAN = "cleanHeated";
    static final String ROLLUP = Heating.NAME + "-energy";
    static final String STORE = ROLLUP + "-month-store";
    static final Metric CLEAN_SHARE = Metric.ratio("heating.clean_energy_share", CLEAN, HEATED);
    /** The periods longer than a day, each with a latest reading of its own. */
    private static final List<Period> LONGER = Periods.DATED.stream().filter(p -> p != Period.DAY).toList();

    private EnergyFigures() {}

    static KStream<String, FigureChange> changes(Foundation f, KStream<String, FigureChange> days,
            ClimateStandard standard, int windowDays) {
        f.builder().addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                RollupSerdes.FIGURES));
        Clock clock = f.clock();
        Periods periods = f.kpis().periods();
        return days.process(() -> new Latest(standard, periods, windowDays, clock), Named.as(ROLLUP + "-latest"),
                STORE);
    }

    /** The store key of a school's figure of the period starting {@code start}. */
    static String key(String schoolId, Period period, LocalDate start) {
        return period == Period.MONTH ? schoolId + "|" + start : schoolId + "|" + period.id() + "|" + start;
    }

    /** The period of a store key: the one it names, else (a month's key) MONTH. */
    static Period periodOf(String key) {
        int last = key.lastIndexOf('|');
        int before = key.lastIndexOf('|', last - 1);
        if (before < 0) {
            return Period.MONTH;
        }
        String named = key.substring(before + 1, last);
        return named.equals(Period.WEEK.id()) || named.equals(Period.TERM.id()) ? Period.byId(named) : Period.MONTH;
    }

    private static final class Latest implements Processor<String, FigureChange, String, FigureChange> {
        private final ClimateStandard standard;
        private final Periods periods;
        private final int windowDays;
        private final Clock clock;
        private ProcessorContext<String, FigureChange> context;
        private KeyValueStore<String, SchoolFigure> latest;

        Latest(ClimateStandard standard, Periods periods, int windowDays, Clock clock) {
            this.standard = standard;
            this.periods = periods;
            this.windowDays = windowDays;
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<String, FigureChange> context) {
            this.context = context;
            this.latest = context.getStateStore(STORE);
            DailyCheck.schedule(context, clock, (today, timestamp) -> {
                LocalDate horizon = today.minusDays(windowDays);
                Retention.forget(latest, (key, figure) ->
                        periods.lastDay(periodOf(key), figure.date()).isBefore(horizon));
            });
        }

        @Override
        public void process(Record<String, FigureChange> in) {
            SchoolFigure day = in.value().after();
            if (day == null) {
                return; // summed figures are never withdrawn
            }
            SchoolFigure dayBefore = energy(in.value().before(), day.date());
            SchoolFigure dayAfter = energy(day, day.date());
            if (!Objects.equals(dayBefore, dayAfter)) {
                context.forward(in.withValue(new FigureChange(dayBefore, dayAfter, Period.DAY)));
            }
            if (!day.counts().has(HeatingFigures.LATEST_HEATED)) {
                return;
            }
            for (Period period : LONGER) {
                periods.start(period, day.date()).ifPresent(start -> later(in, day, period, start));
            }
        }

        /** The school's figure of the period starting {@code start}, if {@code day} has its latest heated reading. */
        private void later(Record<String, FigureChange> in, SchoolFigure day, Period period, LocalDate start) {
            String key = key(day.schoolId(), period, start);
            SchoolFigure was = latest.get(key);
            long reading = day.counts().get(HeatingFigures.LATEST_HEATED);
            if (was != null && was.counts().get(HeatingFigures.LATEST_HEATED) >= reading) {
                return; // the period has a later heated reading
            }
            // The period's figure stays in the district of its first day (dated figures stay where counted).
            String district = was == null ? day.district() : was.district();
            SchoolFigure now = new SchoolFigure(day.schoolId(), district, start,
                    Counts.of(Map.of(HeatingFigures.LATEST_HEATED, reading)));
            latest.put(key, now);
            SchoolFigure before = energy(was, start);
            SchoolFigure after = energy(now, start);
            if (!Objects.equals(before, after)) {
                context.forward(in.withValue(new FigureChange(before, after, period)));
            }
        }

        /** The energy figure of a figure with a latest heated reading, dated {@code date}; null if none. */
        private SchoolFigure energy(SchoolFigure figure, LocalDate date) {
            EnergySource source = HeatingFigures.latestSource(figure);
            if (source == null) {
                return null;
            }
            return new SchoolFigure(figure.schoolId(), figure.district(), date,
                    Counts.of(Map.of(HEATED, 1, CLEAN, standard.isClean(source) ? 1 : 0)));
        }
    }
}
