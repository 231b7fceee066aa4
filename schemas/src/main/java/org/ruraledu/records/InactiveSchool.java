package org.ruraledu.records;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;

/**
 * What a school that the registry marks inactive (closed or merged) may still send. It takes no new reports, but
 * what it left open must be able to close: the events that close a dropout case (the child attends again,
 * returns, or is verified as transferred) are accepted whatever their date, and so is any record dated before
 * the day the school became inactive (a correction or a late report of the time it was open). The gateway, the
 * {@code submit} command, the client library and the streams application apply this one rule.
 *
 * <p>{@code inactiveSince} is the day (Asia/Shanghai) of the registry record that made the school inactive; null
 * when it is not known, in which case only closing events are accepted.
 */
public final class InactiveSchool {
    private InactiveSchool() {}

    /** Empty if an inactive school may send {@code record}, else the error naming {@code schoolId}. */
    public static Optional<FieldError> refusal(SpecificRecordBase record, String schoolId, LocalDate inactiveSince) {
        if (closesACase(record)) {
            return Optional.empty();
        }
        LocalDate day = dayOf(record);
        if (inactiveSince != null && day != null && day.isBefore(inactiveSince)) {
            return Optional.empty();
        }
        return Optional.of(new FieldError(0, "schoolId", "school '" + schoolId + "' is inactive (closed or merged)"
                + (inactiveSince == null ? "" : " since " + inactiveSince) + " in the registry: it takes no new "
                + "reports, only corrections of reports dated before then and the student-status events that close "
                + "open dropout cases (ATTENDING, RETURNED, TRANSFERRED_OUT)"));
    }

    /** A student-status event that can close an open dropout case. */
    public static boolean closesACase(SpecificRecordBase record) {
        if (!(record instanceof StudentStatusEvent event) || event.getStatus() == null) {
            return false;
        }
        StudentStatus status = event.getStatus();
        return status == StudentStatus.ATTENDING || status == StudentStatus.RETURNED || status == StudentStatus.TRANSFERRED_OUT;
    }

    /** The day a record is about (its period's first day), or null if it has none. */
    static LocalDate dayOf(SpecificRecordBase record) {
        if (record instanceof MealReport r) {
            return r.getDate();
        } else if (record instanceof EnrollmentReport r) {
            return r.getAsOf();
        } else if (record instanceof StudentStatusEvent r) {
            return r.getDate();
        } else if (record instanceof CareReport r) {
            return parseMonth(r.getMonth());
        } else if (record instanceof ClimateReading r) {
            return r.getMeasuredAt() == null ? null : LocalDate.ofInstant(r.getMeasuredAt(), RecordRules.ZONE);
        }
        return null;
    }

    private static LocalDate parseMonth(CharSequence month) {
        try {
            return month == null ? null : YearMonth.parse(month.toString()).atDay(1);
        } catch (RuntimeException e) {
            return null;
        }
    }
}
