package org.ruraledu.streams.dropout;

import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.config.Settings;

/**
 * The configurable rules of case derivation.
 *
 * @param absenceThresholdDays consecutive school days of unexcused absence that open a case
 * @param lateEventWindowDays  how many days behind a pupil's newest event a late event still reshapes the case
 *                             history exactly; older history is folded into a snapshot (see {@link PupilHistory})
 * @param schoolDays           which days are school days, for the streak ({@code calendar.file})
 */
public record DropoutRules(int absenceThresholdDays, int lateEventWindowDays, SchoolDays schoolDays) {
    public static final String ABSENCE_THRESHOLD_DAYS = "dropout.absence.threshold.days";
    public static final String LATE_EVENT_WINDOW_DAYS = "dropout.late.event.window.days";

    public DropoutRules {
        if (absenceThresholdDays < 1) {
            throw new IllegalArgumentException(ABSENCE_THRESHOLD_DAYS + " must be at least 1, got " + absenceThresholdDays);
        }
        if (lateEventWindowDays < 0) {
            throw new IllegalArgumentException(LATE_EVENT_WINDOW_DAYS + " must not be negative, got " + lateEventWindowDays);
        }
    }

    /** Streaks counted on school days from Monday to Friday, without a school calendar. */
    public DropoutRules(int absenceThresholdDays, int lateEventWindowDays) {
        this(absenceThresholdDays, lateEventWindowDays, SchoolDays.WEEKDAYS);
    }

    public static DropoutRules from(Settings settings) {
        return new DropoutRules(settings.getInt(ABSENCE_THRESHOLD_DAYS), settings.getInt(LATE_EVENT_WINDOW_DAYS),
                SchoolDays.of(SchoolCalendar.from(settings)));
    }
}
