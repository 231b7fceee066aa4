package org.ruraledu.streams.kpi;

/**
 * One school's change to one rollup cell: subtract {@code before}, add {@code after} (either may be null).
 * Old and new figure travel together so the cell never shows the correction half applied.
 */
record Contribution(String schoolId, Counts before, Counts after) {}
