package org.ruraledu.streams;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.DropoutReason;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;

/**
 * Dropout-control input for topology tests: status events of named pupils (grade 8, not left behind, recorded at
 * 09:00 Weihai time on the day they concern, unless told otherwise) and enrolment reports.
 */
final class DropoutInput {
    private final StudentStatusEvent.Builder event;

    private DropoutInput(StudentStatusEvent.Builder event) {
        this.event = event;
    }

    /** An event of pupil {@code pupil} (a short name, made into a 43-character pseudonymous studentRef). */
    static DropoutInput status(String eventId, String schoolId, String pupil, String date, StudentStatus status) {
        LocalDate day = LocalDate.parse(date);
        return new DropoutInput(StudentStatusEvent.newBuilder().setEventId(eventId).setSchoolId(schoolId)
                .setStudentRef(ref(pupil)).setGrade(8).setDate(day).setStatus(status).setLeftBehind(false)
                .setRecordedAt(day.atTime(LocalTime.of(9, 0)).atZone(RecordRules.ZONE).toInstant()));
    }

    /** The pseudonymous studentRef of a test pupil: base64url characters, 43 of them. */
    static String ref(String pupil) {
        return (pupil + "-" + "Q".repeat(43)).substring(0, 43);
    }

    DropoutInput reason(DropoutReason reason) {
        event.setReason(reason);
        return this;
    }

    DropoutInput grade(int grade) {
        event.setGrade(grade);
        return this;
    }

    DropoutInput leftBehind() {
        event.setLeftBehind(true);
        return this;
    }

    DropoutInput counter(int consecutiveAbsentDays) {
        event.setConsecutiveAbsentDays(consecutiveAbsentDays);
        return this;
    }

    DropoutInput recordedMinutesLater(int minutes) {
        event.setRecordedAt(event.getRecordedAt().plusSeconds(60L * minutes));
        return this;
    }

    DropoutInput recordedAt(Instant at) {
        event.setRecordedAt(at);
        return this;
    }

    StudentStatusEvent build() {
        return event.build();
    }

    static EnrollmentReport enrollment(String reportId, String schoolId, int enrolled) {
        return enrollment(reportId, schoolId, enrolled, "2026-03-01");
    }

    static EnrollmentReport enrollment(String reportId, String schoolId, int enrolled, String asOf) {
        return EnrollmentReport.newBuilder().setReportId(reportId).setSchoolId(schoolId)
                .setAsOf(LocalDate.parse(asOf)).setEnrolled(enrolled).setBoarders(0)
                .setLeftBehindRegistered(0).build();
    }
}
