package org.ruraledu.streams.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How each kind of metric reads a rollup cell; the median from a histogram kept in counters. */
class MetricTest {
    private static final Metric MEDIAN = Metric.median("m", "days");

    @Test
    void medianOfAnOddCountIsTheMiddleValueInNumericOrder() {
        // As text "10" sorts before "9": the median must order buckets by number.
        Metric.Measure measure = MEDIAN.measure(cell(Map.of(9L, 1L, 10L, 1L, 100L, 1L)));
        assertThat(measure.value()).isEqualTo(10);
        assertThat(measure.hasData()).isTrue();
        assertThat(measure.numerator()).isNull();
        assertThat(measure.denominator()).isNull();
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(MEDIAN.measure(cell(Map.of(3L, 1L, 7L, 1L))).value()).isEqualTo(5);
        assertThat(MEDIAN.measure(cell(Map.of(2L, 2L, 4L, 1L, 30L, 1L))).value()).isEqualTo(3);
        assertThat(MEDIAN.measure(cell(Map.of(6L, 4L))).value()).isEqualTo(6);
    }

    @Test
    void emptiedBucketsAreIgnoredAndAnEmptyHistogramHasNoData() {
        Tally tally = cell(Map.of(3L, 1L, 50L, 1L)).apply(Contribution.replacing(histogram(Map.of(50L, 1L)), null));
        assertThat(MEDIAN.measure(tally).value()).as("the 50-day value was withdrawn").isEqualTo(3);

        Tally none = tally.apply(Contribution.replacing(histogram(Map.of(3L, 1L)), null));
        assertThat(MEDIAN.measure(none).hasData()).isFalse();
        assertThat(MEDIAN.measure(none).value()).isZero();
    }

    @Test
    void otherCountersWithTheSamePrefixAreNotBuckets() {
        Tally tally = cell(Map.of(4L, 1L)).apply(Contribution.replacing(null,
                Counts.of(Map.of("daysOpen", 99, "days", 99))));
        assertThat(MEDIAN.measure(tally).value()).isEqualTo(4);
    }

    @Test
    void countsAndRatesReadTheirCounters() {
        Tally tally = Tally.empty().apply(Contribution.replacing(null, Counts.of(Map.of("open", 3, "enrolled", 6000))));
        assertThat(Metric.count("c", "open").measure(tally).value()).isEqualTo(3);
        Metric.Measure rate = Metric.rate("r", "open", "enrolled", 10_000).measure(tally);
        assertThat(rate.value()).isEqualTo(5);
        assertThat(rate.numerator()).isEqualTo(3);
        assertThat(rate.denominator()).isEqualTo(6000);
        assertThat(Metric.rate("r", "open", "missing", 10_000).measure(tally).hasData()).isFalse();
    }

    /** A cell holding one school's histogram {@code value → count}. */
    private static Tally cell(Map<Long, Long> histogram) {
        return Tally.empty().apply(Contribution.replacing(null, histogram(histogram)));
    }

    private static Counts histogram(Map<Long, Long> histogram) {
        Map<String, Long> counters = new HashMap<>();
        histogram.forEach((value, count) -> counters.put(Metric.bucket("days", value), count));
        return Counts.of(counters);
    }
}
