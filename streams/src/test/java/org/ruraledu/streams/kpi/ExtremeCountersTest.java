package org.ruraledu.streams.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Extreme counters (min, max) next to sums: combined by min/max in district and city cells, a reading of 0 °C kept
 * as a value, and the compact formats unchanged (they travel in the same counter map).
 */
class ExtremeCountersTest {
    private static final String MIN = Counts.lowest("tenthsC");
    private static final String MAX = Counts.highest("tenthsC");
    private static final Metric COLDEST = Metric.lowest("coldest", "tenthsC", 10);
    private static final Metric HOTTEST = Metric.highest("hottest", "tenthsC", 10);

    private static Counts day(long counted, long min, long max) {
        Map<String, Long> values = new TreeMap<>();
        values.put("counted", counted);
        values.put(MIN, min);
        values.put(MAX, max);
        return Counts.of(values);
    }

    @Test
    void sumsAddAndExtremesCombineByMinAndMax() {
        Counts sum = day(2, -15, 180).plus(day(3, 0, 215));
        assertThat(sum.values()).containsExactlyInAnyOrderEntriesOf(Map.of("counted", 5L, MIN, -15L, MAX, 215L));
    }

    @Test
    void minusOfAnExtremeIsWhatChanged() {
        Counts delta = day(5, -20, 215).minus(day(3, -15, 215));
        assertThat(delta.values()).as("the max did not change: nothing to carry")
                .containsExactlyInAnyOrderEntriesOf(Map.of("counted", 2L, MIN, -20L));
    }

    @Test
    void anExtremeOfZeroIsAValueNotNothing() {
        Counts zero = day(0, 0, 0).withoutZeros();
        assertThat(zero.values()).containsOnlyKeys(MIN, MAX);
        Contribution onlyExtremes = new Contribution(Counts.of(Map.of(MIN, 0L)), 0, 0);
        assertThat(onlyExtremes.isEmpty()).isFalse();
    }

    @Test
    void aCellsExtremesFollowItsSchoolsFiguresAndTheCityItsDistricts() {
        Tally wendeng = Tally.empty().apply(Contribution.replacing(null, day(1, 175, 175).withoutZeros()));
        wendeng = wendeng.apply(Contribution.replacing(day(1, 175, 175), day(2, 160, 190)));
        Tally rongcheng = Tally.empty().apply(Contribution.replacing(null, day(1, 200, 200)));
        Tally city = Tally.empty().withDistrict(wendeng, 1).withDistrict(rongcheng, 1);
        assertThat(COLDEST.measure(city).value()).isEqualTo(16.0);
        assertThat(HOTTEST.measure(city).value()).isEqualTo(20.0);

        // wendeng's cell updated: the city takes the old cell away (its extremes stay) and adds the new one.
        Tally colder = wendeng.apply(Contribution.replacing(day(2, 160, 190), day(3, 120, 190)));
        city = city.withDistrict(wendeng, -1).withDistrict(colder, 1);
        assertThat(city.total("counted")).isEqualTo(4);
        assertThat(COLDEST.measure(city).value()).isEqualTo(12.0);
        assertThat(HOTTEST.measure(city).value()).isEqualTo(20.0);
    }

    @Test
    void aCellWithoutTheCounterHasNoData() {
        Tally sumsOnly = Tally.empty().apply(Contribution.replacing(null, Counts.of(Map.of("counted", 1))));
        assertThat(COLDEST.measure(sumsOnly).hasData()).isFalse();
        Tally freezing = Tally.empty().apply(Contribution.replacing(null, day(1, -5, 0)));
        assertThat(HOTTEST.measure(freezing).hasData()).isTrue();
        assertThat(HOTTEST.measure(freezing).value()).isEqualTo(0.0);
        assertThat(COLDEST.measure(freezing).value()).isEqualTo(-0.5);
    }

    @Test
    void theCompactFormatsCarryExtremesAndReadWhatTheyWroteBefore() {
        Tally tally = Tally.empty().apply(Contribution.replacing(null, day(4, -123, 456)));
        byte[] bytes = RollupSerdes.TALLIES.serializer().serialize("t", tally);
        assertThat(RollupSerdes.TALLIES.deserializer().deserialize("t", bytes)).isEqualTo(tally);
        // A tally of sums alone is written exactly as before extremes existed: format 1, one counter "served" = 3, 1 school, 1 city school.
        Tally old = new Tally(Counts.of(Map.of("served", 3)), 1, 1);
        assertThat(RollupSerdes.TALLIES.serializer().serialize("t", old))
                .containsExactly(1, 2, 12, 's', 'e', 'r', 'v', 'e', 'd', 6, 2, 2); // varlongs zig-zag: 1 -> 2

        SummedFigures.Summed summed = new SummedFigures.Summed(
                new SchoolFigure("w1", "wendeng", java.time.LocalDate.of(2026, 3, 10), day(2, -3, 4)), null);
        assertThat(RollupSerdes.SUMMED.deserializer().deserialize("s",
                RollupSerdes.SUMMED.serializer().serialize("s", summed))).isEqualTo(summed);
        SummedFigures.Summed forwarded = new SummedFigures.Summed(summed.figure(), day(1, -3, 4));
        assertThat(RollupSerdes.SUMMED.deserializer().deserialize("s",
                RollupSerdes.SUMMED.serializer().serialize("s", forwarded))).isEqualTo(forwarded);
    }
}
