package org.ruraledu.streams.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;

/** The rollup arithmetic, targets and KPI figures, without Kafka. */
class RollupTest {
    private static final LocalDate MON = LocalDate.parse("2026-03-02");

    @Test
    void aChangeTouchesEveryCellOfOldAndNewFigureOnce() {
        Rollup rollup = new Rollup("t", List.of(Period.DAY, Period.WEEK, Period.MONTH));
        SchoolFigure before = new SchoolFigure("s", "wendeng", LocalDate.parse("2026-03-04"), counts(1));
        SchoolFigure after = new SchoolFigure("s", "rushan", LocalDate.parse("2026-03-04"), counts(2));

        List<KeyValue<String, Contribution>> cells = rollup.contributions(new FigureChange(before, after));

        assertThat(cells).extracting(kv -> kv.key).containsExactly(
                "wendeng|day|2026-03-04", "wendeng|week|2026-03-02", "wendeng|month|2026-03-01",
                "city|day|2026-03-04", "city|week|2026-03-02", "city|month|2026-03-01",
                "rushan|day|2026-03-04", "rushan|week|2026-03-02", "rushan|month|2026-03-01");
        Contribution city = cells.get(3).value;
        assertThat(city.before()).isEqualTo(counts(1));
        assertThat(city.after()).as("old and new travel together").isEqualTo(counts(2));
        assertThat(cells.get(0).value.after()).isNull();
        assertThat(cells.get(6).value.before()).isNull();
    }

    @Test
    void tallyCountsDistinctSchoolsAndForgetsAWithdrawnOne() {
        Tally tally = Tally.empty()
                .apply(new Contribution("a", null, counts(3)))
                .apply(new Contribution("a", null, counts(4)))
                .apply(new Contribution("b", null, counts(5)));
        assertThat(tally.schools()).isEqualTo(2);
        assertThat(tally.total("n")).isEqualTo(12);

        tally = tally.apply(new Contribution("b", counts(5), null)).apply(new Contribution("a", counts(3), counts(1)));
        assertThat(tally.schools()).isEqualTo(1);
        assertThat(tally.total("n")).isEqualTo(5);
    }

    @Test
    void standingFiguresHaveOneCellDatedTheDayTheyAreComputed() {
        Rollup rollup = new Rollup("t", List.of(Period.CURRENT));
        SchoolFigure open = new SchoolFigure("s", "nanhai", null, counts(2));
        assertThat(rollup.contributions(new FigureChange(null, open))).extracting(kv -> kv.key)
                .containsExactly("nanhai|current|", "city|current|");
        assertThat(RollupKey.parse("nanhai|current|")).isEqualTo(new RollupKey("nanhai", Period.CURRENT, null));

        Instant evening = Instant.parse("2026-03-09T17:00:00Z"); // 01:00 on the 10th in Weihai
        KpiProcessor kpis = new KpiProcessor(List.of(), Targets.of(List.of()), Clock.fixed(evening, ZoneOffset.UTC), null);
        Kpi kpi = kpis.measure(RollupKey.parse("city|current|"), Tally.empty().apply(new Contribution("s", null,
                counts(2))), Metric.count("x.open", "n"), evening);
        assertThat(kpi.period()).isEqualTo("current");
        assertThat(kpi.periodStart()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(kpi.key()).isEqualTo("city|x.open|current|2026-03-10");
        assertThat(kpi.status()).isEqualTo(KpiStatus.NO_TARGET);
    }

    @Test
    void ratesAndEmptyCells() {
        KpiProcessor kpis = new KpiProcessor(List.of(), Targets.of(List.of()), Clock.systemUTC(), null);
        Tally tally = Tally.empty().apply(new Contribution("s", null,
                Counts.of(Map.of("open", 3, "enrolled", 1500))));
        Kpi rate = kpis.measure(new RollupKey("city", Period.DAY, MON), tally,
                Metric.rate("x.rate_per_10k", "open", "enrolled", 10_000), Instant.EPOCH);
        assertThat(rate.value()).isEqualTo(20.0);
        assertThat(rate.numerator()).isEqualTo(3.0);
        assertThat(rate.denominator()).isEqualTo(1500.0);

        Kpi none = kpis.measure(new RollupKey("city", Period.DAY, MON), Tally.empty(),
                Metric.ratio("x.ratio", "open", "enrolled"), Instant.EPOCH);
        assertThat(none.status()).isEqualTo(KpiStatus.NO_DATA);
        assertThat(none.value()).isZero();
    }

    @Test
    void targetStatusBeforeAndAfterTheDeadline() {
        LocalDate deadline = LocalDate.parse("2025-12-31");
        Target atLeast = new Target("t1", 38, "m", 1.0, Target.Direction.AT_LEAST, deadline, 0.05);
        assertThat(atLeast.judge(1.0, MON)).isEqualTo(KpiStatus.MET);
        assertThat(atLeast.judge(0.99, MON)).isEqualTo(KpiStatus.SLIPPED);
        assertThat(atLeast.judge(0.96, LocalDate.parse("2025-06-01"))).isEqualTo(KpiStatus.ON_TRACK);
        assertThat(atLeast.judge(0.90, LocalDate.parse("2025-06-01"))).isEqualTo(KpiStatus.AT_RISK);

        Target zero = new Target("t2", 38, "m2", 0, Target.Direction.AT_MOST, deadline, 0);
        assertThat(zero.judge(0, MON)).isEqualTo(KpiStatus.MET);
        assertThat(zero.judge(2, MON)).isEqualTo(KpiStatus.SLIPPED);
        assertThat(zero.judge(2, deadline)).isEqualTo(KpiStatus.AT_RISK);
    }

    private static Counts counts(long n) {
        return Counts.of(Map.of("n", n));
    }
}
