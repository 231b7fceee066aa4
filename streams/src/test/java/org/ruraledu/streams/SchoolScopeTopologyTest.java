package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.schemas.StudentStatus.DROPPED_OUT;
import static org.ruraledu.schemas.StudentStatus.RETURNED;
import static org.ruraledu.streams.DropoutInput.status;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruraledu.config.Settings;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.kpi.Kpis;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.streams.targets.PlanTargets;
import org.ruraledu.streams.targets.TargetCatalog;

/**
 * Every metric at scope {@code school:{schoolId}} too, through the production topology: each school's own figures
 * (what it reported, recounted here), in every period; corrections replace them; a school that moves district
 * keeps them; a withdrawn figure takes them away; targets judge schools only where the catalog names them, and
 * never raise TARGET_SLIPPED per school. The clock starts on 2026-03-10 (Tuesday), 10:00 in Weihai.
 */
class SchoolScopeTopologyTest {

    private static final List<Domain> LUNCH_AND_DROPOUT = List.of(new Meals(), new Dropout());

    @Test
    void eachSchoolsKpisAreItsOwnFiguresInEveryPeriodWithoutATargetOfTheirOwn() {
        try (TopologyFixture fx = new TopologyFixture(LUNCH_AND_DROPOUT)) {
            fx.register(school("w1", "wendeng"), school("w2", "wendeng"));
            List<MealReport> reports = List.of(meal("a", "w1", "2026-03-02", 100, 90, 0),
                    meal("b", "w1", "2026-03-03", 60, 60, 1), meal("c", "w2", "2026-03-03", 50, 40, 0));
            fx.report(reports.toArray(MealReport[]::new));

            for (String schoolId : List.of("w1", "w2")) {
                List<MealReport> own = reports.stream().filter(r -> r.getSchoolId().toString().equals(schoolId))
                        .toList();
                for (MealReport r : own) {
                    assertCoverage(fx, schoolId, "day", r.getDate(), List.of(r));
                }
                // 2 and 3 March: one ISO week (from Monday the 2nd), one month, the spring term (from the 2nd).
                assertCoverage(fx, schoolId, "week", LocalDate.parse("2026-03-02"), own);
                assertCoverage(fx, schoolId, "month", LocalDate.parse("2026-03-01"), own);
                assertCoverage(fx, schoolId, "term", LocalDate.parse("2026-03-02"), own);
            }
            Kpi incidents = fx.kpiStore().get("school:w1|meals.food_safety_incidents|month|2026-03-01");
            assertThat(incidents.value()).isEqualTo(1.0);
            assertThat(incidents.schools()).isEqualTo(1);
            Kpi w2 = fx.kpiStore().get("school:w2|meals.coverage|day|2026-03-03");
            assertThat(w2.status()).as("the built-in catalog names no school").isEqualTo(KpiStatus.NO_TARGET);
            assertThat(w2.targetId()).isNull();
            assertThat(fx.kpiStore().get("wendeng|meals.coverage|day|2026-03-03").status()).isEqualTo(KpiStatus.SLIPPED);
            assertThat(TopologyFixture.keysOf(fx.kpiStore())).as("a school has no figure on a day it did not report")
                    .doesNotContain("school:w2|meals.coverage|day|2026-03-02");
        }
    }

    @Test
    void aCorrectionReplacesTheSchoolsFigureAndARetryPublishesNothing() {
        try (TopologyFixture fx = new TopologyFixture(LUNCH_AND_DROPOUT)) {
            fx.register(school("w1", "wendeng"));
            fx.report(meal("a", "w1", "2026-03-02", 100, 90, 0), meal("b", "w1", "2026-03-03", 100, 100, 0));
            fx.report(meal("a-fix", "w1", "2026-03-02", 100, 98, 0));

            Map<String, Kpi> latest = fx.latestKpis();
            for (String cell : List.of("day|2026-03-02", "week|2026-03-02", "month|2026-03-01", "term|2026-03-02")) {
                Kpi kpi = latest.get("school:w1|meals.coverage|" + cell);
                double served = cell.startsWith("day") ? 98 : 198;
                double needing = cell.startsWith("day") ? 100 : 200;
                assertThat(kpi.numerator()).as(cell).isEqualTo(served);
                assertThat(kpi.denominator()).as(cell).isEqualTo(needing);
                assertThat(fx.kpiStore().get(kpi.key())).as("the store agrees with the topic").isEqualTo(kpi);
            }
            fx.report(meal("a", "w1", "2026-03-02", 100, 90, 0), meal("a-fix", "w1", "2026-03-02", 100, 98, 0));
            assertThat(fx.newKpis()).as("retries").isEmpty();
        }
    }

