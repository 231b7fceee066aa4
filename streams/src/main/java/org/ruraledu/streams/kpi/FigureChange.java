package org.ruraledu.streams.kpi;

/**
 * A school's figure for one period replaced by another: {@code before} is null for the first report of the
 * period, {@code after} is null when the figure is withdrawn. Rollups subtract {@code before} and add
 * {@code after}, so a correction never counts twice.
 *
 * <p>{@code period}: null when the figure counts in every period of its rollup (a school day's figure in the day
 * and in the month); else the one period it counts in, for a figure of its own per period (the energy that heated
 * a school in a month is its latest of the month, not a sum over its days).
 */
public record FigureChange(SchoolFigure before, SchoolFigure after, Period period) {

    public FigureChange(SchoolFigure before, SchoolFigure after) {
        this(before, after, null);
    }
}
