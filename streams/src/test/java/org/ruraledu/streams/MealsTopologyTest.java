package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert.AlertState;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;
import org.ruraledu.streams.alert.AlertLifecycle;
import org.ruraledu.streams.alert.TrackedAlert;
import org.ruraledu.streams.meals.Meals;

/** School lunch through the production topology: KPIs, corrections, retries and alerts. */
class MealsTopologyTest {
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(List.of(new Meals()));
        fx.register(school("w1", "wendeng"), school("w2", "wendeng"), school("h1", "huancui"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void coverageAndIncidentsPerDistrictAndCityPerDayAndMonth() {
        fx.report(meal("r1", "w1", "2026-03-02", 100, 100, 0),
                meal("r2", "w2", "2026-03-02", 50, 40, 1),
                meal("r3", "h1", "2026-03-03", 80, 80, 0));

        Map<String, Kpi> kpis = fx.latestKpis();
        assertRatio(kpis.get("wendeng|meals.coverage|day|2026-03-02"), 140, 150, 2, KpiStatus.SLIPPED);
        assertRatio(kpis.get("wendeng|meals.coverage|month|2026-03-01"), 140, 150, 2, KpiStatus.SLIPPED);
        assertRatio(kpis.get("huancui|meals.coverage|day|2026-03-03"), 80, 80, 1, KpiStatus.MET);
        assertRatio(kpis.get("city|meals.coverage|day|2026-03-02"), 140, 150, 2, KpiStatus.SLIPPED);
        assertRatio(kpis.get("city|meals.coverage|day|2026-03-03"), 80, 80, 1, KpiStatus.MET);
        assertRatio(kpis.get("city|meals.coverage|month|2026-03-01"), 220, 230, 3, KpiStatus.SLIPPED);

        Kpi incidents = kpis.get("city|meals.food_safety_incidents|month|2026-03-01");
        assertThat(incidents.value()).isEqualTo(1.0);
        assertThat(incidents.numerator()).isNull();
        assertThat(incidents.denominator()).isNull();
        assertThat(incidents.status()).isEqualTo(KpiStatus.SLIPPED);
        assertThat(incidents.target()).isZero();
        assertThat(incidents.targetId()).isEqualTo("plan-09-food-safety");
        assertThat(incidents.schools()).isEqualTo(3);
        Kpi none = kpis.get("huancui|meals.food_safety_incidents|day|2026-03-03");
        assertThat(none.value()).isZero();
        assertThat(none.status()).isEqualTo(KpiStatus.MET);
        assertThat(kpis).doesNotContainKey("huancui|meals.coverage|day|2026-03-02");
    }

    @Test
    void correctionReplacesTheEarlierFigure() {
        fx.report(meal("r1", "w1", "2026-03-02", 100, 100, 0), meal("r2", "w2", "2026-03-02", 50, 40, 0));
        fx.newKpis();

        fx.report(meal("r2-fix", "w2", "2026-03-02", 50, 50, 0));

        Map<String, Kpi> kpis = fx.latestKpis();
        assertRatio(kpis.get("wendeng|meals.coverage|day|2026-03-02"), 150, 150, 2, KpiStatus.MET);
        assertRatio(kpis.get("city|meals.coverage|month|2026-03-01"), 150, 150, 2, KpiStatus.MET);
    }

    @Test
    void aCorrectionAfterTheSchoolMovedStaysInTheDistrictWhereTheDayWasCounted() {
        fx.report(meal("r1", "w1", "2026-03-02", 100, 90, 0));
        fx.register(school("w1", "rushan"));
        fx.newKpis();

        fx.report(meal("r1-fix", "w1", "2026-03-02", 100, 95, 0), meal("r2", "w1", "2026-03-03", 10, 10, 0));

        Map<String, Kpi> kpis = fx.latestKpis();
        assertRatio(kpis.get("wendeng|meals.coverage|day|2026-03-02"), 95, 100, 1, KpiStatus.SLIPPED);
        assertThat(kpis).doesNotContainKey("rushan|meals.coverage|day|2026-03-02");
        assertRatio(kpis.get("city|meals.coverage|day|2026-03-02"), 95, 100, 1, KpiStatus.SLIPPED);
        // A day after the move counts where the school is now.
        assertRatio(kpis.get("rushan|meals.coverage|day|2026-03-03"), 10, 10, 1, KpiStatus.MET);
        assertRatio(kpis.get("rushan|meals.coverage|month|2026-03-01"), 10, 10, 1, KpiStatus.MET);
    }

    /** How many conditions each report sends on is counted in MealAlertsTest: no topic carries them any more. */
    @Test
    void onlyConditionsThatCanChangeAnAlertGoOnToTheLifecycle() {
        fx.report(meal("ok", "w1", "2026-03-02", 100, 100, 0));
        fx.report(meal("gap", "w2", "2026-03-02", 100, 90, 0));
        fx.report(meal("gap-fix", "w2", "2026-03-02", 100, 100, 0));
        assertThat(fx.newAlerts()).extracting(kv -> kv.value.state())
                .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
    }

    @Test
    void retryChangesNothingEvenAfterACorrection() {
        fx.report(meal("r2", "w2", "2026-03-02", 50, 40, 0));
        fx.report(meal("r2", "w2", "2026-03-02", 50, 40, 0));
        assertRatio(fx.latestKpis().get("wendeng|meals.coverage|day|2026-03-02"), 40, 50, 1, KpiStatus.SLIPPED);

        fx.report(meal("r2-fix", "w2", "2026-03-02", 50, 50, 0));
        fx.newKpis();
        fx.report(meal("r2", "w2", "2026-03-02", 50, 40, 0), meal("r2-fix", "w2", "2026-03-02", 50, 50, 0));

        assertThat(fx.newKpis()).isEmpty();
        assertThat(fx.newAlerts()).extracting(kv -> kv.value.state())
                .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        assertThat(fx.kpiStore().get("wendeng|meals.coverage|day|2026-03-02"))
                .satisfies(kpi -> assertRatio(kpi, 50, 50, 1, KpiStatus.MET));
    }

    @Test
    void aCorrectedGapWithTheSameCoverageUpdatesTheAlertText() {
        fx.report(meal("a", "w1", "2026-03-02", 120, 100, 0));
        Alert open = fx.newAlerts().get(0).value;

        fx.report(meal("b", "w1", "2026-03-02", 240, 200, 0));

        List<KeyValue<String, Alert>> alerts = fx.newAlerts();
        assertThat(alerts).hasSize(1);
        Alert updated = alerts.get(0).value;
        assertThat(updated.state()).isEqualTo(AlertState.UPDATED);
        assertThat(updated.alertId()).isEqualTo(open.alertId());
        assertThat(updated.observed()).isEqualTo(open.observed());
        assertThat(updated.message().zh()).contains("40人未能就餐");
        assertThat(updated.message().en()).contains("200 of the 240", "40 went without");
        assertThat(openAlerts()).containsExactly(updated);
    }

    @Test
    void mealGapOpensOnceUpdatesAndResolvesWithTheSameAlertId() {
        fx.report(meal("a", "w1", "2026-03-02", 120, 100, 0));
        List<KeyValue<String, Alert>> opened = fx.newAlerts();
        assertThat(opened).hasSize(1);
        Alert open = opened.get(0).value;
        assertThat(opened.get(0).key).isEqualTo("wendeng");
        assertThat(open.type()).isEqualTo(AlertType.MEAL_GAP);
        assertThat(open.state()).isEqualTo(AlertState.OPEN);
        assertThat(open.severity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(open.planItem()).isEqualTo(9);
        assertThat(open.schoolId()).isEqualTo("w1");
        assertThat(open.periodStart()).isEqualTo(LocalDate.parse("2026-03-02"));
        assertThat(open.metric()).isEqualTo("meals.coverage");
        assertThat(open.observed()).isEqualTo(100.0 / 120);
        assertThat(open.threshold()).isEqualTo(1.0);
        assertThat(open.targetId()).isEqualTo("plan-09-lunch");
        assertThat(open.message().zh()).contains("午餐缺口", "文登区", "20人未能就餐", "重点项目清单第9项");
        assertThat(open.message().en()).contains("School lunch gap", "Wendeng District", "100 of the 120",
                "key-project list item 9");

        fx.clock.advance(Duration.ofHours(1));
        fx.report(meal("b", "w1", "2026-03-02", 120, 100, 0));
        assertThat(fx.newAlerts()).as("the same gap again opens nothing").isEmpty();

        fx.report(meal("c", "w1", "2026-03-02", 120, 110, 0));
        Alert updated = fx.newAlerts().get(0).value;
        assertThat(updated.state()).isEqualTo(AlertState.UPDATED);
        assertThat(updated.alertId()).isEqualTo(open.alertId());
        assertThat(updated.openedAt()).isEqualTo(open.openedAt());
        assertThat(updated.updatedAt()).isAfter(open.updatedAt());
        assertThat(openAlerts()).containsExactly(updated);

        fx.report(meal("d", "w1", "2026-03-02", 120, 120, 0));
        Alert resolved = fx.newAlerts().get(0).value;
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        assertThat(resolved.message().en()).contains("closed");
        assertThat(openAlerts()).isEmpty();

        fx.report(meal("e", "w1", "2026-03-02", 120, 90, 0));
        Alert reopened = fx.newAlerts().get(0).value;
        assertThat(reopened.state()).isEqualTo(AlertState.OPEN);
        assertThat(reopened.alertId()).as("a new life, a new alert").isNotEqualTo(open.alertId());
    }

    @Test
    void foodSafetyIncidentIsCriticalAndResolvedByACorrection() {
        fx.report(meal("a", "h1", "2026-03-03", 80, 80, 2));
        List<KeyValue<String, Alert>> alerts = fx.newAlerts();
        assertThat(alerts).hasSize(1);
        Alert incident = alerts.get(0).value;
        assertThat(alerts.get(0).key).isEqualTo("huancui");
        assertThat(incident.type()).isEqualTo(AlertType.FOOD_SAFETY_INCIDENT);
        assertThat(incident.severity()).isEqualTo(Alert.Severity.CRITICAL);
        assertThat(incident.observed()).isEqualTo(2.0);
        assertThat(incident.planItem()).isEqualTo(9);
        assertThat(incident.threshold()).isZero();
        assertThat(incident.targetId()).isEqualTo("plan-09-food-safety");
        assertThat(incident.message().zh()).contains("食品安全事件", "2起");

        fx.report(meal("b", "h1", "2026-03-03", 80, 80, 0));
        Alert resolved = fx.newAlerts().get(0).value;
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(incident.alertId());
    }

    private List<Alert> openAlerts() {
        try (var all = fx.alertStore().all()) {
            List<Alert> open = new java.util.ArrayList<>();
            all.forEachRemaining(kv -> {
                if (kv.value.open()) {
                    open.add(kv.value.latest());
                }
            });
            return open;
        }
    }

    static void assertRatio(Kpi kpi, double numerator, double denominator, long schools, KpiStatus status) {
        assertThat(kpi).isNotNull();
        assertThat(kpi.numerator()).isEqualTo(numerator);
        assertThat(kpi.denominator()).isEqualTo(denominator);
        assertThat(kpi.value()).isEqualTo(numerator / denominator);
        assertThat(kpi.schools()).isEqualTo(schools);
        assertThat(kpi.status()).isEqualTo(status);
        assertThat(kpi.target()).isEqualTo(1.0);
        assertThat(kpi.targetId()).isEqualTo("plan-09-lunch");
        assertThat(kpi.updatedAt()).isNotNull();
    }
}