    /**
     * A school that moves district takes its own figures along: its scope names the school, not the district. The
     * district cells keep each day where it was counted (README: "When the registry changes"), and a standing
     * figure (an open dropout case) moves district at once while the school's own stays as it is.
     */
    @Test
    void aSchoolThatMovesKeepsItsOwnFiguresWhileTheDistrictsSplitThem() {
        try (TopologyFixture fx = new TopologyFixture(LUNCH_AND_DROPOUT)) {
            fx.register(school("w1", "wendeng"));
            fx.report(meal("a", "w1", "2026-03-02", 100, 90, 0));
            fx.send(status("d1", "w1", "ann", "2026-03-02", DROPPED_OUT).build());
            fx.register(school("w1", "rushan"));
            fx.report(meal("b", "w1", "2026-03-03", 50, 50, 0));

            Map<String, Kpi> latest = fx.latestKpis();
            assertThat(latest.get("school:w1|meals.coverage|month|2026-03-01").numerator()).isEqualTo(140);
            assertThat(latest.get("school:w1|meals.coverage|month|2026-03-01").denominator()).isEqualTo(150);
            assertThat(fx.kpiStore().get("wendeng|meals.coverage|month|2026-03-01").numerator()).isEqualTo(90);
            assertThat(fx.kpiStore().get("rushan|meals.coverage|month|2026-03-01").numerator()).isEqualTo(50);
            assertThat(fx.kpiStore().get("city|meals.coverage|month|2026-03-01").schools()).isEqualTo(1);

            String today = "|dropout.open_cases|current|2026-03-10";
            assertThat(fx.kpiStore().get("rushan" + today).value()).as("the open case moved").isEqualTo(1.0);
            assertThat(fx.kpiStore().get("wendeng" + today).value()).isZero();
            assertThat(fx.kpiStore().get("school:w1" + today).value()).isEqualTo(1.0);
            assertThat(fx.kpiStore().get("school:w1" + today).schools()).isEqualTo(1);
        }
    }

    /** The school's last open case closes: it has no standing figure left, so its current KPIs are tombstoned. */
    @Test
    void aSchoolWithNoFigureLeftHasItsKpisTakenAway() {
        try (TopologyFixture fx = new TopologyFixture(LUNCH_AND_DROPOUT)) {
            fx.register(school("w1", "wendeng"));
            fx.send(status("d1", "w1", "ann", "2026-03-04", DROPPED_OUT).build());
            String open = "school:w1|dropout.open_cases|current|2026-03-10";
            assertThat(fx.latestKpis().get(open).value()).isEqualTo(1.0);

            fx.send(status("d2", "w1", "ann", "2026-03-09", RETURNED).build());

            List<KeyValue<String, Kpi>> published = fx.newKpis();
            assertThat(published).filteredOn(kv -> kv.key.equals(open)).extracting(kv -> kv.value)
                    .as("tombstoned").containsExactly((Kpi) null);
            assertThat(TopologyFixture.keysOf(fx.kpiStore())).filteredOn(key -> key.startsWith("school:w1|"))
                    .noneMatch(key -> key.contains("|current|"))
                    .contains("school:w1|dropout.new_cases|day|2026-03-04", "school:w1|dropout.returned|day|2026-03-09");
            assertThat(fx.kpiStore().get("wendeng|dropout.open_cases|current|2026-03-10").value())
                    .as("the district's figure is 0, not gone").isZero();
            assertThat(fx.kpiStore().get("school:w1|dropout.returned|month|2026-03-01").value()).isEqualTo(1.0);
        }
    }

