package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.TestOutputTopic;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.contract.Json;
import org.ruraledu.streams.query.KpiView;
import org.ruraledu.topics.Topics;

/** What dashboards and upgrades depend on: the KPI JSON shape and the names inside the topology. */
class TopologyShapeTest {

    @Test
    void kpiJsonIsExactlyTheContractsShape() throws Exception {
        try (TopologyFixture fx = new TopologyFixture()) {
            TestOutputTopic<String, String> raw = fx.driver.createOutputTopic(Topics.KPIS.name(),
                    new StringDeserializer(), new StringDeserializer());
            fx.register(school("w1", "wendeng"));
            fx.report(meal("r1", "w1", "2026-03-02", 4, 3, 0));

            JsonNode kpi = Json.MAPPER.readTree(raw.readKeyValuesToMap().get("wendeng|meals.coverage|day|2026-03-02"));
            List<String> fields = new ArrayList<>();
            kpi.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("scope", "metric", "period", "periodStart", "value", "numerator",
                    "denominator", "target", "targetId", "status", "schools", "updatedAt");
            assertThat(kpi).isEqualTo(Json.MAPPER.readTree("""
                    {"scope":"wendeng","metric":"meals.coverage","period":"day","periodStart":"2026-03-02",
                     "value":0.75,"numerator":3.0,"denominator":4.0,"target":1.0,"targetId":"plan-09-lunch",
                     "status":"SLIPPED","schools":1,"updatedAt":"2026-03-10T02:00:00Z"}"""));
        }
    }

