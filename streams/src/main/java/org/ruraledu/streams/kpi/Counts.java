package org.ruraledu.streams.kpi;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Collections;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Named counters of one school for one period (e.g. {@code served=118, needing=120}), or their sum over many
 * schools. Counters, not ratios, are what roll up: a ratio is computed only at the end, from the sums.
 */
public record Counts(@JsonValue SortedMap<String, Long> values) {

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public Counts {
        values = Collections.unmodifiableSortedMap(new TreeMap<>(values));
    }

    public static Counts of(Map<String, ? extends Number> values) {
        SortedMap<String, Long> copy = new TreeMap<>();
        values.forEach((name, value) -> copy.put(name, value.longValue()));
        return new Counts(copy);
    }

    public static Counts none() {
        return new Counts(new TreeMap<>());
    }

    public long get(String counter) {
        return values.getOrDefault(counter, 0L);
    }

    public Counts plus(Counts other) {
        return combine(other, 1);
    }

    public Counts minus(Counts other) {
        return combine(other, -1);
    }

    /** The same counters without those at zero: a sum whose figures were all withdrawn holds nothing. */
    public Counts withoutZeros() {
        if (!values.containsValue(0L)) {
            return this;
        }
        SortedMap<String, Long> kept = new TreeMap<>(values);
        kept.values().removeIf(value -> value == 0L);
        return new Counts(kept);
    }

    private Counts combine(Counts other, long sign) {
        SortedMap<String, Long> sum = new TreeMap<>(values);
        other.values.forEach((name, value) -> sum.merge(name, sign * value, Long::sum));
        return new Counts(sum);
    }
}
