package org.ruraledu.streams.kpi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.calendar.SchoolCalendar.Term;
import org.ruraledu.config.Settings;

/**
 * Where periods start and end, and which cells a dated figure counts in: the one place that decides it for every
 * rollup. Days, ISO weeks and months are date arithmetic; terms are the school calendar's ({@code calendar.file}),
 * so this is an object built from the settings, handed to whatever needs it, not a property of {@link Period}.
 *
 * <ul>
 *   <li>A figure covers a day (a school day's lunches) or a longer period (a month's care report). Summed, it
 *       counts in every dated period that holds it ({@link #holding}): a day's figure in its day, its ISO week, its
 *       month and its term; a month's figure in its month and its term, in no day and no week (a month lies in no
 *       single week).</li>
 *   <li>A figure's term is the term of its first day that lies in a term: a day's, the term holding it; a month's,
 *       the term of the month's first term day (March 2026 counts in the spring term that starts on 2 March). A day
 *       outside every term (vacation), or a month without a term day (August; a February between two terms),
 *       counts in no term: there is no term cell for it.</li>
 *   <li>A term cell starts on the term's first day and ends on its last ({@link #lastDay}), which decides when it
 *       leaves the stores: once its last day is behind the retention horizon, as for every period.</li>
 * </ul>
 * A term's dates are read as the calendar gives them when a figure counts: a term the calendar no longer has
 * keeps the cells it has until they pass the horizon (see {@link #lastDay}).
 */
public final class Periods {
    /** Every dated period, shortest first: what a rollup of daily figures counts in. */
    public static final List<Period> DATED = List.of(Period.DAY, Period.WEEK, Period.MONTH, Period.TERM);

    private final SchoolCalendar calendar;

    public Periods(SchoolCalendar calendar) {
        this.calendar = calendar;
    }

    /** With the school calendar of the settings ({@code calendar.file}, else the built-in one). */
    public static Periods from(Settings settings) {
        return new Periods(SchoolCalendar.from(settings));
    }

    /** The dated periods a figure covering {@code covers} counts in when figures are summed: it and every longer one. */
    public static List<Period> holding(Period covers) {
        return switch (covers) {
            case DAY -> DATED;
            case WEEK -> List.of(Period.WEEK, Period.TERM);
            case MONTH -> List.of(Period.MONTH, Period.TERM);
            case TERM -> List.of(Period.TERM);
            case CURRENT -> List.of(Period.CURRENT);
        };
    }

    /** The first day of the cell of {@code period} that {@code day} lies in; empty for a term on a vacation day. */
    public Optional<LocalDate> start(Period period, LocalDate day) {
        return start(period, Period.DAY, day);
    }

    /**
     * The first day of the cell of {@code period} that a figure covering {@code covers} (the period that starts on or
     * holds {@code date}) counts in; empty when it counts in none of that period (a week for a month's figure, a
     * term for a vacation day).
     */
    public Optional<LocalDate> start(Period period, Period covers, LocalDate date) {
        if (period == Period.CURRENT || covers == Period.CURRENT) {
            throw new IllegalArgumentException("a standing (current) figure has one cell, without a start");
        }
        if (!holding(covers).contains(period)) {
            return Optional.empty();
        }
        return switch (period) {
            case DAY -> Optional.of(date);
            case WEEK -> Optional.of(date.with(DayOfWeek.MONDAY));
            case MONTH -> Optional.of(date.withDayOfMonth(1));
            case TERM -> firstTerm(spanStart(covers, date), spanEnd(covers, date)).map(Term::from);
            case CURRENT -> throw new AssertionError("handled above");
        };
    }

    /**
     * The last day of the cell of {@code period} that starts on {@code start}: once it is before the retention
     * horizon, no figure of the cell can change any more. Null for CURRENT, which never ends. A term the calendar no
     * longer knows (its file was edited) ends with the term that holds its first day, else on that day itself.
     */
    public LocalDate lastDay(Period period, LocalDate start) {
        return switch (period) {
            case DAY -> start;
            case WEEK -> start.plusDays(6);
            case MONTH -> start.plusMonths(1).minusDays(1);
            case TERM -> calendar.terms().stream().filter(term -> term.from().equals(start)).findFirst()
                    .or(() -> calendar.term(start)).map(Term::to).orElse(start);
            case CURRENT -> null;
        };
    }

    /** The first term (by its dates) with a day from {@code from} to {@code to}. */
    private Optional<Term> firstTerm(LocalDate from, LocalDate to) {
        return calendar.terms().stream().filter(term -> !term.to().isBefore(from) && !term.from().isAfter(to))
                .findFirst();
    }

    private static LocalDate spanStart(Period covers, LocalDate date) {
        return switch (covers) {
            case WEEK -> date.with(DayOfWeek.MONDAY);
            case MONTH -> date.withDayOfMonth(1);
            default -> date;
        };
    }

    private static LocalDate spanEnd(Period covers, LocalDate date) {
        return switch (covers) {
            case WEEK -> date.with(DayOfWeek.SUNDAY);
            case MONTH -> date.withDayOfMonth(date.lengthOfMonth());
            default -> date;
        };
    }
}
