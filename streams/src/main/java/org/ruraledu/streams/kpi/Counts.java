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
 *
 * <p>Extreme counters ({@link #lowest}, {@link #highest}: names {@code min:...}, {@code max:...}) combine by min or
 * max instead of sum, e.g. the coldest classroom reading of a day. A min cannot be taken back, so they suit figures
 * that are never withdrawn nor moved and whose min only falls and max only rises (readings, once counted, stay):
 * then the combination is exact. {@link #minus} of an extreme is "what changed": an extreme this holds with
 * another value than {@code other} (or that {@code other} lacks); an extreme of {@code other} alone is ignored.
 * They travel in the same map as the sums, so the compact formats that store counts are unchanged.
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

    public static final String MIN_PREFIX = "min:";
    public static final String MAX_PREFIX = "max:";

    /** The name of the extreme counter that keeps the lowest value of {@code counter}. */
    public static String lowest(String counter) {
        return MIN_PREFIX + counter;
    }

    /** The name of the extreme counter that keeps the highest value of {@code counter}. */
    public static String highest(String counter) {
        return MAX_PREFIX + counter;
    }

    /** Whether {@code name} is an extreme counter (min or max), not a sum. */
    public static boolean isExtreme(String name) {
        return name.startsWith(MIN_PREFIX) || name.startsWith(MAX_PREFIX);
    }

    public static Counts none() {
        return new Counts(new TreeMap<>());
    }

    public long get(String counter) {
        return values.getOrDefault(counter, 0L);
    }

    /** Whether the counter is held at all (an extreme of 0 °C is a value, not nothing). */
    public boolean has(String counter) {
        return values.containsKey(counter);
    }

    /** Whether any extreme counter is held. */
    public boolean hasExtremes() {
        return values.keySet().stream().anyMatch(Counts::isExtreme);
    }

    /** The summed counters alone, without the extremes. */
    public Counts sums() {
        if (!hasExtremes()) {
            return this;
        }
        SortedMap<String, Long> kept = new TreeMap<>(values);
        kept.keySet().removeIf(Counts::isExtreme);
        return new Counts(kept);
    }

    /** These counters without {@code counter}. */
    public Counts without(String counter) {
        if (!values.containsKey(counter)) {
            return this;
        }
        SortedMap<String, Long> kept = new TreeMap<>(values);
        kept.remove(counter);
        return new Counts(kept);
    }

    public Counts plus(Counts other) {
        return combine(other, 1);
    }

    public Counts minus(Counts other) {
        return combine(other, -1);
    }

    /**
     * The same counters without the sums at zero: a sum whose figures were all withdrawn holds nothing. Extremes
     * stay (a coldest reading of 0 °C is a reading).
     */
    public Counts withoutZeros() {
        if (!values.containsValue(0L)) {
            return this;
        }
        SortedMap<String, Long> kept = new TreeMap<>(values);
        kept.entrySet().removeIf(counter -> counter.getValue() == 0L && !isExtreme(counter.getKey()));
        return new Counts(kept);
    }

    private Counts combine(Counts other, long sign) {
        SortedMap<String, Long> sum = new TreeMap<>(values);
        other.values.forEach((name, value) -> {
            if (name.startsWith(MIN_PREFIX)) {
                if (sign > 0) {
                    sum.merge(name, value, Math::min);
                } else if (value.equals(sum.get(name))) {
                    sum.remove(name); // unchanged: nothing to carry
                }
            } else if (name.startsWith(MAX_PREFIX)) {
                if (sign > 0) {
                    sum.merge(name, value, Math::max);
                } else if (value.equals(sum.get(name))) {
                    sum.remove(name);
                }
            } else {
                sum.merge(name, sign * value, Long::sum);
            }
        });
        return new Counts(sum);
    }
}
