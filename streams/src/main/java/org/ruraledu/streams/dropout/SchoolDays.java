package org.ruraledu.streams.dropout;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/**
 * School days for counting absence streaks: Monday to Friday. A weekend between two absences does not break a
 * streak; a school day without an absence does. Make-up Saturdays (调休) count when the school records them.
 * Public holidays are not known here (no holiday calendar yet), so a holiday between two absences breaks the
 * streak: the school's own counter ({@code consecutiveAbsentDays}) is the way to bridge one.
 */
final class SchoolDays {
    /** Friday to Monday is the longest gap that holds nothing but weekend days. */
    private static final long LONGEST_WEEKEND_GAP = 3;

    private SchoolDays() {}

    /** True if {@code later} is the next school day after {@code earlier}: only weekend days lie between. */
    static boolean consecutive(LocalDate earlier, LocalDate later) {
        long gap = ChronoUnit.DAYS.between(earlier, later);
        if (gap < 1 || gap > LONGEST_WEEKEND_GAP) {
            return false;
        }
        for (LocalDate day = earlier.plusDays(1); day.isBefore(later); day = day.plusDays(1)) {
            if (!isWeekend(day)) {
                return false;
            }
        }
        return true;
    }

    static boolean isWeekend(LocalDate day) {
        return day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
