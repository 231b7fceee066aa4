package org.ruraledu.streams.kpi;

/**
 * A school's figure for one period replaced by another: {@code before} is null for the first report of the
 * period, {@code after} is null when the figure is withdrawn. Rollups subtract {@code before} and add
 * {@code after}, so a correction never counts twice.
 */
public record FigureChange(SchoolFigure before, SchoolFigure after) {}
