package org.ruraledu.streams;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.ruraledu.config.Settings;
import org.ruraledu.records.RecordRules;
import org.ruraledu.streams.alert.AlertLifecycle;
import org.ruraledu.streams.ingest.DeadLetterCounter;
import org.ruraledu.streams.ingest.Ingest;
import org.ruraledu.streams.ingest.UnknownSchoolGrace;
import org.ruraledu.streams.kpi.Kpis;
import org.ruraledu.streams.query.QueryStoreNames;
import org.ruraledu.streams.kpi.Targets;
import org.ruraledu.streams.targets.TargetCatalog;
import org.ruraledu.streams.targets.PlanTargets;
import org.ruraledu.streams.targets.TargetSlips;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.streams.heating.Heating;
import org.ruraledu.streams.care.Care;
import org.ruraledu.streams.reporting.Reporting;

/**
 * The topology production runs: the shared foundation (school registry, ingest with dead letters, KPI
 * rollups, alert lifecycle) and one {@link Domain} per area of the plan.
 *
 * <pre>
 *  school-registry.v1 ─► school-registry-update (school-registry-store: the master) ─► dead-letters.v1 (unusable)
 *                              └─► {domain}-registry topics ─► {domain}-registry-copy ({domain}-school-registry-store)
 *                                  (one copy per domain, read in that domain's tasks only; standing figures follow it)
 *  meal-reports.v1 ─► Ingest (lookup in meals-school-registry-store) ─► Meals ─► LatestReportWins (meals-latest-report-store)
 *                      │                     ├─► Rollup (school cells ─► district cells ─► city cells) ─► KPIs ─► kpi.v1
 *                      │                     └─► conditions ─► AlertLifecycle (meals-alert-lifecycle-store,
 *                      │                                          meals-alert-open-store) ─► alerts.v1
 *                      └─► dead-letters.v1
 *  student-status.v1, enrollment.v1 ─► Ingest (lookup in dropout-school-registry-store) ─► Dropout ─► cases per
 *                      pupil (dropout-pupil-history-store, dropout-open-cases-store, wall-clock overdue check)
 *                      ─► Rollups, KPIs, AlertLifecycle (dropout-alert-lifecycle-store, dropout-alert-open-store)
 *  care-reports.v1 ─► Ingest (lookup in care-school-registry-store) ─► Care ─► LatestReportWins, care-schools
 *                      (care-schools-store) ─► Rollups (month, current), AlertLifecycle (care-alert-*-store); enrolment
 *                      followed from dropout through care-enrollment-copy (a repartition topic of care's)
 *  each domain's accepted meal reports, readings, care reports, enrolment ─► one arrival per school and period
 *                      ─► reporting-{kind}-arrivals (repartition topics of reporting's) ─► Reporting: what each school
 *                      owes and what arrived (reporting-schools-store, wall-clock deadline check) ─► Rollup
 *                      (completeness, timeliness), AlertLifecycle (REPORT_MISSING); wired last, after every owner
 * </pre>
 * Alert conditions are tracked in the task that emits them (no repartition), each domain in stores of its own.
 *
 * <p>A store shared by processors fuses them into one sub-topology, whose tasks run all of it. So no domain reads
 * the registry master: each reads its own copy, and one domain's backlog (meal reports, the bulk) does not hold up
 * another's urgent records (a dropout event).
 *
 * <p>Every KPI is judged against the plan's target catalog ({@link TargetCatalog}, validated here: a bad catalog
 * stops the start), and each rollup level's KPI changes of watched metrics go on to TARGET_SLIPPED
 * ({@link TargetSlips}, wired by the last domain, {@link PlanTargets}).
 *
 * <p>To add a domain (e.g. left-behind care): implement {@link Domain} (wiring from the {@link Foundation}, its
 * input through {@code f.ingest().forDomain(name())}, which gives it its registry copy; its targets go into the
 * catalog) and add it to {@link #domains()}. Every processor, store and internal topic is named
 * explicitly and prefixed by its domain, so adding a domain renames nothing that exists.
 */
public final class RuralEduTopology {
    private RuralEduTopology() {}

    /**
     * The domains in production, in wiring order: a domain that follows another's input (care follows dropout's
     * enrolment, reporting every owner's arrivals) comes after it, and the plan-target watch comes last, once every
     * domain has added its rollups.
     */
    public static List<Domain> domains() {
        return List.of(new Meals(), new Dropout(), new Heating(), new Care(), new Reporting(), new PlanTargets());
    }

    public static Topology buildTopology(Settings settings, Clock clock) {
        return buildTopology(settings, clock, new SimpleMeterRegistry());
    }

    /** As production runs it, counting dead letters in {@code meters}. */
    public static Topology buildTopology(Settings settings, Clock clock, MeterRegistry meters) {
        return buildTopology(settings, clock, meters, domains());
    }

    /**
     * The foundation and some of the {@link #domains()}, in the same wiring order: a test drives just the domains
     * it checks (each domain's processors, stores and topics are the same as in the whole topology), and a
     * deployment could run the urgent domains in a streams client of their own. Targets of the domains left out
     * are not judged.
     */
    public static Topology buildTopology(Settings settings, Clock clock, MeterRegistry meters, List<Domain> domains) {
        return build(settings, clock, meters, domains).topology();
    }

    /** A topology built, and where its query API finds its KPIs and alerts. */
    public record Built(Topology topology, QueryStoreNames queryStores) {}

    /** As {@link #buildTopology(Settings, Clock, MeterRegistry, List)}, with the stores the query API reads. */
    public static Built build(Settings settings, Clock clock, MeterRegistry meters, List<Domain> domains) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(StreamsProperties.of(settings))));
        Ingest ingest = new Ingest(builder, new RecordRules(clock), clock, UnknownSchoolGrace.from(settings),
                settings.get("streams.application.id"), DeadLetterCounter.micrometer(meters),
                settings.getInt("topics.partitions"));
        Targets targets = TargetCatalog.load(settings);
        Kpis kpis = Kpis.from(builder, settings, targets, clock);
        AlertLifecycle alerts = new AlertLifecycle(builder, clock, Retention.from(settings));
        Foundation foundation = new Foundation(builder, settings, clock, ingest, kpis, alerts, targets);
        domains.forEach(domain -> domain.build(foundation));
        // Once every domain has declared its metrics: a target of a metric none computes stops the start.
        Set<String> built = domains.stream().map(Domain::name).collect(Collectors.toSet());
        targets.checkMetrics(kpis.metricIds(), domains().stream().map(Domain::name)
                .filter(name -> !built.contains(name)).collect(Collectors.toSet()));
        Topology topology = builder.build();
        return new Built(topology, QueryStoreNames.of(topology.describe(), kpis.schoolKpiViews()));
    }
}
