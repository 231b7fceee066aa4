package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.kpi.Kpis;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.streams.revision.LatestReportWins;
import org.ruraledu.topics.DeadLetterHeaders;

/**
 * {@code retention.days} (400) for meal reports: the daily check forgets the school days older than the horizon,
 * and a report of such a day (a retry above all) is dead-lettered TOO_OLD instead of counting again.
 */
class MealsRetentionTest {
    private static final String STORE = LatestReportWins.storeName("meals");
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(List.of(new Meals()));
        fx.register(school("w1", "wendeng"));
        fx.report(meal("old", "w1", "2026-03-02", 100, 90, 0), meal("new", "w1", "2026-03-09", 100, 100, 0));
        // 395 days on: the horizon is 2026-03-05, between the two school days.
        fx.clock.advance(Duration.ofDays(395));
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        fx.newKpis();
        fx.newAlerts();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theDailyCheckForgetsTheSchoolDaysOlderThanTheHorizon() {
        KeyValueStore<String, Object> reports = fx.driver.getKeyValueStore(STORE);
        assertThat(reports.get("w1|2026-03-02")).isNull();
        assertThat(reports.get("w1|2026-03-09")).isNotNull();
    }

    @Test
    void aRetryOfAForgottenDayIsDeadLetteredAndCountsNothing() {
        fx.report(meal("old", "w1", "2026-03-02", 100, 90, 0), meal("other", "w1", "2026-03-03", 100, 50, 0));

        List<TestRecord<byte[], byte[]>> dead = fx.newDeadLetters();
        assertThat(dead).hasSize(2);
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("TOO_OLD");
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.REASON))
                .contains("2026-03-02", "retention.days = 400");
        assertThat(fx.newKpis()).isEmpty();
        assertThat(fx.newAlerts()).isEmpty();
        ReadOnlyKeyValueStore<String, Kpi> kpis = fx.kpiStore();
        assertThat(kpis.get("city|meals.coverage|month|2026-03-01").numerator())
                .as("the month keeps its totals").isEqualTo(190);
    }

    @Test
    void aReportWithinTheHorizonStillCounts() {
        fx.report(meal("new-fix", "w1", "2026-03-09", 100, 80, 0));

        assertThat(fx.newDeadLetters()).isEmpty();
        assertThat(fx.latestKpis().get("city|meals.coverage|day|2026-03-09").numerator()).isEqualTo(80);
    }
}
