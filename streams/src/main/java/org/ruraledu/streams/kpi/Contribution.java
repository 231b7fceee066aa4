package org.ruraledu.streams.kpi;

/**
 * What one school's figure change does to one district cell, computed in the school's task: the counters'
 * difference, and how the number of distinct schools changes, in the district ({@code schools}) and in the city
 * ({@code citySchools}: a school counts once in the city cell even when its figures of one month lie in two
 * districts because it moved; the change is carried by one of its districts' cells, and the city sums them). So no
 * cell ever holds a per-school detail, and old and new figures arrive together (never half applied).
 *
 * <p>{@link #forget()} tells a cell whose period is past the retention horizon to drop out of the store.
 */
record Contribution(Counts delta, long schools, long citySchools, boolean forgets) {

    Contribution(Counts delta, long schools, long citySchools) {
        this(delta, schools, citySchools, false);
    }

    static Contribution forget() {
        return new Contribution(Counts.none(), 0, 0, true);
    }

    /** One school's figure of a cell replaced ({@code before} and {@code after} may be null), for tests and tools. */
    static Contribution replacing(Counts before, Counts after) {
        Counts delta = (after == null ? Counts.none() : after).minus(before == null ? Counts.none() : before);
        long schools = (after == null ? 0 : 1) - (before == null ? 0 : 1);
        return new Contribution(delta, schools, schools);
    }

    /** Changes nothing: not worth a record. An extreme it carries may change the cell (min, max), so it counts. */
    boolean isEmpty() {
        return !forgets && schools == 0 && citySchools == 0 && !delta.hasExtremes()
                && delta.values().values().stream().allMatch(v -> v == 0L);
    }
}