    /**
     * An operator's catalog with a target for every school ({@code school:*}) beside the districts' and city's: a
     * school's KPI is judged against it, but no TARGET_SLIPPED is raised per school (each domain alerts per school
     * already); the districts' alerts are raised as always.
     */
    @Test
    void aTargetNamingSchoolScopesJudgesSchoolsButRaisesNoAlertPerSchool(@TempDir Path dir) throws IOException {
        Path catalog = dir.resolve("targets.json");
        Files.writeString(catalog, """
                {"version": 1, "targets": [
                  {"id": "lunch", "planItem": 9, "plan": {"zh": "午餐全覆盖", "en": "lunch for all"},
                   "metric": "meals.coverage", "comparison": "AT_LEAST", "threshold": 1.0, "deadline": "2023-12-31"},
                  {"id": "lunch-schools", "planItem": 9, "plan": {"zh": "每校午餐", "en": "lunch in every school"},
                   "metric": "meals.coverage", "scopes": ["school:*"], "comparison": "AT_LEAST", "threshold": 0.9,
                   "deadline": "2023-12-31"},
                  {"id": "lunch-w2", "planItem": 9, "plan": {"zh": "w2午餐", "en": "lunch in w2"},
                   "metric": "meals.coverage", "scopes": ["school:w2"], "comparison": "AT_LEAST", "threshold": 0.95,
                   "deadline": "2024-12-31"}
                ]}
                """);
        try (TopologyFixture fx = new TopologyFixture(List.of(new Meals(), new Dropout(), new PlanTargets()), Map.of(TargetCatalog.FILE_SETTING, catalog.toString()))) {
            fx.register(school("w1", "wendeng"), school("w2", "wendeng"));
            fx.report(meal("a", "w1", "2026-03-02", 100, 80, 0), meal("b", "w2", "2026-03-02", 100, 92, 0));

            Kpi w1 = fx.kpiStore().get("school:w1|meals.coverage|month|2026-03-01");
            assertThat(w1.targetId()).isEqualTo("lunch-schools");
            assertThat(w1.status()).isEqualTo(KpiStatus.SLIPPED); // 0.80 < 0.9
            Kpi w2 = fx.kpiStore().get("school:w2|meals.coverage|month|2026-03-01");
            assertThat(w2.targetId()).as("the later target of the two that name it").isEqualTo("lunch-w2");
            assertThat(w2.status()).isEqualTo(KpiStatus.SLIPPED); // 0.92 < 0.95
            assertThat(fx.kpiStore().get("wendeng|meals.coverage|month|2026-03-01").targetId()).isEqualTo("lunch");

            assertThat(fx.newAlerts()).filteredOn(kv -> kv.value.type() == AlertType.TARGET_SLIPPED)
                    .extracting(kv -> kv.value.district())
                    .containsExactlyInAnyOrder("wendeng", "city");
        }
    }

    /**
     * The schools' KPIs are kept nowhere as KPI records: the query API computes them from the school entries. What it
     * answers is what the compacted topic keeps (the latest record per key, tombstones removing keys), key for key and
     * figure for figure, through corrections, a move, a case opened and closed, and a new day's re-stamp.
     */
    @Test
    void theQueryApiAnswersForEachSchoolWhatTheCompactedTopicKeeps() {
        try (TopologyFixture fx = new TopologyFixture(LUNCH_AND_DROPOUT)) {
            Map<String, Kpi> topic = new TreeMap<>();
            fx.register(school("w1", "wendeng"), school("w2", "wendeng"), school("r1", "rushan"));
            fx.report(meal("w1-2", "w1", "2026-03-02", 100, 90, 0), meal("w1-3", "w1", "2026-03-03", 100, 95, 1),
                    meal("w2-2", "w2", "2026-03-02", 40, 40, 0), meal("r1-9", "r1", "2026-03-09", 70, 35, 0));
            fx.send(status("d1", "w1", "ann", "2026-03-04", DROPPED_OUT).build());
            fx.send(status("d2", "r1", "bob", "2026-03-05", DROPPED_OUT).build());
            fx.report(meal("w1-3-fix", "w1", "2026-03-03", 100, 99, 0));
            fx.register(school("w2", "rushan"));
            fx.report(meal("w2-9", "w2", "2026-03-09", 40, 30, 0));
            fx.send(status("d3", "w1", "ann", "2026-03-09", RETURNED).build());
            keep(topic, fx.newKpis());
            assertSchoolKpisAgree(fx, topic);
            assertThat(topic.get("school:w1|meals.coverage|month|2026-03-01").numerator()).isEqualTo(90 + 99);
            assertThat(topic.get("school:w2|meals.coverage|week|2026-03-09").numerator()).isEqualTo(30);
            assertThat(topic).containsKey("school:r1|dropout.open_cases|current|2026-03-10")
                    .doesNotContainKey("school:w1|dropout.open_cases|current|2026-03-10");

            fx.clock.advance(Duration.ofDays(1));
            fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
            keep(topic, fx.newKpis());

            assertThat(topic).as("re-stamped under the new day").containsKey("school:r1|dropout.open_cases|current|2026-03-11")
                    .doesNotContainKey("school:r1|dropout.open_cases|current|2026-03-10");
            assertSchoolKpisAgree(fx, topic);
        }
    }

