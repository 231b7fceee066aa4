package org.ruraledu.streams.kpi;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;

/** Each status of a KPI against the catalog's targets, the straight path before a deadline, and which target applies. */
class TargetJudgmentTest {
    private static final LocalDate BASE_DAY = LocalDate.parse("2025-01-01");
    private static final LocalDate DEADLINE = LocalDate.parse("2027-12-31");
    /** Coverage from 0.6 on 2025-01-01 to 1.0 by the end of 2027. */
    private static final Target PATH = target("path", Set.of(), 1.0, Target.Direction.AT_LEAST, DEADLINE,
            new Target.Baseline(0.6, BASE_DAY), 0);

    @Test
    void metOnceTheValueReachesTheThresholdWhateverTheDay() {
        assertThat(PATH.judge(1.0, LocalDate.parse("2025-06-01"))).isEqualTo(KpiStatus.MET);
        assertThat(PATH.judge(1.0, LocalDate.parse("2029-06-01"))).isEqualTo(KpiStatus.MET);
    }

    @Test
    void slippedFromTheDayTheTargetHoldsWhenTheValueMissesIt() {
        assertThat(PATH.holdsFrom()).isEqualTo(LocalDate.parse("2028-01-01"));
        assertThat(PATH.judge(0.999, LocalDate.parse("2028-01-01"))).isEqualTo(KpiStatus.SLIPPED);
        assertThat(PATH.judge(0.999, DEADLINE)).as("on the deadline the path is at the threshold: behind it")
                .isEqualTo(KpiStatus.AT_RISK);
    }

    @Test
    void beforeTheDeadlineTheValueIsJudgedAgainstTheStraightPathFromTheBaseline() {
        for (String date : List.of("2025-01-01", "2025-07-01", "2026-03-01", "2026-12-31", "2027-11-30")) {
            LocalDate day = LocalDate.parse(date);
            // Recount: the path is 0.6 on the baseline day, 1.0 on the deadline, linear in days between.
            double path = 0.6 + 0.4 * ChronoUnit.DAYS.between(BASE_DAY, day) / ChronoUnit.DAYS.between(BASE_DAY, DEADLINE);
            assertThat(PATH.pathOn(day)).as(date).isCloseTo(path, org.assertj.core.data.Offset.offset(1e-12));
            assertThat(PATH.judge(path, day)).as("on the path on %s", date).isEqualTo(KpiStatus.ON_TRACK);
            assertThat(PATH.judge(path + 0.01, day)).as("ahead of it").isEqualTo(KpiStatus.ON_TRACK);
            assertThat(PATH.judge(path - 0.01, day)).as("behind it").isEqualTo(KpiStatus.AT_RISK);
        }
        assertThat(PATH.pathOn(LocalDate.parse("2024-06-01"))).as("before the baseline").isEqualTo(0.6);
        assertThat(PATH.pathOn(DEADLINE)).isEqualTo(1.0);
    }

