package org.ruraledu.streams.kpi;

/**
 * How a KPI is computed from a rollup cell's counters: a count ({@code value = numerator}), a ratio 0..1
 * ({@code numerator / denominator}), or a rate ({@code numerator / denominator × per}, e.g. per 10,000).
 */
public record Metric(String id, String numerator, String denominator, double per) {

    public static Metric count(String id, String counter) {
        return new Metric(id, counter, null, 1);
    }

    public static Metric ratio(String id, String numerator, String denominator) {
        return new Metric(id, numerator, denominator, 1);
    }

    public static Metric rate(String id, String numerator, String denominator, double per) {
        return new Metric(id, numerator, denominator, per);
    }

    public boolean isCount() {
        return denominator == null;
    }
}
