package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.schemas.StudentStatus.DROPPED_OUT;
import static org.ruraledu.streams.DropoutInput.status;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert.AlertState;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.alert.AlertLifecycle;
import org.ruraledu.streams.alert.TrackedAlert;
import org.ruraledu.streams.kpi.Kpis;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.meals.Meals;

/**
 * Day-bound alerts end: a MEAL_GAP or FOOD_SAFETY_INCIDENT about a school day closes by itself once the day's
 * correction window ({@code meals.correction.window.days}, 3 here) has passed, saying it was not corrected; the
 * figures stay in the KPIs, and the condition never opens again. Clock: Tuesday 2026-03-10 in Weihai.
 */
class MealAlertExpiryTest {
    private final TopologyFixture fx = new TopologyFixture(List.of(new Meals(), new Dropout()), Map.of(Meals.CORRECTION_WINDOW_DAYS, "3"));

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void anUncorrectedGapClosesByItselfAfterTheWindowAndTheGapStaysInTheKpis() {
        fx.register(school("w1", "wendeng"));
        fx.report(meal("r9", "w1", "2026-03-09", 100, 90, 2)); // last day to correct: 03-12
        assertThat(fx.newAlerts()).extracting(kv -> kv.value.type())
                .containsExactlyInAnyOrder(AlertType.MEAL_GAP, AlertType.FOOD_SAFETY_INCIDENT);
        fx.newKpis();

        fx.clock.advance(Duration.ofDays(2)); // 03-12: still within the window
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        assertThat(fx.newAlerts()).isEmpty();

        fx.clock.advance(Duration.ofDays(1)); // 03-13
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);

        List<Alert> closed = values(fx.newAlerts());
        assertThat(closed).extracting(Alert::state).containsOnly(AlertState.RESOLVED).hasSize(2);
        assertThat(closed).extracting(Alert::type)
                .containsExactlyInAnyOrder(AlertType.MEAL_GAP, AlertType.FOOD_SAFETY_INCIDENT);
        Alert gap = closed.stream().filter(a -> a.type() == AlertType.MEAL_GAP).findFirst().orElseThrow();
        assertThat(gap.alertId()).isEqualTo("MEAL_GAP:w1:2026-03-09:1");
        assertThat(gap.observed()).isEqualTo(0.9);
        assertThat(gap.message().en()).contains("not corrected", "3-day correction window", "stays in the KPIs");
        assertThat(gap.message().zh()).contains("未更正", "3天");
        assertThat(fx.newKpis()).as("the figures stay").isEmpty();
        Kpi coverage = kpiStore().get(Kpi.key("wendeng", "meals.coverage", "day", LocalDate.parse("2026-03-09")));
        assertThat(coverage.numerator()).isEqualTo(90);
        assertThat(open()).isEmpty();

        fx.report(meal("r9-late", "w1", "2026-03-09", 100, 95, 1)); // a correction after the window, still a gap
        assertThat(fx.newAlerts()).as("the condition never opens again").isEmpty();
        assertThat(kpiStore().get(Kpi.key("wendeng", "meals.coverage", "day", LocalDate.parse("2026-03-09")))
                .numerator()).as("the KPIs take it").isEqualTo(95);
    }

    @Test
    void aReportOfADayPastItsWindowCountsButOpensNoAlert() {
        fx.register(school("w1", "wendeng"));
        fx.report(meal("r5", "w1", "2026-03-05", 100, 80, 0)); // last day to correct: 03-08

        assertThat(fx.newAlerts()).isEmpty();
        assertThat(kpiStore().get(Kpi.key("wendeng", "meals.coverage", "day", LocalDate.parse("2026-03-05")))
                .value()).isEqualTo(0.8);
    }

    @Test
    void openAlertsAreBoundedByTheWindowWhileCaseAlertsStayOpen() {
        fx.register(school("w1", "wendeng"));
        fx.send(status("d1", "w1", "ann", "2026-03-09", DROPPED_OUT).build());
        for (int day = 0; day < 30; day++) {
            LocalDate date = LocalDate.parse("2026-03-10").plusDays(day);
            fx.report(meal("gap-" + date, "w1", date.toString(), 100, 99, 0));
            fx.clock.advance(Duration.ofDays(1));
            fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        }
        // Today 04-09: the gaps of 04-06..04-08 (and 04-09, not yet reported) are within the window.
        assertThat(open()).filteredOn(key -> key.startsWith("MEAL_GAP"))
                .containsExactlyInAnyOrder("MEAL_GAP:w1:2026-04-06", "MEAL_GAP:w1:2026-04-07",
                        "MEAL_GAP:w1:2026-04-08");
        assertThat(open()).filteredOn(key -> key.startsWith("DROPOUT_DETECTED")).hasSize(1);
    }

    private ReadOnlyKeyValueStore<String, Kpi> kpiStore() {
        return fx.kpiStore();
    }

    /** The keys of the open-alerts index. */
    private List<String> open() {
        return TopologyFixture.keysOf(fx.openAlertStore());
    }

    private static List<Alert> values(List<KeyValue<String, Alert>> records) {
        return records.stream().map(kv -> kv.value).toList();
    }
}
