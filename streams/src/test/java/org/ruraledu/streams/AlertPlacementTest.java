package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.streams.alert.AlertLifecycle;
import org.ruraledu.streams.care.Care;
import org.ruraledu.streams.reporting.Reporting;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.heating.Heating;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.streams.query.QueryStoreNames;

/**
 * Where alerts are tracked, read from the production topology: in the task that emits their conditions (no
 * repartition, which cost more bytes than all the input), each domain in stores of its own (a shared store fuses
 * the domains' tasks, and urgent dropout alerts wait behind a backlog of meal reports).
 */
class AlertPlacementTest {
    private static final TopologyDescription TOPOLOGY = RuralEduTopology.buildTopology(
            Settings.defaults().with(Map.of("streams.application.id", "placement")), Clock.systemUTC()).describe();

    @Test
    void noAlertConditionGoesThroughARepartitionTopic() {
        for (String domain : List.of(Meals.NAME, Dropout.NAME, Heating.NAME)) {
            assertThat(sourceTopicsUpstreamOf(lifecycle(domain))).as(domain).isNotEmpty()
                    .noneMatch(topic -> topic.endsWith("-repartition"));
        }
    }

    /** With no repartition between them, the emitter and the lifecycle are one task: the emitter's order holds. */
    @Test
    void eachDomainsConditionsAreTrackedInTheTaskThatEmitsThem() {
        assertThat(namesUpstreamOf(lifecycle(Meals.NAME))).contains("meals-latest-report");
        // A case withdrawn before the case that replaces it opens: the tracker's order is the alerts' order.
        assertThat(namesUpstreamOf(lifecycle(Dropout.NAME))).contains("dropout-cases");
        // A room's conditions in the order its runs decided them.
        assertThat(namesUpstreamOf(lifecycle(Heating.NAME))).contains("heating-room-watch");
        // A school's months judged in its task, in the order its reports arrive.
        assertThat(namesUpstreamOf(lifecycle(Care.NAME))).contains("care-schools", "care-latest-report");
        // A school's deadlines closed in its task of reporting (its arrivals come through topics of reporting's).
        assertThat(namesUpstreamOf(lifecycle(Reporting.NAME))).contains("reporting-schools");
    }

    @Test
    void mealsAndDropoutAlertsAreTrackedInStoresOfTheirOwn() {
        assertThat(lifecycle(Meals.NAME).stores())
                .containsExactlyInAnyOrder("meals-alert-lifecycle-store", "meals-alert-open-store");
        assertThat(lifecycle(Dropout.NAME).stores())
                .containsExactlyInAnyOrder("dropout-alert-lifecycle-store", "dropout-alert-open-store");
        assertThat(lifecycle(Heating.NAME).stores())
                .containsExactlyInAnyOrder("heating-alert-lifecycle-store", "heating-alert-open-store");
        assertThat(processors()).filteredOn(p -> !p.name().endsWith("-alert-lifecycle"))
                .allSatisfy(p -> assertThat(p.stores()).as(p.name()).noneMatch(s -> s.contains("-alert-")));

        QueryStoreNames queried = QueryStoreNames.of(TOPOLOGY, List.of());
        assertThat(queried.alerts()).containsExactlyInAnyOrderElementsOf(concat(List.of(
                AlertLifecycle.storeName(Meals.NAME), AlertLifecycle.storeName(Dropout.NAME),
                AlertLifecycle.storeName(Heating.NAME), AlertLifecycle.storeName(Care.NAME),
                AlertLifecycle.storeName(Reporting.NAME)),
                TARGET_LEVELS.stream().map(AlertLifecycle::storeName).toList()));
        assertThat(queried.openAlerts()).containsExactlyInAnyOrderElementsOf(concat(List.of(
                AlertLifecycle.openStoreName(Meals.NAME), AlertLifecycle.openStoreName(Dropout.NAME),
                AlertLifecycle.openStoreName(Heating.NAME), AlertLifecycle.openStoreName(Care.NAME),
                AlertLifecycle.openStoreName(Reporting.NAME)),
                TARGET_LEVELS.stream().map(AlertLifecycle::openStoreName).toList()));
        assertThat(lifecycle(Care.NAME).stores())
                .containsExactlyInAnyOrder("care-alert-lifecycle-store", "care-alert-open-store");
        assertThat(lifecycle(Reporting.NAME).stores())
                .containsExactlyInAnyOrder("reporting-alert-lifecycle-store", "reporting-alert-open-store");
    }

