package org.ruraledu.streams.kpi;

/**
 * A school's figure for one period replaced by another: {@code before} is null for the first report of the
 * period, {@code after} is null when the figure is withdrawn. Rollups subtract {@code before} and add
 * {@code after}, so a correction never counts twice.
 *
 * <p>{@code period}: what the figure covers, when it is not what its rollup's figures cover (null). In a rollup
 * that sums its figures, a figure counts in every period that holds what it covers ({@link Periods#holding}): a
 * month's figure in a rollup of school days (a month's owed care report among the days' owed meal reports) counts
 * in its month and its term, not in the day it is dated nor its week. In a rollup of figures of their own per
 * period ({@link Kpis#rollUpPerPeriod}), it is the one period the figure counts in (the energy that heated a
 * school in a month is its latest of the month, not a sum over its days).
 */
public record FigureChange(SchoolFigure before, SchoolFigure after, Period period) {

    public FigureChange(SchoolFigure before, SchoolFigure after) {
        this(before, after, null);
    }
}
