package org.ruraledu.streams.heating;

import java.time.Clock;
import java.time.LocalDate;
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
import org.ruraledu.streams.kpi.RollupSerdes;
import org.ruraledu.streams.kpi.SchoolFigure;

/**
 * {@code heating.clean_energy_share}: per school and period (day, month) the energy source of its latest heated
 * counted reading decides: the school heats ({@code heated} 1), cleanly or not ({@code cleanHeated} 1 or 0). A
 * month's figure is the month's latest reading, not a sum over its days, so each period has figures of its own
 * ({@link FigureChange#period}). Works on the school-day figures after they were summed (few changes), not on
 * every reading.
 *
 * <p>Store {@code heating-energy-month-store}: {@code {schoolId}|{month start}} → the month's figure with its
 * latest heated reading ({@link HeatingFigures#LATEST_HEATED}). Processor {@code heating-energy-latest}. Bounded by
 * schools × 2 months: once a day the months that ended before the reading window are deleted (no reading of them
 * is accepted any more).
 */
final class EnergyFigures {
    static final String HEATED = "heated";
    static final String CLEAN = "cleanHeated";
    static final String ROLLUP = Heating.NAME + "-energy";
    static final String STORE = ROLLUP + "-month-store";
    static final Metric CLEAN_SHARE = Metric.ratio("heating.clean_energy_share", CLEAN, HEATED);

    private EnergyFigures() {}

    static KStream<String, FigureChange> changes(Foundation f, KStream<String, FigureChange> days,
            ClimateStandard standard, int windowDays) {
        f.builder().addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                RollupSerdes.FIGURES));
        Clock clock = f.clock();
        return days.process(() -> new Latest(standard, windowDays, clock), Named.as(ROLLUP + "-latest"), STORE);
    }

    private static final class Latest implements Processor<String, FigureChange, String, FigureChange> {
        private final ClimateStandard standard;
        private final int windowDays;
        private final Clock clock;
        private ProcessorContext<String, FigureChange> context;
        private KeyValueStore<String, SchoolFigure> months;

        Latest(ClimateStandard standard, int windowDays, Clock clock) {
            this.standard = standard;
            this.windowDays = windowDays;
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<String, FigureChange> context) {
            this.context = context;
            this.months = context.getStateStore(STORE);
            DailyCheck.schedule(context, clock, (today, timestamp) -> {
                LocalDate horizon = today.minusDays(windowDays);
                Retention.forget(months, (key, month) -> Period.MONTH.lastDay(month.date()).isBefore(horizon));
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
            LocalDate monthStart = Period.MONTH.start(day.date());
            String key = day.schoolId() + "|" + monthStart;
            SchoolFigure month = months.get(key);
            long latest = day.counts().get(HeatingFigures.LATEST_HEATED);
            if (month != null && month.counts().get(HeatingFigures.LATEST_HEATED) >= latest) {
                return; // the month has a later heated reading
            }
            // The month's figure stays in the district of its first day (dated figures stay where counted).
            String district = month == null ? day.district() : month.district();
            SchoolFigure now = new SchoolFigure(day.schoolId(), district, monthStart,
                    Counts.of(Map.of(HeatingFigures.LATEST_HEATED, latest)));
            months.put(key, now);
            SchoolFigure monthBefore = energy(month, monthStart);
            SchoolFigure monthAfter = energy(now, monthStart);
            if (!Objects.equals(monthBefore, monthAfter)) {
                context.forward(in.withValue(new FigureChange(monthBefore, monthAfter, Period.MONTH)));
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