    /**
     * TARGET_SLIPPED is judged per rollup level whose KPIs drive a target's alerts, each with its own watch and
     * lifecycle: a scope's successive periods come to one task through one repartition by scope (its cells are
     * partitioned by cell), of KPI changes, not of reports; and no store joins two rollups' or levels' work.
     */
    @Test
    void targetSlipsAreTrackedPerRollupLevelInStoresOfTheirOwnAfterOneRepartitionByScope() {
        for (String level : TARGET_LEVELS) {
            String prefix = level.substring(0, level.length() - "-targets".length());
            assertThat(lifecycle(level).stores()).containsExactlyInAnyOrder(level + "-alert-lifecycle-store",
                    level + "-alert-open-store");
            assertThat(namesUpstreamOf(lifecycle(level))).contains(prefix + "-target-watch");
            assertThat(sourceTopicsUpstreamOf(lifecycle(level))).containsExactly(
                    prefix + "-target-watch-repartition");
            TopologyDescription.Processor watch = processors().stream()
                    .filter(p -> p.name().equals(prefix + "-target-watch")).findFirst().orElseThrow();
            assertThat(watch.stores()).containsExactly(prefix + "-target-watch-store");
        }
        // The watch's store and the lifecycle's are the only stores of their sub-topology: it joins no rollup's.
        for (TopologyDescription.Subtopology sub : TOPOLOGY.subtopologies()) {
            boolean watches = sub.nodes().stream().anyMatch(n -> n.name().endsWith("-target-watch"));
            if (watches) {
                assertThat(sub.nodes()).filteredOn(TopologyDescription.Processor.class::isInstance)
                        .flatExtracting(n -> ((TopologyDescription.Processor) n).stores())
                        .allMatch(s -> s.contains("-target-watch-store") || s.contains("-targets-alert-"));
            }
        }
    }

    private static final List<String> TARGET_LEVELS = List.of("meals-district-targets", "meals-city-targets",
            "dropout-standing-district-targets", "dropout-standing-city-targets", "heating-district-targets",
            "heating-city-targets", "heating-energy-district-targets", "heating-energy-city-targets",
            "care-standing-district-targets", "care-standing-city-targets", "reporting-district-targets",
            "reporting-city-targets");

    private static List<String> concat(List<String> a, List<String> b) {
        return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
    }

    private static TopologyDescription.Processor lifecycle(String domain) {
        return processors().stream().filter(p -> p.name().equals(domain + "-alert-lifecycle")).findFirst()
                .orElseThrow(() -> new AssertionError("no " + domain + "-alert-lifecycle"));
    }

    private static List<TopologyDescription.Processor> processors() {
        return TOPOLOGY.subtopologies().stream().flatMap(s -> s.nodes().stream())
                .filter(TopologyDescription.Processor.class::isInstance).map(TopologyDescription.Processor.class::cast)
                .toList();
    }

    /** The topics read by the sources that feed {@code node} within its sub-topology. */
    private static Set<String> sourceTopicsUpstreamOf(TopologyDescription.Node node) {
        Set<String> topics = new TreeSet<>();
        upstreamOf(node).forEach(n -> {
            if (n instanceof TopologyDescription.Source source) {
                topics.addAll(source.topicSet());
            }
        });
        return topics;
    }

    private static Set<String> namesUpstreamOf(TopologyDescription.Node node) {
        Set<String> names = new TreeSet<>();
        upstreamOf(node).forEach(n -> names.add(n.name()));
        return names;
    }

    /** Every node {@code node} is fed from, itself included (a repartition topic ends the walk at its source). */
    private static Set<TopologyDescription.Node> upstreamOf(TopologyDescription.Node node) {
        Set<TopologyDescription.Node> seen = new HashSet<>();
        Deque<TopologyDescription.Node> todo = new ArrayDeque<>(List.of(node));
        while (!todo.isEmpty()) {
            TopologyDescription.Node next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(next.predecessors());
            }
        }
        return seen;
    }
}
