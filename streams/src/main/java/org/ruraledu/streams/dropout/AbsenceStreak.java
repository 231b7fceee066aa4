package org.ruraledu.streams.dropout;

import java.time.LocalDate;

/**
 * Consecutive school days of unexcused absence up to {@code lastDay}. The school's own counter wins when it
 * sends one (it knows days we never received); otherwise each unexcused absence on the next school day after
 * the last one extends the streak.
 *
 * @param lastDay the last absent day of the streak, null when there is no streak
 */
public record AbsenceStreak(int days, LocalDate lastDay) {
    public static final AbsenceStreak NONE = new AbsenceStreak(0, null);

    AbsenceStreak extendedBy(StatusEntry unexcusedAbsence, SchoolDays schoolDays) {
        LocalDate day = unexcusedAbsence.date();
        if (unexcusedAbsence.consecutiveAbsentDays() != null) {
            return new AbsenceStreak(unexcusedAbsence.consecutiveAbsentDays(), day);
        }
        boolean continues = lastDay != null && schoolDays.consecutive(lastDay, day);
        return new AbsenceStreak(continues ? days + 1 : 1, day);
    }
}
