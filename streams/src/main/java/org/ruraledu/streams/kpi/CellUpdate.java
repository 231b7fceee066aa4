package org.ruraledu.streams.kpi;

import java.time.Instant;

/**
 * What {@link SchoolCells} sends on from a school's task: a {@link Contribution} to a district cell (keyed by the
 * cell, to the repartition), or the school's own cell (keyed {@code school:{schoolId}|{period}|{periodStart}}, to
 * the school's KPIs in the same task).
 */
sealed interface CellUpdate {

    record ToDistrict(Contribution contribution) implements CellUpdate {}

    /**
     * The school's own figure of a cell before and after a change: its counters summed over its figures of the
     * period, wherever they were counted; {@code schools} 1, or 0 once it has no figure left there; and when each
     * was computed (a standing cell's KPIs are dated that day). A null tally: not known (school scopes were off, or
     * the entry was written by an earlier version), or no figure yet; a null instant: not known.
     */
    record OfSchool(Tally before, Instant beforeAt, Tally after, Instant afterAt) implements CellUpdate {

        /** The two changes one after the other (a cell touched twice by one record). */
        OfSchool then(OfSchool next) {
            return new OfSchool(before, beforeAt, next.after, next.afterAt);
        }
    }
}
