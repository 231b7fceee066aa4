package org.ruraledu.contract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One KPI figure as published on {@code ruraledu.kpi.v1} (compacted, latest value per {@link #key()}): of the
 * city, a district (its key) or one school ({@link #schoolScope}).
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

    /** How a school's own scope starts: {@code school:{schoolId}}. */
    public static final String SCHOOL_SCOPE_PREFIX = "school:";

    /** The scope of one school's own figures, {@code school:{schoolId}}. */
    public static String schoolScope(String schoolId) {
        return SCHOOL_SCOPE_PREFIX + schoolId;
    }

    /** Whether {@code scope} is a school's ({@code school:{schoolId}}), not a district's nor the city's. */
    public static boolean isSchoolScope(String scope) {
        return scope != null && scope.startsWith(SCHOOL_SCOPE_PREFIX);
    }

    /** Topic key: {@code {scope}|{metric}|{period}|{periodStart}}. */
    public String key() {
        return key(scope, metric, period, periodStart);
    }

    public static String key(String scope, String metric, String period, LocalDate periodStart) {
        return scope + "|" + metric + "|" + period + "|" + periodStart;
    }
}
