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
 * and city cells and their KPIs leave the stores, and nothing is published for that (the topic keeps the last
 * figures). A period not yet over the horizon keeps everything.
 */
class RollupRetentionTest {
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(List.of(new Meals()));
        fx.register(school("w1", "wendeng"), school("r1", "rushan"));
        // February 2026 ends 2026-02-28; March has a day on each side of the horizon used below.
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
        assertThat(keys("meals-district-rollup-store")).contains("wendeng|day|2026-02-27", "wendeng|month|2026-02-01");
        assertThat(keys("meals-city-rollup-store")).contains("city|day|2026-02-27", "city|month|2026-02-01");

        // 395 days on: the horizon is 2026-03-05. February and 2026-03-02 ended before it, March has not.
        fx.clock.advance(Duration.ofDays(395));
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);

        assertThat(fx.newKpis()).as("forgetting publishes nothing").isEmpty();
        assertThat(keys("meals-rollup-schools-store")).containsExactlyInAnyOrder(
                "w1|month|2026-03-01", "r1|day|2026-03-09", "r1|month|2026-03-01");
        assertThat(keys("meals-district-rollup-store")).containsExactlyInAnyOrder(
                "wendeng|month|2026-03-01", "rushan|day|2026-03-09", "rushan|month|2026-03-01");
        assertThat(keys("meals-city-rollup-store")).containsExactlyInAnyOrder(
                "city|day|2026-03-09", "city|month|2026-03-01");
        assertThat(TopologyFixture.keysOf(fx.kpiStore())).isNotEmpty().noneMatch(key -> key.endsWith("2026-02-27") || key.endsWith("2026-02-01")
                || key.endsWith("2026-03-02"));
        assertThat(fx.kpiStore().get("city|meals.coverage|month|2026-03-01").numerator())
                .as("March keeps its totals").isEqualTo(190);
        assertThat(fx.kpiStore().get("city|meals.coverage|month|2026-03-01").schools()).isEqualTo(2);
    }

    private List<String> keys(String store) {
        return fx.keysOf(store);
    }
}
