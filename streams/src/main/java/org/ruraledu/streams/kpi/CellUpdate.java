package org.ruraledu.streams.kpi;

/**
 * What {@link SchoolCells} sends on from a school's task: a {@link Contribution} to a district cell (keyed by the
 * cell, to the repartition), or the school's own cell (keyed {@code school:{schoolId}|{period}|{periodStart}}, to
 * the school's KPIs in the same task).
 */
sealed interface CellUpdate {

    record ToDistrict(Contribution contribution) implements CellUpdate {}

    /**
     * The school's own figure of a cell: its counters summed over its figures of the period, wherever they were
     * counted; {@code schools} 1, or 0 once it has no figure left there. Null: the cell passed the retention horizon.
     */
    record OfSchool(Tally tally) implements CellUpdate {}
}
