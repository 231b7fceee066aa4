package org.ruraledu.streams.care;

import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.records.InputKind;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.serde.StateSerde;
import org.ruraledu.streams.Domain;
import org.ruraledu.streams.Foundation;
import org.ruraledu.streams.Retention;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.ingest.DomainIngest;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.kpi.CountedFigures;
import org.ruraledu.streams.kpi.Counts;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.FigureUpdate;
import org.ruraledu.streams.kpi.Period;
import org.ruraledu.streams.kpi.Target;
import org.ruraledu.streams.revision.LatestReportWins;
import org.ruraledu.streams.revision.Revision;

/**
 * Care for left-behind children (留守儿童关爱), plan items 38 (care rooms, 关爱室, everywhere by 2025) and 1 (parent
 * schools, 家长学校): monthly care reports, the latest per school and month winning; contact coverage, care-room
 * coverage, home visits, counselling and parent sessions per district and city, per month and {@code current}
 * (each school's latest reported month); CARE_ROOM_MISSING per school.
 *
 * <pre>
 *  care-reports.v1 ─► Ingest (care-school-registry-store) ─► care-room-rule ─► LatestReportWins (care-latest-report-store)
 *          ├─► month figures ─────────────────────────────────────────────┬─► Rollup care (month)
 *          └─► care-schools (care-schools-store) ─► fallback figures ─► CountedFigures (care-fallback-counted-figures-store)
 *  enrollment.v1 (read by dropout) ─► care-enrollment-copy (repartition) ─► admission against care's registry copy
 *          ─► LatestReportWins (care-enrollment-latest-report-store) ─► care-schools
 *  care registry copy changes ─► care-schools ─► current figures ─► Rollup care-standing (current)
 *                                            └─► conditions ─► AlertLifecycle (care-alert-lifecycle-store, care-alert-open-store)
 * </pre>
 *
 * <p>Enrolment is Dropout's input; Care follows it ({@link DomainIngest#follow}), so the two domains run in tasks
 * of their own. Dropout must be wired first.
 */
public final class Care implements Domain {
    public static final String NAME = "care";
    static final String LEFT_BEHIND = "leftBehindRegistered";

    private static final LatestReportWins.Spec<MonthlyReport> REPORTS = new LatestReportWins.Spec<>(NAME,
            monthly -> monthly.report().getReportId(), MonthlyReport::month, CareKpis::counts);
    /** The latest {@code asOf} wins, as in Dropout: a late older head count does not replace a newer one. */
    private static final LatestReportWins.Spec<EnrollmentReport> ENROLMENT = new LatestReportWins.Spec<>(
            NAME + "-enrollment", EnrollmentReport::getReportId, report -> null,
            report -> Counts.of(Map.of(LEFT_BEHIND, report.getLeftBehindRegistered())), EnrollmentReport::getAsOf);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(Foundation f) {
        CareRoomRule rule = CareRoomRule.from(f.settings());
        DomainIngest ingest = f.ingest().forDomain(NAME);
        KStream<String, Enriched<MonthlyReport>> reports = ingest.<CareReport>stream(InputKind.CARE_REPORTS)
                .mapValues(r -> new Enriched<>(new MonthlyReport(r.record(),
                        rule.requires(r.school(), r.record().getRegistered())), r.school(), r.received()),
                        Named.as(NAME + "-room-rule"));
        KStream<String, Revision<MonthlyReport>> months = LatestReportWins.apply(f, reports, REPORTS);
        KStream<String, Revision<EnrollmentReport>> enrolment = LatestReportWins.apply(f,
                ingest.<EnrollmentReport>follow(InputKind.ENROLLMENT), ENROLMENT);

        f.builder().addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CareSchools.STORE),
                Serdes.String(), new StateSerde<>(CareSchool.class)));
        KStream<String, CareInput> inputs = months
                .<CareInput>mapValues(CareInput.Reported::new, Named.as(NAME + "-reported"))
                .merge(enrolment.mapValues(revision -> new CareInput.Enrolled(revision.after().counts().get(LEFT_BEHIND)),
                        Named.as(NAME + "-enrolled")), Named.as(NAME + "-reported-and-enrolled"))
                .merge(ingest.registry().changes().mapValues(change -> CareInput.REGISTRY_CHANGED,
                        Named.as(NAME + "-registry-changed")), Named.as(NAME + "-school-inputs"));
        String registryStore = ingest.registry().storeName();
        // CARE_ROOM_MISSING names the catalog's target (none if an operator's catalog has no such target).
        Target rooms = f.targets().find(CareKpis.CARE_ROOMS_EVERYWHERE).orElse(null);
        KStream<String, CareOutput> outputs = inputs.process(() -> new CareSchools(rule, f.clock(), registryStore, rooms),
                Named.as(NAME + "-schools"), CareSchools.STORE, registryStore);

        KStream<String, FigureUpdate> fallbacks = outputs.flatMapValues(output -> output instanceof CareOutput.Fallback
                ? List.of(((CareOutput.Fallback) output).update()) : List.<FigureUpdate>of(), Named.as(NAME + "-fallback"));
        KStream<String, FigureChange> monthFigures = months
                .mapValues(Revision::change, Named.as(NAME + "-figure-change"))
                .merge(CountedFigures.changes(f.builder(), NAME + "-fallback", fallbacks, Retention.from(f.settings()),
                        f.clock()), Named.as(NAME + "-month-figures"));
        f.kpis().rollUp(NAME, monthFigures, Period.MONTH, CareKpis.METRICS);

        KStream<String, FigureChange> standing = outputs.flatMapValues(output -> output instanceof CareOutput.Standing
                ? List.of(((CareOutput.Standing) output).change()) : List.<FigureChange>of(), Named.as(NAME + "-standing"));
        f.kpis().rollUpStanding(NAME + "-standing", standing, CareKpis.METRICS, CareKpis.COUNTERS, ingest.registry());

        f.alerts().track(NAME, outputs.flatMapValues(output -> output instanceof CareOutput.Condition
                ? List.of(((CareOutput.Condition) output).condition()) : List.<AlertCondition>of(),
                Named.as(NAME + "-conditions")));
    }
}
