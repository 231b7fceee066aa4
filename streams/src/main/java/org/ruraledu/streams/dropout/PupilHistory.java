package org.ruraledu.streams.dropout;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.ruraledu.schemas.StudentStatusEvent;

/**
 * The history of one pupil at one school (school, studentRef): the state a changelogged store keeps per pupil.
 * The cases are never stored; they are derived from the history ({@link #cases}), so that they depend only on
 * the set of events and not on the order they arrived in.
 *
 * <p><b>Why the state stays bounded and is still enough.</b> Case derivation is a left fold over the events in
 * history order, and everything earlier events pass on to later ones is a {@link FoldState}: the case still open
 * and the absence streak running. So the history keeps the events of the last
 * {@link DropoutRules#lateEventWindowDays()} days (counted back from its newest event) and folds everything older
 * into {@code settled}, a snapshot taken at the end of the day {@code settledThrough}. Replaying the kept events
 * from that snapshot gives exactly the cases a replay of the whole history would give, except for the cases that
 * closed before the snapshot, which are over and never change again. The one thing the snapshot cannot do is
 * take an event dated on or before {@code settledThrough}: such an event arrives more than the window too late
 * and is refused ({@link Recording.Outcome#TOO_LATE}), not silently misplaced, unless it is the retry of an event
 * already folded ({@code prunedIds}), which changes nothing like any retry.
 *
 * @param settledThrough the last day folded into {@code settled}; null while nothing has been folded
 * @param settled        the fold state at the end of {@code settledThrough}
 * @param entries        the events after {@code settledThrough}, one per eventId, in history order
 * @param prunedIds      the eventIds of (the most recent of) the events folded into {@code settled}
 */
public record PupilHistory(
        String schoolId,
        String studentRef,
        LocalDate settledThrough,
        FoldState settled,
        List<StatusEntry> entries,
        PrunedEventIds prunedIds) {

    public PupilHistory {
        Objects.requireNonNull(schoolId, "schoolId");
        Objects.requireNonNull(studentRef, "studentRef");
        settled = settled == null ? FoldState.INITIAL : settled;
        entries = entries == null ? List.of() : entries.stream().sorted(StatusEntry.HISTORY_ORDER).toList();
        prunedIds = prunedIds == null ? PrunedEventIds.NONE : prunedIds;
    }

    public static PupilHistory start(String schoolId, String studentRef) {
        return new PupilHistory(schoolId, studentRef, null, FoldState.INITIAL, List.of(), PrunedEventIds.NONE);
    }

    /** The store key of a pupil: school and pseudonymous student reference. */
    public static String keyOf(String schoolId, String studentRef) {
        return schoolId + "|" + studentRef;
    }

    /** Records one event of this pupil, returning the new history and how the cases changed. */
    public Recording record(StudentStatusEvent event, DropoutRules rules) {
        if (!schoolId.equals(event.getSchoolId()) || !studentRef.equals(event.getStudentRef())) {
            throw new IllegalArgumentException("event " + event.getEventId() + " belongs to another pupil's history");
        }
        return record(StatusEntry.of(event), rules);
    }

    /** Records one event of this pupil, returning the new history and how the cases changed. */
    public Recording record(StatusEntry entry, DropoutRules rules) {
        if (entries.stream().anyMatch(e -> e.eventId().equals(entry.eventId()))) {
            return new Recording(this, Recording.Outcome.RETRY, List.of());
        }
        if (settledThrough != null && !entry.date().isAfter(settledThrough)) {
            Recording.Outcome outcome = prunedIds.contains(entry.eventId()) ? Recording.Outcome.RETRY
                    : Recording.Outcome.TOO_LATE;
            return new Recording(this, outcome, List.of());
        }
        List<StatusEntry> withEntry = new ArrayList<>(entries);
        withEntry.add(entry);
        PupilHistory next = new PupilHistory(schoolId, studentRef, settledThrough, settled, withEntry, prunedIds);
        List<CaseChange> changes = CaseChange.between(cases(rules), next.cases(rules));
        return new Recording(next.pruned(rules), Recording.Outcome.APPLIED, changes);
    }

    /** The cases of this pupil that can still change: those open at or after {@code settledThrough}. */
    public List<DropoutCase> cases(DropoutRules rules) {
        return CaseFold.replay(schoolId, studentRef, rules, settled, entries).cases();
    }

    /** The case open now, if any. */
    public DropoutCase openCase(DropoutRules rules) {
        List<DropoutCase> cases = cases(rules);
        DropoutCase last = cases.isEmpty() ? null : cases.get(cases.size() - 1);
        return last != null && last.isOpen() ? last : null;
    }

    /**
     * Whether this history may be forgotten at the retention horizon: no case open, and no event since
     * {@code horizon}, so that (with older events refused) nothing can change its cases again.
     */
    boolean forgettable(LocalDate horizon, DropoutRules rules) {
        LocalDate newest = entries.isEmpty() ? settledThrough : entries.get(entries.size() - 1).date();
        return newest != null && newest.isBefore(horizon) && openCase(rules) == null;
    }

    /** Folds the days older than the late-event window into the snapshot (whole days, so corrections stay exact). */
    PupilHistory pruned(DropoutRules rules) {
        if (entries.isEmpty()) {
            return this;
        }
        LocalDate newest = entries.get(entries.size() - 1).date();
        LocalDate keepFrom = newest.minusDays(rules.lateEventWindowDays());
        List<StatusEntry> old = entries.stream().filter(e -> e.date().isBefore(keepFrom)).toList();
        if (old.isEmpty()) {
            return this;
        }
        FoldState snapshot = CaseFold.replay(schoolId, studentRef, rules, settled, old).state();
        List<StatusEntry> kept = entries.stream().filter(e -> !e.date().isBefore(keepFrom)).toList();
        return new PupilHistory(schoolId, studentRef, old.get(old.size() - 1).date(), snapshot, kept,
                prunedIds.plus(old.stream().map(StatusEntry::eventId).toList()));
    }
}
