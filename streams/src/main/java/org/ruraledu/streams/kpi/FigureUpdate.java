package org.ruraledu.streams.kpi;

/**
 * The figure that one thing a domain follows now contributes ({@code figure} null: nothing any more), e.g. the
 * opening of a dropout case on its day. {@link CountedFigures} remembers what it counted under {@code figureId},
 * so a revision subtracts exactly that, in the district where it was counted.
 */
public record FigureUpdate(String figureId, SchoolFigure figure) {}
