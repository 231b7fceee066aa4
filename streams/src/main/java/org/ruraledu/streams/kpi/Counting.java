package org.ruraledu.streams.kpi;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * How one rollup's figures count in periods, decided here for every domain: the periods its KPIs have, what one
 * of its figures covers, and whether figures sum over periods (a day's lunches add up to its week's, month's and
 * term's) or each is a figure of its own period (a month's latest energy source), see {@link Periods}.
 *
 * @param covers what a figure covers unless its change says otherwise ({@link FigureChange#period})
 */
record Counting(Periods calendar, List<Period> periods, Period covers, boolean summed) {

    Counting {
        periods = List.copyOf(periods);
    }

    /** Figures covering {@code covers}, summed into every dated period that holds them. */
    static Counting summed(Periods calendar, Period covers) {
        return new Counting(calendar, Periods.holding(covers), covers, true);
    }

    /** Figures of their own per dated period: each change names the period it is the figure of. */
    static Counting perPeriod(Periods calendar) {
        return new Counting(calendar, Periods.DATED, Period.DAY, false);
    }

    /** Standing figures: one cell per scope, whatever the date. */
    static Counting standing(Periods calendar) {
        return new Counting(calendar, List.of(Period.CURRENT), Period.CURRENT, true);
    }

    boolean dated() {
        return !periods.contains(Period.CURRENT);
    }

    /**
     * The first day of the cell of dated {@code period} that a figure dated {@code date} counts in, when its change
     * says it covers {@code says} (null: what the rollup's figures cover); empty when it counts in none.
     */
    Optional<LocalDate> start(Period period, Period says, LocalDate date) {
        Period covered = says != null ? says : covers;
        if (!summed && covered != period) {
            return Optional.empty();
        }
        return calendar.start(period, covered, date);
    }

    /** The last day of the cell of {@code period} starting on {@code start} (null for CURRENT). */
    LocalDate lastDay(Period period, LocalDate start) {
        return calendar.lastDay(period, start);
    }
}
