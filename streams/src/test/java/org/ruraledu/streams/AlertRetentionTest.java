package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.streams.alert.AlertLifecycle;
import org.ruraledu.streams.alert.TrackedAlert;
import org.ruraledu.streams.meals.Meals;

/** {@code retention.days} (400) for alerts: the daily check forgets old RESOLVED conditions, never open ones. */
class AlertRetentionTest {
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        // Day-bound alerts would close by themselves after the correction window (MealAlertExpiryTest); here they
        // stand for conditions that stay open, so the window is longer than the test.
        fx = new TopologyFixture(List.of(new Meals()), Map.of(Meals.CORRECTION_WINDOW_DAYS, "1000"));
        fx.register(school("w1", "wendeng"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theDailyCheckForgetsOnlyResolvedConditionsLastUpdatedBeforeTheHorizon() {
        fx.report(meal("gap", "w1", "2026-03-02", 100, 90, 0), meal("gap-fix", "w1", "2026-03-02", 100, 100, 0),
                meal("open", "w1", "2026-03-03", 100, 90, 0), meal("late", "w1", "2026-03-04", 100, 90, 0));
        fx.clock.advance(Duration.ofDays(200));
        fx.report(meal("late-fix", "w1", "2026-03-04", 100, 100, 0)); // resolved 200 days after the others
        fx.clock.advance(Duration.ofDays(201)); // the horizon: 2026-03-11
        fx.newAlerts();
        fx.newKpis();

        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);

        assertThat(conditions()).containsExactlyInAnyOrder("MEAL_GAP:w1:2026-03-03", "MEAL_GAP:w1:2026-03-04");
        assertThat(fx.newAlerts()).isEmpty();

        fx.report(meal("gap", "w1", "2026-03-02", 100, 90, 0)); // a retry of the forgotten gap
        assertThat(fx.newDeadLetters()).hasSize(1);
        assertThat(fx.newAlerts()).as("the forgotten condition does not open again").isEmpty();
        assertThat(fx.newKpis()).isEmpty();
    }

    private List<String> conditions() {
        return TopologyFixture.keysOf(fx.alertStore());
    }
}
