package org.ruraledu.streams.dropout;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.DropoutReason;
import org.ruraledu.schemas.StudentStatus;

/** Test events of one pupil, recorded by default at 17:00 (Shanghai) of the day they concern. */
final class Ev {
    static final String SCHOOL = "wd-cx-primary-01";
    static final String REF = "q7Zf0Xc3m1bQ9uK2v8LwT4yHnA6sD5eR0gJ1kP2oI3u";
    static final DropoutRules RULES = new DropoutRules(3, 30);
    /** A Monday. */
    static final LocalDate MON = LocalDate.of(2026, 11, 2);
    static final LocalDate TUE = MON.plusDays(1);
    static final LocalDate WED = MON.plusDays(2);
    static final LocalDate THU = MON.plusDays(3);
    static final LocalDate FRI = MON.plusDays(4);
    static final LocalDate SAT = MON.plusDays(5);
    static final LocalDate NEXT_MON = MON.plusDays(7);
    static final LocalDate NEXT_TUE = MON.plusDays(8);

    private final String id;
    private final LocalDate date;
    private final StudentStatus status;
    private Integer counter;
    private DropoutReason reason;
    private int grade = 8;
    private boolean leftBehind = true;
    private Instant recordedAt;

    private Ev(String id, LocalDate date, StudentStatus status) {
        this.id = id;
        this.date = date;
        this.status = status;
        this.recordedAt = date.atTime(LocalTime.of(17, 0)).atZone(RecordRules.ZONE).toInstant();
    }

    static Ev ev(String id, LocalDate date, StudentStatus status) {
        return new Ev(id, date, status);
    }

    Ev reason(DropoutReason value) {
        reason = value;
        return this;
    }

    Ev counter(int days) {
        counter = days;
        return this;
    }

    Ev grade(int value) {
        grade = value;
        return this;
    }

    Ev leftBehind(boolean value) {
        leftBehind = value;
        return this;
    }

    /** Recorded this many minutes after the default 17:00. */
    Ev minutesLater(int minutes) {
        recordedAt = recordedAt.plusSeconds(60L * minutes);
        return this;
    }

    StatusEntry entry() {
        return new StatusEntry(id, date, status, counter, reason, grade, leftBehind, recordedAt);
    }

    /** Records the events in the given order into a fresh history. */
    static Replay replay(Ev... events) {
        return replay(RULES, events);
    }

    /** Records the events in the given order into a fresh history, under {@code rules}. */
    static Replay replay(DropoutRules rules, Ev... events) {
        PupilHistory history = PupilHistory.start(SCHOOL, REF);
        List<CaseChange> changes = new ArrayList<>();
        List<Recording.Outcome> outcomes = new ArrayList<>();
        for (Ev event : events) {
            Recording recording = history.record(event.entry(), rules);
            history = recording.history();
            changes.addAll(recording.changes());
            outcomes.add(recording.outcome());
        }
        return new Replay(history, changes, outcomes, rules);
    }

    record Replay(PupilHistory history, List<CaseChange> changes, List<Recording.Outcome> outcomes,
            DropoutRules rules) {
        List<DropoutCase> cases() {
            return history.cases(rules);
        }

        DropoutCase onlyCase() {
            List<DropoutCase> cases = cases();
            if (cases.size() != 1) {
                throw new AssertionError("expected one case, got " + cases);
            }
            return cases.get(0);
        }

        List<CaseChange.Kind> kinds() {
            return changes.stream().map(CaseChange::kind).toList();
        }
    }
}
