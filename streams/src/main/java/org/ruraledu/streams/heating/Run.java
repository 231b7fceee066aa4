package org.ruraledu.streams.heating;

/**
 * Consecutive counted readings of a room, all in range or all out of range, none more than
 * {@link RunRules#maxGap} after the one before: its span is the last minus the first measuredAt; {@code critical}
 * once one of its readings (so far, in measuredAt order) was.
 */
record Run(boolean inRange, long start, long last, boolean critical) {

    static Run of(RoomReading r) {
        return new Run(r.inRange(), r.measuredAt(), r.measuredAt(), r.critical());
    }

    /** The run after {@code r}, the next reading in measuredAt order: this one extended, or a new one. */
    static Run next(Run run, RoomReading r, long maxGapMillis) {
        if (run == null || run.inRange != r.inRange() || r.measuredAt() - run.last > maxGapMillis) {
            return of(r);
        }
        return new Run(run.inRange, run.start, r.measuredAt(), run.critical || r.critical());
    }

    long span() {
        return last - start;
    }
}
