package org.ruraledu.contract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One KPI figure as published on {@code ruraledu.kpi.v1} (compacted, latest value per {@link #key()}).
 * A ratio is 0..1. {@code numerator}/{@code denominator} are null for plain counts.
 */
public record Kpi(
        String scope,
        String metric,
        String period,
        LocalDate periodStart,
        double value,
        Double numerator,
        Double denominator,
        Double target,
        String targetId,
        KpiStatus status,
        long schools,
        Instant updatedAt) {

    /** Topic key: {@code {scope}|{metric}|{period}|{periodStart}}. */
    public String key() {
        return key(scope, metric, period, periodStart);
    }

    public static String key(String scope, String metric, String period, LocalDate periodStart) {
        return scope + "|" + metric + "|" + period + "|" + periodStart;
    }
}
