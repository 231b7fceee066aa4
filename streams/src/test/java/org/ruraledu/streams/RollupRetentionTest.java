package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.streams.meals.Meals;

/**
 * The rollup stores are bounded by the retention horizon ({@code retention.days}, 400): once a period has ended
 * before it, no figure of it can change (its reports are refused TOO_OLD), so the school's membership, the district
 * and city cells, the school's own cell and their KPIs leave the stores, and nothing is published for that (the
 * topic keeps the last figures). A period not yet over the horizon keeps everything: a week until its Sunday has
 * passed, a term (spring 2026: 2026-03-02 to 2026-07-03) until its last day has.
 */
class RollupRetentionTest {
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(List.of(new Meals()));
        fx.register(school("w1", "wendeng"), school("r1", "rushan"));
        // February 2026 ends 2026-02-28 (27 February is in the winter vacation: no term); March has a day on each
        // side of the horizon used below, in the weeks from 2 and from 9 March, both in the spring term.
        fx.report(meal("feb", "w1", "2026-02-27", 100, 90, 0), meal("mar-a", "w1", "2026-03-02", 100, 90, 0),
                meal("mar-b", "r1", "2026-03-09", 100, 100, 0));
        fx.newKpis();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void cellsOfPeriodsThatEndedBeforeTheHorizonAreForgottenSilently() {
        assertThat(keys("meals-district-rollup-store")).contains("wendeng|day|2026-02-27", "wendeng|month|2026-02-01",
                "wendeng|week|2026-02-23");
        assertThat(keys("meals-city-rollup-store")).contains("city|day|2026-02-27", "city|month|2026-02-01");
        assertThat(TopologyFixture.keysOf(fx.kpiStore())).contains("school:w1|meals.coverage|week|2026-02-23");

        // 395 days on: the horizon is 2026-03-05. February, its last week (to 1 March) and 2026-03-02 ended before
        // it; March, the week from 2 March (to the 8th) and the spring term have not.
        fx.clock.advance(Duration.ofDays(395));
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);

        assertThat(fx.newKpis()).as("forgetting publishes nothing").isEmpty();
        assertThat(keys("meals-rollup-schools-store")).containsExactlyInAnyOrder(
                "w1|week|2026-03-02", "w1|month|2026-03-01", "w1|term|2026-03-02",
                "r1|day|2026-03-09", "r1|week|2026-03-09", "r1|month|2026-03-01", "r1|term|2026-03-02");
        assertThat(keys("meals-district-rollup-store")).containsExactlyInAnyOrder(
                "wendeng|week|2026-03-02", "wendeng|month|2026-03-01", "wendeng|term|2026-03-02",
                "rushan|day|2026-03-09", "rushan|week|2026-03-09", "rushan|month|2026-03-01", "rushan|term|2026-03-02");
        assertThat(keys("meals-city-rollup-store")).containsExactlyInAnyOrder(
                "city|day|2026-03-09", "city|week|2026-03-02", "city|week|2026-03-09", "city|month|2026-03-01",
                "city|term|2026-03-02");
        List<String> forgotten = List.of("|day|2026-02-27", "|week|2026-02-23", "|month|2026-02-01",
                "|day|2026-03-02");
        assertThat(TopologyFixture.keysOf(fx.kpiStore())).isNotEmpty()
                .noneMatch(key -> forgotten.stream().anyMatch(key::endsWith));
        assertThat(schoolKpiKeys()).containsExactlyInAnyOrderElementsOf(schoolKpis(List.of(
                "school:w1|week|2026-03-02", "school:w1|month|2026-03-01", "school:w1|term|2026-03-02",
                "school:r1|day|2026-03-09", "school:r1|week|2026-03-09", "school:r1|month|2026-03-01",
                "school:r1|term|2026-03-02")));
        assertThat(fx.kpiStore().get("city|meals.coverage|month|2026-03-01").numerator())
                .as("March keeps its totals").isEqualTo(190);
        assertThat(fx.kpiStore().get("city|meals.coverage|month|2026-03-01").schools()).isEqualTo(2);
        assertThat(fx.kpiStore().get("city|meals.coverage|term|2026-03-02").numerator()).isEqualTo(190);
        assertThat(fx.kpiStore().get("school:w1|meals.coverage|term|2026-03-02").numerator()).isEqualTo(90);
    }

    /** The spring term ends on 2026-07-03: it is forgotten once that day is behind the horizon, and nothing before. */
    @Test
    void aTermIsForgottenOnceItsLastDayIsBehindTheHorizon() {
        // 2027-08-07: the horizon is 2026-07-03, the term's last day: still kept.
        fx.clock.advance(Duration.ofDays(515));
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        assertThat(keys("meals-rollup-schools-store")).containsExactlyInAnyOrder("w1|term|2026-03-02",
                "r1|term|2026-03-02");
        assertThat(keys("meals-district-rollup-store")).containsExactlyInAnyOrder("wendeng|term|2026-03-02",
                "rushan|term|2026-03-02");
        assertThat(keys("meals-city-rollup-store")).containsExactly("city|term|2026-03-02");
        assertThat(schoolKpiKeys()).containsExactlyInAnyOrderElementsOf(
                schoolKpis(List.of("school:w1|term|2026-03-02", "school:r1|term|2026-03-02")));

        fx.clock.advance(Duration.ofDays(1));
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);

        assertThat(fx.newKpis()).as("forgetting publishes nothing").isEmpty();
        for (String store : List.of("meals-rollup-schools-store", "meals-district-rollup-store",
                "meals-city-rollup-store", "meals-district-kpi-store", "meals-city-kpi-store")) {
            assertThat(keys(store)).as(store).isEmpty();
        }
        assertThat(schoolKpiKeys()).as("the schools' KPIs, computed from their entries").isEmpty();
    }

    /** The KPI keys of both meals metrics of each school cell {@code scope|period|start}. */
    private static List<String> schoolKpis(List<String> cells) {
        return cells.stream().flatMap(cell -> {
            int period = cell.indexOf('|');
            return java.util.stream.Stream.of("meals.coverage", "meals.food_safety_incidents")
                    .map(metric -> cell.substring(0, period) + "|" + metric + cell.substring(period));
        }).toList();
    }

    /** The schools' KPIs the query API finds (computed from the schools' rollup entries). */
    private List<String> schoolKpiKeys() {
        return TopologyFixture.keysOf(fx.kpiStore()).stream().filter(key -> key.startsWith("school:")).toList();
    }

    private List<String> keys(String store) {
        return fx.keysOf(store);
    }
}
