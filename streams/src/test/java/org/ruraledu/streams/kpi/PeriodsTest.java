package org.ruraledu.streams.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ruraledu.calendar.SchoolCalendar;

/**
 * Where periods start and end, against the built-in calendar's terms (2025-2026-1: 2025-09-01 to 2026-01-23,
 * 2025-2026-2: 2026-03-02 to 2026-07-03, 2026-2027-2: 2027-02-22 to 2027-07-02), read off the calendar by hand.
 */
class PeriodsTest {
    private final Periods periods = new Periods(SchoolCalendar.builtIn());

    @Test
    void aDayCountsInItsDayIsoWeekMonthAndTerm() {
        LocalDate sunday = LocalDate.parse("2026-03-08");
        assertThat(periods.start(Period.DAY, sunday)).contains(sunday);
        assertThat(periods.start(Period.WEEK, sunday)).contains(LocalDate.parse("2026-03-02"));
        assertThat(periods.start(Period.MONTH, sunday)).contains(LocalDate.parse("2026-03-01"));
        assertThat(periods.start(Period.TERM, sunday)).contains(LocalDate.parse("2026-03-02"));
        assertThat(periods.start(Period.TERM, LocalDate.parse("2026-01-23"))).as("a term's last day")
                .contains(LocalDate.parse("2025-09-01"));
    }

    @Test
    void aVacationDayCountsInNoTerm() {
        assertThat(periods.start(Period.TERM, LocalDate.parse("2026-01-24"))).isEmpty();
        assertThat(periods.start(Period.TERM, LocalDate.parse("2026-03-01"))).isEmpty();
        assertThat(periods.start(Period.TERM, LocalDate.parse("2026-08-15"))).isEmpty();
    }

    @Test
    void aMonthsFigureCountsInItsMonthAndTheTermOfItsFirstTermDayNeverInADayOrWeek() {
        LocalDate march = LocalDate.parse("2026-03-01");
        assertThat(Periods.holding(Period.MONTH)).containsExactly(Period.MONTH, Period.TERM);
        assertThat(periods.start(Period.MONTH, Period.MONTH, march)).contains(march);
        assertThat(periods.start(Period.WEEK, Period.MONTH, march)).isEmpty();
        assertThat(periods.start(Period.DAY, Period.MONTH, march)).isEmpty();
        // 1 March is vacation; the spring term starts on 2 March.
        assertThat(periods.start(Period.TERM, Period.MONTH, march)).contains(LocalDate.parse("2026-03-02"));
        assertThat(periods.start(Period.TERM, Period.MONTH, LocalDate.parse("2026-01-01")))
                .contains(LocalDate.parse("2025-09-01"));
        assertThat(periods.start(Period.TERM, Period.MONTH, LocalDate.parse("2026-02-01")))
                .as("no term day in February 2026").isEmpty();
        assertThat(periods.start(Period.TERM, Period.MONTH, LocalDate.parse("2027-02-01")))
                .contains(LocalDate.parse("2027-02-22"));
        assertThat(periods.start(Period.TERM, Period.MONTH, LocalDate.parse("2026-08-01"))).isEmpty();
    }

    @Test
    void lastDays() {
        assertThat(periods.lastDay(Period.DAY, LocalDate.parse("2026-03-02"))).isEqualTo("2026-03-02");
        assertThat(periods.lastDay(Period.WEEK, LocalDate.parse("2026-03-02"))).isEqualTo("2026-03-08");
        assertThat(periods.lastDay(Period.MONTH, LocalDate.parse("2026-02-01"))).isEqualTo("2026-02-28");
        assertThat(periods.lastDay(Period.TERM, LocalDate.parse("2026-03-02"))).isEqualTo("2026-07-03");
        assertThat(periods.lastDay(Period.CURRENT, null)).isNull();
        // A term the calendar no longer starts there: ends with the term holding the day, else on the day.
        assertThat(periods.lastDay(Period.TERM, LocalDate.parse("2026-03-09"))).isEqualTo("2026-07-03");
        assertThat(periods.lastDay(Period.TERM, LocalDate.parse("2026-08-03"))).isEqualTo("2026-08-03");
    }

    @Test
    void standingFiguresHaveNoStart() {
        assertThatThrownBy(() -> periods.start(Period.CURRENT, LocalDate.parse("2026-03-02")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(Optional.of(Periods.holding(Period.DAY))).contains(Periods.DATED);
    }
}
