package org.ruraledu.streams.kpi;

/**
 * A rollup cell: the counters summed over its schools' figures and the number of distinct schools contributing.
 * A district cell also carries its share of the city's distinct schools ({@code citySchools}, see
 * {@link Contribution}); a city cell is the sum of its districts' cells. Fixed size whatever the number of schools.
 */
public record Tally(Counts totals, long schools, long citySchools) {

    public static Tally empty() {
        return new Tally(Counts.none(), 0, 0);
    }

    /** A district cell after one school's contribution. */
    Tally apply(Contribution contribution) {
        return new Tally(totals.plus(contribution.delta()).withoutZeros(), schools + contribution.schools(),
                citySchools + contribution.citySchools());
    }

    /**
     * A city cell with one district cell added (sign 1) or taken away (sign -1). Taking a district away leaves the
     * city's extremes as they are: a district's min only falls (see {@link Counts}), so adding its new cell after
     * is exact.
     */
    Tally withDistrict(Tally district, int sign) {
        Counts sum = sign > 0 ? totals.plus(district.totals) : totals.minus(district.totals.sums());
        return new Tally(sum.withoutZeros(), schools + sign * district.citySchools, 0);
    }

    /** Distinct schools contributing. */
    public long schools() {
        return schools;
    }

    public long total(String counter) {
        return totals.get(counter);
    }

    /** Whether the cell holds the counter at all (an extreme is held once one figure had it). */
    public boolean has(String counter) {
        return totals.has(counter);
    }
}