    private static void keep(Map<String, Kpi> topic, List<KeyValue<String, Kpi>> records) {
        records.forEach(kv -> {
            if (kv.value == null) {
                topic.remove(kv.key);
            } else {
                topic.put(kv.key, kv.value);
            }
        });
    }

    /** The query API's school KPIs equal the topic's, but for {@code updatedAt}. */
    private static void assertSchoolKpisAgree(TopologyFixture fx, Map<String, Kpi> topic) {
        Map<String, Kpi> onTopic = new TreeMap<>();
        topic.forEach((key, kpi) -> {
            if (key.startsWith("school:")) {
                onTopic.put(key, kpi);
            }
        });
        Map<String, Kpi> queried = new TreeMap<>();
        try (KeyValueIterator<String, Kpi> all = fx.kpiStore().prefixScan("school:", Serdes.String().serializer())) {
            all.forEachRemaining(kv -> queried.put(kv.key, kv.value));
        }
        assertThat(queried.keySet()).isEqualTo(onTopic.keySet());
        onTopic.forEach((key, kpi) -> {
            assertThat(queried.get(key)).as(key).usingRecursiveComparison().ignoringFields("updatedAt").isEqualTo(kpi);
            assertThat(fx.kpiStore().get(key)).as(key).isEqualTo(queried.get(key));
        });
    }

    @Test
    void schoolScopesSwitchedOffLeaveDistrictsAndCityAlone() {
        try (TopologyFixture fx = new TopologyFixture(LUNCH_AND_DROPOUT, Map.of(Kpis.SCHOOL_SCOPE, "false"))) {
            fx.register(school("w1", "wendeng"));
            fx.report(meal("a", "w1", "2026-03-02", 100, 90, 0));
            Map<String, Kpi> latest = fx.latestKpis();
            assertThat(latest).isNotEmpty().noneSatisfy((key, kpi) -> assertThat(key).startsWith("school:"));
            assertThat(latest.get("wendeng|meals.coverage|term|2026-03-02").numerator()).isEqualTo(90);
        }
        TopologyDescription off = RuralEduTopology.buildTopology(Settings.defaults().with(Map.of(
                "streams.application.id", "off", Kpis.SCHOOL_SCOPE, "false")), Clock.systemUTC()).describe();
        assertThat(off.toString()).doesNotContain("-school-kpi");
    }

    private static void assertCoverage(TopologyFixture fx, String schoolId, String period, LocalDate start,
            List<MealReport> own) {
        Kpi kpi = fx.kpiStore().get("school:" + schoolId + "|meals.coverage|" + period + "|" + start);
        String cell = schoolId + " " + period + " " + start;
        assertThat(kpi).as(cell).isNotNull();
        assertThat(kpi.scope()).isEqualTo("school:" + schoolId);
        assertThat(kpi.numerator()).as(cell).isEqualTo(own.stream().mapToDouble(MealReport::getServed).sum());
        assertThat(kpi.denominator()).as(cell).isEqualTo(own.stream().mapToDouble(MealReport::getNeeding).sum());
        assertThat(kpi.schools()).as(cell).isEqualTo(1);
    }
}
