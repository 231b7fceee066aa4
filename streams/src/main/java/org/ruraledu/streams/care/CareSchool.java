package org.ruraledu.streams.care;

import java.time.LocalDate;
import org.ruraledu.streams.kpi.Counts;
import org.ruraledu.streams.kpi.SchoolFigure;

/**
 * What the care domain keeps of one school ({@code care-schools-store}, one entry per school that sent a care
 * report or an enrolment): its latest enrolment's left-behind children (null: none seen), its latest reported
 * month with that report's counters and room flag (null: never reported), the {@code current} figure counted for
 * it, and the month in which its open CARE_ROOM_MISSING opened (null: none open).
 */
record CareSchool(Long leftBehind, LocalDate latestMonth, Counts latest, boolean roomOperating,
        SchoolFigure standing, LocalDate alertMonth) {

    static final CareSchool NONE = new CareSchool(null, null, null, false, null, null);

    CareSchool enrolled(long leftBehindRegistered) {
        return new CareSchool(leftBehindRegistered, latestMonth, latest, roomOperating, standing, alertMonth);
    }

    /** Whether a report of {@code month} is older than the latest month reported: it changes its month only. */
    boolean before(LocalDate month) {
        return latestMonth != null && month.isBefore(latestMonth);
    }

    /** Whether the school has reported {@code month} (nothing later can be reported: no month is in the future). */
    boolean hasReported(LocalDate month) {
        return latestMonth != null && !latestMonth.isBefore(month);
    }

    CareSchool reported(LocalDate month, Counts counters, boolean operating) {
        return new CareSchool(leftBehind, month, counters, operating, standing, alertMonth);
    }

    CareSchool counted(SchoolFigure figure) {
        return new CareSchool(leftBehind, latestMonth, latest, roomOperating, figure, alertMonth);
    }

    CareSchool alertOpenSince(LocalDate month) {
        return new CareSchool(leftBehind, latestMonth, latest, roomOperating, standing, month);
    }

    boolean hasLeftBehind() {
        return leftBehind != null && leftBehind > 0;
    }
}
