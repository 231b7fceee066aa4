package org.ruraledu.streams.dropout;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.UUID;
import org.ruraledu.schemas.DropoutReason;

/**
 * One dropout case (一人一案): one child out of school at one school, from the day the case opened until the
 * child returned or was verified as transferred. The pupil is known only by the pseudonymous studentRef.
 *
 * @param caseId     stable: derived from school, studentRef and the opening day, so that every replay of the
 *                   same events names the case the same way
 * @param reason     the latest reason the school gave while the case was open; UNKNOWN when it gave none
 * @param grade      grade and left-behind flag as recorded when the case opened
 * @param closedOn   null while the case is open
 * @param closure    null while the case is open
 */
public record DropoutCase(
        String caseId,
        String schoolId,
        String studentRef,
        LocalDate openedOn,
        OpeningCause cause,
        DropoutReason reason,
        int grade,
        boolean leftBehind,
        LocalDate closedOn,
        Closure closure) {

    public DropoutCase {
        Objects.requireNonNull(caseId, "caseId");
        Objects.requireNonNull(openedOn, "openedOn");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(reason, "reason");
        if ((closedOn == null) != (closure == null)) {
            throw new IllegalArgumentException("a case is closed on a day and in one way, or not at all");
        }
    }

    /**
     * The case id. {@code sameDaySequence} counts earlier cases of the pupil opened on the same day (a child
     * who returns and drops out again within one day); it is 0, and left out of the id, for nearly every case.
     */
    static String idOf(String schoolId, String studentRef, LocalDate openedOn, int sameDaySequence) {
        String name = schoolId + "|" + studentRef + "|" + openedOn + (sameDaySequence == 0 ? "" : "|" + sameDaySequence);
        return "dropout-" + UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
    }

    @JsonIgnore
    public boolean isOpen() {
        return closedOn == null;
    }

    /** Calendar days the case has been open: until it closed, or until {@code today} while it is open. */
    public long daysOpen(LocalDate today) {
        LocalDate end = isOpen() ? today : closedOn;
        return Math.max(0, ChronoUnit.DAYS.between(openedOn, end));
    }

    DropoutCase withReason(DropoutReason newReason) {
        return new DropoutCase(caseId, schoolId, studentRef, openedOn, cause, newReason, grade, leftBehind,
                closedOn, closure);
    }

    DropoutCase closed(LocalDate day, Closure how) {
        return new DropoutCase(caseId, schoolId, studentRef, openedOn, cause, reason, grade, leftBehind, day, how);
    }
}
