package org.ruraledu.streams.kpi;

import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * How a KPI is computed from a rollup cell's counters: a count ({@code value = numerator}), a ratio 0..1
 * ({@code numerator / denominator}), a rate ({@code numerator / denominator × per}, e.g. per 10,000), or the
 * median of a histogram kept in counters (see {@link #median}), or the lowest or highest value of an extreme
 * counter ({@link #lowest}, {@link #highest}; see {@link Counts}), kept in {@code per}ths of the KPI's unit
 * (tenths of a degree: exact longs) and published divided by {@code per}.
 */
public record Metric(String id, Kind kind, String numerator, String denominator, double per) {

    public enum Kind { COUNT, RATIO, MEDIAN, MIN, MAX }

    /** A KPI's figures computed from one cell: null numerator/denominator where the kind has none. */
    record Measure(boolean hasData, double value, Double numerator, Double denominator) {}

    public static Metric count(String id, String counter) {
        return new Metric(id, Kind.COUNT, counter, null, 1);
    }

    public static Metric ratio(String id, String numerator, String denominator) {
        return new Metric(id, Kind.RATIO, numerator, denominator, 1);
    }

    public static Metric rate(String id, String numerator, String denominator, double per) {
        return new Metric(id, Kind.RATIO, numerator, denominator, per);
    }

    /**
     * The median of values counted in the counters {@code {histogram}.{value}} (see {@link #bucket}). A histogram
     * sums like any counter, so corrections subtract and add exactly; a median never could.
     */
    public static Metric median(String id, String histogram) {
        return new Metric(id, Kind.MEDIAN, histogram, null, 1);
    }

    /**
     * The lowest value of {@code counter} over the cell's figures (extreme counter {@link Counts#lowest}), kept in
     * {@code perUnit}ths of the KPI's unit, e.g. {@code lowest("heating.coldest_room_c", "tenthsC", 10)}.
     */
    public static Metric lowest(String id, String counter, double perUnit) {
        return new Metric(id, Kind.MIN, Counts.lowest(counter), null, perUnit);
    }

    /** The highest value of {@code counter} (extreme counter {@link Counts#highest}), as {@link #lowest}. */
    public static Metric highest(String id, String counter, double perUnit) {
        return new Metric(id, Kind.MAX, Counts.highest(counter), null, perUnit);
    }

    /** The counter that counts one occurrence of {@code value} in {@code histogram}. */
    public static String bucket(String histogram, long value) {
        return histogram + "." + value;
    }

    public boolean isCount() {
        return kind == Kind.COUNT;
    }

    Measure measure(Tally tally) {
        return switch (kind) {
            case COUNT -> {
                boolean hasData = tally.schools() > 0;
                yield new Measure(hasData, hasData ? tally.total(numerator) : 0, null, null);
            }
            case RATIO -> {
                double num = tally.total(numerator);
                double den = tally.total(denominator);
                boolean hasData = tally.schools() > 0 && den > 0;
                yield new Measure(hasData, hasData ? num / den * per : 0, num, den);
            }
            case MIN, MAX -> {
                boolean hasData = tally.schools() > 0 && tally.has(numerator);
                // Divided, not multiplied by 0.1: 179 / 10.0 is the double nearest 17.9.
                yield new Measure(hasData, hasData ? tally.total(numerator) / per : 0, null, null);
            }
            case MEDIAN -> {
                Double median = median(tally.totals().values());
                yield new Measure(tally.schools() > 0 && median != null, median == null ? 0 : median, null, null);
            }
        };
    }

    /** The median of the histogram (the mean of the two middle values for an even count), null if empty. */
    private Double median(SortedMap<String, Long> counters) {
        String prefix = numerator + ".";
        // Counter names sort as text ("10" before "9"): order the buckets by their numeric value.
        SortedMap<Long, Long> histogram = new TreeMap<>();
        for (Map.Entry<String, Long> counter : counters.subMap(prefix, numerator + "/").entrySet()) {
            if (counter.getValue() > 0) {
                histogram.put(Long.parseLong(counter.getKey().substring(prefix.length())), counter.getValue());
            }
        }
        long n = histogram.values().stream().mapToLong(Long::longValue).sum();
        if (n == 0) {
            return null;
        }
        Long lower = null;
        long seen = 0;
        for (Map.Entry<Long, Long> bucket : histogram.entrySet()) {
            seen += bucket.getValue();
            if (lower == null && seen >= (n + 1) / 2) {
                lower = bucket.getKey();
            }
            if (seen >= n / 2 + 1) {
                return (lower + bucket.getKey()) / 2.0;
            }
        }
        throw new IllegalStateException("unreachable: the buckets hold all " + n + " values");
    }
}
