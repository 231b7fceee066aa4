package org.ruraledu.streams.dropout;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Objects;
import org.ruraledu.schemas.DropoutReason;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;

/**
 * What a case history needs of one {@link StudentStatusEvent}: the pupil (school, studentRef) is the history's
 * key and is not repeated here.
 */
public record StatusEntry(
        String eventId,
        LocalDate date,
        StudentStatus status,
        Integer consecutiveAbsentDays,
        DropoutReason reason,
        int grade,
        boolean leftBehind,
        Instant recordedAt) {

    /** History order: the school day first, then when it was recorded, then the id, so that ties are settled. */
    public static final Comparator<StatusEntry> HISTORY_ORDER = Comparator.comparing(StatusEntry::date)
            .thenComparing(StatusEntry::recordedAt)
            .thenComparing(StatusEntry::eventId);

    public StatusEntry {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(recordedAt, "recordedAt");
    }

    public static StatusEntry of(StudentStatusEvent event) {
        return new StatusEntry(event.getEventId(), event.getDate(), event.getStatus(),
                event.getConsecutiveAbsentDays(), event.getReason(), event.getGrade(), event.getLeftBehind(),
                event.getRecordedAt());
    }

    /** Attendance statuses describe the whole day, so a later record for the same day corrects an earlier one. */
    boolean isAttendance() {
        return status == StudentStatus.ATTENDING || status == StudentStatus.ABSENT_EXCUSED
                || status == StudentStatus.ABSENT_UNEXCUSED;
    }
}
