package org.ruraledu.streams.dropout;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Comparator;
import org.ruraledu.calendar.SchoolCalendar;

/**
 * School days for counting absence streaks: the days of the school calendar ({@code calendar.file}, the one every
 * domain shares). A day that is no school day between two absences (a weekend, a public holiday, a vacation) does
 * not break a streak; a school day without an absence does. An absence the school records on a day that is no
 * school day (a make-up Saturday of its own) counts like any other. Days the calendar does not cover (before its
 * first term, after its last) are school days from Monday to Friday, so that a calendar that ran out does not
 * join absences months apart.
 */
final class SchoolDays {
    /** Monday to Friday, no calendar: for rules built without one. */
    static final SchoolDays WEEKDAYS = new SchoolDays(null);

    private final SchoolCalendar calendar;
    private final LocalDate coveredFrom;
    private final LocalDate coveredTo;

    private SchoolDays(SchoolCalendar calendar) {
        this.calendar = calendar;
        this.coveredFrom = calendar == null ? null : calendar.terms().stream().map(SchoolCalendar.Term::from)
                .min(Comparator.naturalOrder()).orElse(null);
        this.coveredTo = calendar == null ? null : calendar.terms().stream().map(SchoolCalendar.Term::to)
                .max(Comparator.naturalOrder()).orElse(null);
    }

    static SchoolDays of(SchoolCalendar calendar) {
        return new SchoolDays(calendar);
    }

    /** True if {@code later} is the next school day after {@code earlier}: no school day lies between. */
    boolean consecutive(LocalDate earlier, LocalDate later) {
        if (!later.isAfter(earlier)) {
            return false;
        }
        for (LocalDate day = earlier.plusDays(1); day.isBefore(later); day = day.plusDays(1)) {
            if (isSchoolDay(day)) {
                return false;
            }
        }
        return true;
    }

    boolean isSchoolDay(LocalDate day) {
        boolean covered = coveredFrom != null && !day.isBefore(coveredFrom) && !day.isAfter(coveredTo);
        return covered ? calendar.isSchoolDay(day)
                : day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }
}
