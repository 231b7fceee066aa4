package org.ruraledu.streams.kpi;

import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A rollup cell: the counters summed over the schools' figures, and how many figures each school has in the
 * cell (a school contributes one figure per school day to a month), so that {@link #schools()} counts distinct
 * schools and a school drops out of the count when its last figure is withdrawn.
 */
public record Tally(Counts totals, SortedMap<String, Long> figuresBySchool) {

    public static Tally empty() {
        return new Tally(Counts.none(), new TreeMap<>());
    }

    /** The adder and the subtractor in one step. */
    Tally apply(Contribution contribution) {
        Counts sum = totals;
        SortedMap<String, Long> figures = new TreeMap<>(figuresBySchool);
        if (contribution.before() != null) {
            sum = sum.minus(contribution.before());
            figures.computeIfPresent(contribution.schoolId(), (school, n) -> n > 1 ? n - 1 : null);
        }
        if (contribution.after() != null) {
            sum = sum.plus(contribution.after());
            figures.merge(contribution.schoolId(), 1L, Long::sum);
        }
        return new Tally(sum, figures);
    }

    /** Distinct schools contributing. */
    public long schools() {
        return figuresBySchool.size();
    }

    public long total(String counter) {
        return totals.get(counter);
    }
}
