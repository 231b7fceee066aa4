package org.ruraledu.streams.dropout;

import java.util.List;

/** What recording one event did: the pupil's new history and the changes to the pupil's cases. */
public record Recording(PupilHistory history, Outcome outcome, List<CaseChange> changes) {

    public enum Outcome {
        /** The event is now part of the history (its changes may still be empty: most events change no case). */
        APPLIED,
        /** The history already has this eventId: a retry, which changes nothing. */
        RETRY,
        /** Dated on or before the snapshot of the history: more than the late-event window too late. */
        TOO_LATE
    }

    public Recording {
        changes = List.copyOf(changes);
    }
}
