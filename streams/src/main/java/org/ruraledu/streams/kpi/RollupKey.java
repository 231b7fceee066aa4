package org.ruraledu.streams.kpi;

import java.time.LocalDate;

/**
 * Key of one rolled-up cell: {@code {scope}|{period}|{periodStart}}, e.g. {@code wendeng|month|2026-03-01}, or
 * {@code wendeng|current|} for a standing figure (periodStart null).
 */
public record RollupKey(String scope, Period period, LocalDate periodStart) {

    @Override
    public String toString() {
        return scope + "|" + period.id() + "|" + (periodStart == null ? "" : periodStart);
    }

    /** Parses from the right, so a scope may itself contain the separator. */
    public static RollupKey parse(String key) {
        int last = key.lastIndexOf('|');
        int middle = key.lastIndexOf('|', last - 1);
        if (middle < 0) {
            throw new IllegalArgumentException("not a rollup key: '" + key + "'");
        }
        String start = key.substring(last + 1);
        return new RollupKey(key.substring(0, middle), Period.byId(key.substring(middle + 1, last)),
                start.isEmpty() ? null : LocalDate.parse(start));
    }
}