    @Test
    void everyProcessorStoreAndInternalTopicIsNamed() {
        Settings settings = Settings.defaults().with(Map.of("streams.application.id", "naming"));
        TopologyDescription description = RuralEduTopology.buildTopology(settings, Clock.systemUTC()).describe();

        assertThat(description.toString()).doesNotContain("KSTREAM-", "KTABLE-");
        List<String> stores = new ArrayList<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Processor p) {
                stores.addAll(p.stores());
            }
        }));
        description.globalStores().forEach(g -> stores.addAll(g.processor().stores()));
        assertThat(stores).containsOnly("school-registry-store", "meals-school-registry-store",
                "dropout-school-registry-store", "meal-reports-awaiting-school-store",
                "student-status-awaiting-school-store", "enrollment-awaiting-school-store",
                "meals-latest-report-store",
                "meals-rollup-schools-store", "meals-district-rollup-store", "meals-city-rollup-store",
                "meals-district-kpi-store", "meals-city-kpi-store",
                "meals-alert-lifecycle-store", "meals-alert-open-store",
                "dropout-alert-lifecycle-store", "dropout-alert-open-store",
                "dropout-pupil-history-store", "dropout-open-cases-store", "dropout-enrollment-latest-report-store",
                "dropout-standing-rollup-schools-store", "dropout-standing-district-rollup-store",
                "dropout-standing-city-rollup-store", "dropout-standing-district-kpi-store",
                "dropout-standing-city-kpi-store",
                "dropout-flow-rollup-schools-store", "dropout-flow-district-rollup-store",
                "dropout-flow-city-rollup-store", "dropout-flow-district-kpi-store", "dropout-flow-city-kpi-store",
                "dropout-standing-by-school-store", "dropout-flow-counted-figures-store",
                "heating-school-registry-store", "climate-readings-awaiting-school-store",
                "heating-reading-ids-store", "heating-summed-figures-store", "heating-energy-month-store",
                "heating-rollup-schools-store", "heating-district-rollup-store", "heating-city-rollup-store",
                "heating-district-kpi-store", "heating-city-kpi-store",
                "heating-energy-rollup-schools-store", "heating-energy-district-rollup-store",
                "heating-energy-city-rollup-store", "heating-energy-district-kpi-store",
                "heating-energy-city-kpi-store",
                "heating-room-runs-store", "heating-alert-lifecycle-store", "heating-alert-open-store",
                "care-school-registry-store", "care-reports-awaiting-school-store",
                "care-enrollment-copy-awaiting-school-store", "care-latest-report-store",
                "care-enrollment-latest-report-store", "care-schools-store", "care-fallback-counted-figures-store",
                "care-rollup-schools-store", "care-district-rollup-store", "care-city-rollup-store",
                "care-district-kpi-store", "care-city-kpi-store",
                "care-standing-by-school-store", "care-standing-rollup-schools-store",
                "care-standing-district-rollup-store", "care-standing-city-rollup-store",
                "care-standing-district-kpi-store", "care-standing-city-kpi-store",
                "care-alert-lifecycle-store", "care-alert-open-store",
                // TARGET_SLIPPED: per rollup and level whose KPIs drive a target's alerts
                "meals-district-target-watch-store", "meals-district-targets-alert-lifecycle-store",
                "meals-district-targets-alert-open-store", "meals-city-target-watch-store",
                "meals-city-targets-alert-lifecycle-store", "meals-city-targets-alert-open-store",
                "dropout-standing-district-target-watch-store",
                "dropout-standing-district-targets-alert-lifecycle-store",
                "dropout-standing-district-targets-alert-open-store", "dropout-standing-city-target-watch-store",
                "dropout-standing-city-targets-alert-lifecycle-store",
                "dropout-standing-city-targets-alert-open-store", "heating-district-target-watch-store",
                "heating-district-targets-alert-lifecycle-store", "heating-district-targets-alert-open-store",
                "heating-city-target-watch-store", "heating-city-targets-alert-lifecycle-store",
                "heating-city-targets-alert-open-store", "heating-energy-district-target-watch-store",
                "heating-energy-district-targets-alert-lifecycle-store",
                "heating-energy-district-targets-alert-open-store", "heating-energy-city-target-watch-store",
                "heating-energy-city-targets-alert-lifecycle-store", "heating-energy-city-targets-alert-open-store",
                "care-standing-district-target-watch-store", "care-standing-district-targets-alert-lifecycle-store",
                "care-standing-district-targets-alert-open-store", "care-standing-city-target-watch-store",
                "care-standing-city-targets-alert-lifecycle-store", "care-standing-city-targets-alert-open-store",
                "reporting-district-target-watch-store", "reporting-district-targets-alert-lifecycle-store",
                "reporting-district-targets-alert-open-store", "reporting-city-target-watch-store",
                "reporting-city-targets-alert-lifecycle-store", "reporting-city-targets-alert-open-store",
                // reporting: one arrival per school and period, made in each owner's task (a store of reporting's there)
                "reporting-meal-reports-arrivals-seen-store", "reporting-climate-readings-arrivals-seen-store",
                "reporting-care-reports-arrivals-seen-store", "reporting-enrollment-arrivals-seen-store",
                "reporting-school-registry-store", "reporting-schools-store", "reporting-counted-figures-store",
                "reporting-rollup-schools-store", "reporting-district-rollup-store", "reporting-city-rollup-store",
                "reporting-district-kpi-store", "reporting-city-kpi-store",
                "reporting-alert-lifecycle-store", "reporting-alert-open-store");
        // (Each school's own KPIs, scope school:{schoolId}, have no store: computed from {rollup}-rollup-schools-store.)
        // Exactly these: each costs a write and a read of every record through it. Input is keyed by school, so
        // dropout events need none to reach their pupil's history, nor alert conditions their lifecycle; the registry
        // copies carry registry updates only.
        List<String> repartitions = new ArrayList<>();
        description.subtopologies().forEach(s -> s.nodes().forEach(n -> {
            if (n instanceof TopologyDescription.Sink sink && sink.topic().endsWith("-repartition")) {
                repartitions.add(sink.topic());
            }
        }));
        assertThat(repartitions).containsExactlyInAnyOrder("meals-registry-repartition",
                "dropout-registry-repartition", "heating-registry-repartition",
                "meals-district-rollup-repartition", "meals-city-rollup-repartition",
                "dropout-standing-district-rollup-repartition", "dropout-standing-city-rollup-repartition",
                "dropout-flow-district-rollup-repartition", "dropout-flow-city-rollup-repartition",
                "heating-district-rollup-repartition", "heating-city-rollup-repartition",
                "heating-energy-district-rollup-repartition", "heating-energy-city-rollup-repartition",
                // care follows dropout's enrolment through one topic of its own (low volume)
                "care-registry-repartition", "care-enrollment-copy-repartition",
                "care-district-rollup-repartition", "care-city-rollup-repartition",
                "care-standing-district-rollup-repartition", "care-standing-city-rollup-repartition",
                // TARGET_SLIPPED: a scope's KPI changes of watched metrics (few), to one task per scope
                "meals-district-target-watch-repartition", "meals-city-target-watch-repartition",
                "dropout-standing-district-target-watch-repartition",
                "dropout-standing-city-target-watch-repartition", "heating-district-target-watch-repartition",
                "heating-city-target-watch-repartition", "heating-energy-district-target-watch-repartition",
                "heating-energy-city-target-watch-repartition", "care-standing-district-target-watch-repartition",
                "care-standing-city-target-watch-repartition", "reporting-district-target-watch-repartition",
                "reporting-city-target-watch-repartition",
                // reporting reads arrival facts (at most one per school and period), never the input itself
                "reporting-registry-repartition", "reporting-meal-reports-arrivals-repartition",
                "reporting-climate-readings-arrivals-repartition", "reporting-care-reports-arrivals-repartition",
                "reporting-enrollment-arrivals-repartition",
                "reporting-district-rollup-repartition", "reporting-city-rollup-repartition");
    }

    /**
     * A school's own KPIs come from what its rollup's first level keeps, in the school's task: the school KPI
     * processor shares a sub-topology with {@code {rollup}-rollup-schools} (no repartition between them) and has no
     * store; the query API computes them from {@code {rollup}-rollup-schools-store}.
     */
    @Test
    void schoolKpisAreComputedInTheSchoolsTaskWithoutARepartition() {
        Settings settings = Settings.defaults().with(Map.of("streams.application.id", "naming"));
        RuralEduTopology.Built built = RuralEduTopology.build(settings, Clock.systemUTC(), new SimpleMeterRegistry(),
                RuralEduTopology.domains());
        TopologyDescription description = built.topology().describe();
        List<String> rollups = List.of("meals", "dropout-standing", "dropout-flow", "heating", "heating-energy",
                "care", "care-standing", "reporting");
        for (String rollup : rollups) {
            TopologyDescription.Subtopology sub = description.subtopologies().stream()
                    .filter(s -> s.nodes().stream().anyMatch(n -> n.name().equals(rollup + "-school-kpi")))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + rollup + "-school-kpi"));
            assertThat(sub.nodes()).extracting(TopologyDescription.Node::name).as(rollup)
                    .contains(rollup + "-rollup-schools", rollup + "-rollup-school-cells", rollup + "-school-kpi-sink");
            TopologyDescription.Processor kpis = (TopologyDescription.Processor) sub.nodes().stream()
                    .filter(n -> n.name().equals(rollup + "-school-kpi")).findFirst().orElseThrow();
            assertThat(kpis.stores()).as(rollup).isEmpty();
        }
        assertThat(built.queryStores().kpiViews()).extracting(KpiView::storeName)
                .containsExactlyInAnyOrderElementsOf(rollups.stream().map(r -> r + "-rollup-schools-store").toList());
    }
}
