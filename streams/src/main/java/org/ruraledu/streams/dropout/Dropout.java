package org.ruraledu.streams.dropout;

import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.records.InputKind;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.StudentStatusEvent;
import org.ruraledu.serde.StateSerde;
import org.ruraledu.streams.Domain;
import org.ruraledu.streams.Foundation;
import org.ruraledu.streams.Retention;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.ingest.DeadLetter;
import org.ruraledu.streams.ingest.DomainIngest;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.kpi.CountedFigures;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.FigureUpdate;
import org.ruraledu.streams.kpi.Period;
import org.ruraledu.streams.revision.LatestReportWins;
import org.ruraledu.streams.revision.Revision;

/**
 * Dropout control (控辍保学), plan item 38 and task 19: dropout kept at zero (常态清零), every dropout followed up
 * as its own case (一人一案) until the child is persuaded back to school (劝返).
 *
 * <pre>
 *  student-status.v1 ─► Ingest ─► dropout-cases (CaseTracker: dropout-pupil-history-store, dropout-open-cases-store; wall-clock overdue check)
 *          ├─► conditions ─► AlertLifecycle (dropout-alert-lifecycle-store, dropout-alert-open-store, in this task):
 *          │                 DROPOUT_DETECTED, DROPOUT_CASE_OVERDUE
 *          ├─► standing ─┬─► Rollup dropout-standing (current): open, overdue, rate per 10k, by reason and grade
 *  enrollment.v1 ─► Ingest ─► LatestReportWins (dropout-enrollment-latest-report-store) ─┘
 *          ├─► flow ─► Rollup dropout-flow (day, month): new, returned, transferred, median days to return
 *          └─► refused (too late, too old) ─► dead-letters.v1
 * </pre>
 *
 * <p>Events are not repartitioned: input is keyed by school, so a pupil's events already reach one task, in
 * order. The history store is keyed by pupil but partitioned by school (a lookup of one pupil's history goes to
 * the instance of the school's partition); a large school's pupils share one task, a fair price for not writing
 * every event (with its raw bytes, kept for dead letters) a second time.
 */
public final class Dropout implements Domain {
    public static final String NAME = "dropout";

    /** One standing head count per school (no period): the latest {@code asOf} wins, a late older one does not. */
    private static final LatestReportWins.Spec<EnrollmentReport> ENROLMENT = new LatestReportWins.Spec<>(
            NAME + "-enrollment", EnrollmentReport::getReportId, report -> null,
            report -> DropoutKpis.enrolment(report.getEnrolled()), EnrollmentReport::getAsOf);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(Foundation f) {
        DropoutRules rules = DropoutRules.from(f.settings());
        FollowUpLimits limits = FollowUpLimits.from(f.settings());
        Retention retention = Retention.from(f.settings());
        // Forgetting a pupil is safe only if no late event can reach back past the horizon (see CaseTracker).
        if (rules.lateEventWindowDays() >= retention.days()) {
            throw new IllegalArgumentException(DropoutRules.LATE_EVENT_WINDOW_DAYS + " (" + rules.lateEventWindowDays()
                    + ") must be less than " + Retention.DAYS + " (" + retention.days() + ")");
        }
        f.builder().addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CaseTracker.HISTORIES),
                Serdes.String(), DropoutSerdes.pupilHistory()));
        f.builder().addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CaseTracker.OPEN_CASES),
                Serdes.String(), new StateSerde<>(OpenCase.class)));

        DomainIngest ingest = f.ingest().forDomain(NAME);
        KStream<String, Enriched<StudentStatusEvent>> events = ingest.stream(InputKind.STUDENT_STATUS);
        KStream<String, CaseOutput> outputs = events.process(() -> new CaseTracker(rules, limits, f.clock(), retention),
                Named.as(NAME + "-cases"), CaseTracker.HISTORIES, CaseTracker.OPEN_CASES);

        // Tracked in the school's task, in the order the tracker emits them (a withdrawn case before its successor).
        f.alerts().track(NAME, outputs.flatMapValues(output -> output instanceof CaseOutput.Condition c
                ? List.of(c.condition()) : List.<AlertCondition>of(), Named.as(NAME + "-conditions")));

        KStream<String, FigureChange> enrolment = LatestReportWins
                .apply(f, ingest.<EnrollmentReport>stream(InputKind.ENROLLMENT), ENROLMENT)
                .mapValues(Revision::change, Named.as(NAME + "-enrollment-change"));
        KStream<String, FigureChange> standing = outputs.flatMapValues(output -> output instanceof CaseOutput.Standing s
                ? List.of(s.change()) : List.<FigureChange>of(), Named.as(NAME + "-standing"));
        // A closed school's open cases still count (the children are still out of school), its enrolment does not.
        f.kpis().rollUpStanding(NAME + "-standing", standing.merge(enrolment, Named.as(NAME + "-standing-and-enrollment")),
                DropoutKpis.STANDING, Set.of(DropoutKpis.ENROLLED), ingest.registry());

        KStream<String, FigureUpdate> flow = outputs.flatMapValues(output -> output instanceof CaseOutput.Flow f1
                ? List.of(f1.update()) : List.<FigureUpdate>of(), Named.as(NAME + "-flow"));
        f.kpis().rollUp(NAME + "-flow", CountedFigures.changes(f.builder(), NAME + "-flow", flow, retention, f.clock()),
                Period.DAY, DropoutKpis.FLOW);

        f.ingest().deadLetter(NAME, outputs.flatMapValues(output -> output instanceof CaseOutput.Refused refused
                ? List.of(refused.letter()) : List.<DeadLetter>of(), Named.as(NAME + "-refused")));
    }
}
