package org.ruraledu.streams.dropout;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ruraledu.schemas.DropoutReason;

/**
 * Derives the cases of one pupil by replaying the events in history order from a starting state. A pure left
 * fold: the same events and start always give the same cases, whatever order the events arrived in.
 *
 * <p>Transitions: DROPPED_OUT opens a case (or, while one is open, updates its reason); an unexcused absence
 * that brings the streak to the threshold opens one; RETURNED or ATTENDING closes the open case as returned;
 * TRANSFERRED_OUT closes it as transferred. ATTENDING, ABSENT_EXCUSED, RETURNED and TRANSFERRED_OUT end the
 * absence streak.
 */
final class CaseFold {
    private final String schoolId;
    private final String studentRef;
    private final DropoutRules rules;
    private final List<DropoutCase> closedCases = new ArrayList<>();
    private DropoutCase openCase;
    private AbsenceStreak streak;

    private CaseFold(String schoolId, String studentRef, DropoutRules rules, FoldState start) {
        this.schoolId = schoolId;
        this.studentRef = studentRef;
        this.rules = rules;
        this.openCase = start.openCase();
        this.streak = start.streak();
    }

    /** Replays {@code entries} (any order) from {@code start}. */
    static CaseFold replay(String schoolId, String studentRef, DropoutRules rules, FoldState start,
                           Collection<StatusEntry> entries) {
        CaseFold fold = new CaseFold(schoolId, studentRef, rules, start);
        effective(entries).forEach(fold::apply);
        return fold;
    }

    /** The cases in the order they opened: the settled ones, then the open one if any. */
    List<DropoutCase> cases() {
        List<DropoutCase> cases = new ArrayList<>(closedCases);
        if (openCase != null) {
            cases.add(openCase);
        }
        return cases;
    }

    FoldState state() {
        return new FoldState(openCase, streak);
    }

    /**
     * The entries in history order, keeping for each day only the attendance record the school recorded last
     * (a correction: a day has one attendance status). Dropout, return and transfer records are all kept.
     */
    static List<StatusEntry> effective(Collection<StatusEntry> entries) {
        Map<Object, StatusEntry> kept = new LinkedHashMap<>();
        entries.stream().sorted(StatusEntry.HISTORY_ORDER).forEach(entry ->
                kept.put(entry.isAttendance() ? entry.date() : entry.eventId(), entry));
        return kept.values().stream().sorted(StatusEntry.HISTORY_ORDER).toList();
    }

    private void apply(StatusEntry entry) {
        switch (entry.status()) {
            case ATTENDING -> {
                close(entry, Closure.RETURNED);
                streak = AbsenceStreak.NONE;
            }
            case ABSENT_EXCUSED -> streak = AbsenceStreak.NONE;
            case ABSENT_UNEXCUSED -> {
                streak = streak.extendedBy(entry, rules.schoolDays());
                if (openCase == null && streak.days() >= rules.absenceThresholdDays()) {
                    open(entry, OpeningCause.ABSENCE_STREAK);
                } else {
                    noteReason(entry);
                }
            }
            case DROPPED_OUT -> {
                if (openCase == null) {
                    open(entry, OpeningCause.DROPPED_OUT);
                } else {
                    noteReason(entry);
                }
            }
            case RETURNED -> {
                close(entry, Closure.RETURNED);
                streak = AbsenceStreak.NONE;
            }
            case TRANSFERRED_OUT -> {
                close(entry, Closure.TRANSFERRED);
                streak = AbsenceStreak.NONE;
            }
            default -> throw new IllegalStateException("unknown student status " + entry.status());
        }
    }

    private void open(StatusEntry entry, OpeningCause cause) {
        int sameDaySequence = (int) closedCases.stream().filter(c -> c.openedOn().equals(entry.date())).count();
        String caseId = DropoutCase.idOf(schoolId, studentRef, entry.date(), sameDaySequence);
        DropoutReason reason = entry.reason() == null ? DropoutReason.UNKNOWN : entry.reason();
        openCase = new DropoutCase(caseId, schoolId, studentRef, entry.date(), cause, reason, entry.grade(),
                entry.leftBehind(), null, null);
    }

    /** The school learns more while it follows a case up: the latest reason it gives is the case's reason. */
    private void noteReason(StatusEntry entry) {
        if (openCase != null && entry.reason() != null && entry.reason() != DropoutReason.UNKNOWN) {
            openCase = openCase.withReason(entry.reason());
        }
    }

    private void close(StatusEntry entry, Closure how) {
        if (openCase != null) {
            closedCases.add(openCase.closed(entry.date(), how));
            openCase = null;
        }
    }
}