    @Test
    void aPathDownwardsForAnAtMostTarget() {
        // Open cases from 40 on 2025-01-01 down to 0 by the end of 2027: halfway there is 20.
        Target down = target("down", Set.of(), 0, Target.Direction.AT_MOST, LocalDate.parse("2025-12-31"),
                new Target.Baseline(40, LocalDate.parse("2024-12-31")), 0);
        LocalDate halfway = LocalDate.parse("2024-12-31").plusDays(182);
        assertThat(down.pathOn(halfway)).isCloseTo(40 - 40.0 * 182 / 365, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(down.judge(19, halfway)).isEqualTo(KpiStatus.ON_TRACK);
        assertThat(down.judge(21, halfway)).isEqualTo(KpiStatus.AT_RISK);
        assertThat(down.judge(0, halfway)).isEqualTo(KpiStatus.MET);
        assertThat(down.judge(1, LocalDate.parse("2026-01-01"))).isEqualTo(KpiStatus.SLIPPED);
    }

    @Test
    void withoutABaselineTheToleranceDecides() {
        Target tolerant = target("tol", Set.of(), 1.0, Target.Direction.AT_LEAST, DEADLINE, null, 0.05);
        assertThat(tolerant.judge(0.95, LocalDate.parse("2026-01-01"))).isEqualTo(KpiStatus.ON_TRACK);
        assertThat(tolerant.judge(0.94, LocalDate.parse("2026-01-01"))).isEqualTo(KpiStatus.AT_RISK);
        Target strict = target("strict", Set.of(), 0, Target.Direction.AT_MOST, DEADLINE, null, 0);
        assertThat(strict.judge(1, LocalDate.parse("2026-01-01"))).as("met or not").isEqualTo(KpiStatus.AT_RISK);
    }

    @Test
    void theTargetThatHoldsOnTheDayJudgesElseTheNearestAhead() {
        Target by2025 = target("t2025", Set.of(), 0.9, Target.Direction.AT_LEAST, LocalDate.parse("2025-12-31"), null, 0);
        Target by2027 = target("t2027", Set.of(), 1.0, Target.Direction.AT_LEAST, DEADLINE,
                new Target.Baseline(0.9, LocalDate.parse("2025-12-31")), 0);
        Target wendeng = target("wendeng", Set.of("wendeng"), 0.95, Target.Direction.AT_LEAST,
                LocalDate.parse("2026-06-30"), null, 0);
        Targets targets = Targets.of(List.of(by2027, wendeng, by2025));
        assertThat(targets.applying("rushan", "m", LocalDate.parse("2025-03-01"))).contains(by2025);
        assertThat(targets.applying("rushan", "m", LocalDate.parse("2026-03-01"))).as("2025's holds, 2027's ahead")
                .contains(by2025);
        assertThat(targets.applying("wendeng", "m", LocalDate.parse("2026-03-01"))).as("the city-wide 2025 target holds, its own is ahead").contains(by2025);
        assertThat(targets.applying("wendeng", "m", LocalDate.parse("2026-07-01"))).contains(wendeng);
        assertThat(targets.applying("city", "m", LocalDate.parse("2028-01-01"))).contains(by2027);
        assertThat(targets.applying("wendeng", "m", LocalDate.parse("2028-01-01"))).contains(by2027);
        assertThat(targets.applying("city", "other", LocalDate.parse("2026-01-01"))).isEmpty();

        Targets onlyAhead = Targets.of(List.of(by2027));
        assertThat(onlyAhead.applying("city", "m", LocalDate.parse("2026-03-01"))).contains(by2027);
    }

    @Test
    void everyKpiCarriesItsTargetAndStatus() {
        Target by2027 = target("t2027", Set.of("city"), 1.0, Target.Direction.AT_LEAST, DEADLINE,
                new Target.Baseline(0.5, LocalDate.parse("2025-12-31")), 0);
        Measurements kpis = new Measurements(Targets.of(List.of(by2027)));
        Metric coverage = Metric.ratio("m", "served", "needing");
        LocalDate march = LocalDate.parse("2026-03-01");
        Kpi city = kpis.measure(new RollupKey("city", Period.MONTH, march), tally(60, 100), coverage, Instant.EPOCH);
        assertThat(city.target()).isEqualTo(1.0);
        assertThat(city.targetId()).isEqualTo("t2027");
        // Path on 2026-03-01: 0.5 + 0.5 * 60 / 730 = 0.541: 0.6 is ahead of it.
        assertThat(city.status()).isEqualTo(KpiStatus.ON_TRACK);
        assertThat(kpis.measure(new RollupKey("city", Period.MONTH, march), tally(50, 100), coverage, Instant.EPOCH)
                .status()).isEqualTo(KpiStatus.AT_RISK);
        Kpi district = kpis.measure(new RollupKey("wendeng", Period.MONTH, march), tally(60, 100), coverage,
                Instant.EPOCH);
        assertThat(district.status()).as("the target is the city's alone").isEqualTo(KpiStatus.NO_TARGET);
        assertThat(district.targetId()).isNull();
        assertThat(kpis.measure(new RollupKey("city", Period.MONTH, march), Tally.empty(), coverage, Instant.EPOCH)
                .status()).isEqualTo(KpiStatus.NO_DATA);
    }

    private static Tally tally(long served, long needing) {
        return Tally.empty().apply(Contribution.replacing(null, Counts.of(Map.of("served", served, "needing", needing))));
    }

    private static Target target(String id, Set<String> scopes, double value, Target.Direction direction,
            LocalDate deadline, Target.Baseline baseline, double tolerance) {
        return new Target(id, 9, "m", scopes, direction, value, deadline, deadline.plusDays(1), baseline, tolerance,
                new Target.Words("目标", "target"), 0);
    }
}
