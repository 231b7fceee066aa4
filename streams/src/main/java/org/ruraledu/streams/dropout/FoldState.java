package org.ruraledu.streams.dropout;

import java.util.Objects;

/**
 * Everything the earlier events of a pupil can pass on to the later ones: the case still open (if any) and the
 * absence streak running. Cases closed before are settled and pass nothing on.
 *
 * @param openCase the case open at the end of the folded events, or null
 */
public record FoldState(DropoutCase openCase, AbsenceStreak streak) {
    public static final FoldState INITIAL = new FoldState(null, AbsenceStreak.NONE);

    public FoldState {
        Objects.requireNonNull(streak, "streak");
        if (openCase != null && !openCase.isOpen()) {
            throw new IllegalArgumentException("only an open case is passed on, not " + openCase.caseId());
        }
    }
}
