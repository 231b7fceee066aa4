package org.ruraledu.streams.dropout;

import org.ruraledu.streams.StoreWrites;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.StudentStatusEvent;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.Retention;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.ingest.DeadLetter;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.ingest.Rejection;
import org.ruraledu.streams.ingest.RejectionCode;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.FigureUpdate;

/**
 * Follows every pupil's cases (一人一案). Each status event is recorded into its pupil's {@link PupilHistory}; the
 * case changes it causes become alert conditions and KPI figure changes. A wall-clock check, every
 * {@code dropout.overdue.check.interval}, finds the open cases that went past a follow-up limit, so the bureau is
 * told again even when the school sends nothing more.
 *
 * <p>Stores (input keyed by school, so each pupil's events reach one task; the stores are keyed finer):
 * <ul>
 *   <li>{@value #HISTORIES}: pupil → {@link PupilHistory}, the source of truth of the cases;</li>
 *   <li>{@value #OPEN_CASES}: caseId → {@link OpenCase}, an index of the cases open now, so that the overdue
 *       check reads only open cases (a few per 10,000 pupils), never every pupil's history.</li>
 * </ul>
 * "Now" is the injected clock (tests move it); the check's schedule is Kafka Streams' wall clock.
 *
 * <p>Retention: once a day ({@link DailyCheck}) the history of a pupil with no open case and no event since the
 * {@link Retention} horizon is deleted, and an event dated before the horizon is refused ({@code TOO_OLD}): with
 * the history gone, a retry of a forgotten event could otherwise open its case again.
 */
final class CaseTracker implements Processor<String, Enriched<StudentStatusEvent>, String, CaseOutput> {
    static final String HISTORIES = "dropout-pupil-history-store";
    static final String OPEN_CASES = "dropout-open-cases-store";

    private final DropoutRules rules;
    private final FollowUpLimits limits;
    private final DropoutAlerts alerts;
    private final Clock clock;
    private final Retention retention;
    private ProcessorContext<String, CaseOutput> context;
    private KeyValueStore<String, PupilHistory> histories;
    private KeyValueStore<String, OpenCase> openCases;

    CaseTracker(DropoutRules rules, FollowUpLimits limits, Clock clock, Retention retention) {
        this.rules = rules;
        this.limits = limits;
        this.alerts = new DropoutAlerts(rules, limits);
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void init(ProcessorContext<String, CaseOutput> context) {
        this.context = context;
        this.histories = context.getStateStore(HISTORIES);
        this.openCases = context.getStateStore(OPEN_CASES);
        context.schedule(limits.checkInterval(), PunctuationType.WALL_CLOCK_TIME, this::checkOverdue);
        DailyCheck.schedule(context, clock, (today, timestamp) -> forgetQuietPupils(retention.horizon(today)));
    }

    @Override
    public void process(Record<String, Enriched<StudentStatusEvent>> in) {
        PupilEvent event = PupilEvent.of(in.value());
        LocalDate date = event.entry().date();
        if (retention.tooOld(date, today())) {
            refuse(in, event, retention.refusal("date", date, today()));
            return;
        }
        String pupil = event.pupilKey();
        PupilHistory history = histories.get(pupil);
        if (history == null) {
            history = PupilHistory.start(event.schoolId(), event.studentRef());
        }
        Recording recording = history.record(event.entry(), rules);
        switch (recording.outcome()) {
            case RETRY -> { } // the same eventId again: a retry changes nothing
            case TOO_LATE -> refuse(in, event, tooLate(event, history));
            case APPLIED -> {
                histories.put(pupil, recording.history());
                LocalDate today = today();
                // A withdrawn case first: when a late event re-dates a case, its old alert is resolved before the
                // new one opens (the alert lifecycle keeps this order: it tracks them here, in this task).
                recording.changes().stream()
                        .sorted(Comparator.comparing((CaseChange c) -> c.kind() != CaseChange.Kind.WITHDRAWN))
                        .forEach(change -> follow(change, event, today, in.timestamp()));
            }
        }
    }

    /** One case changed: keep the open-cases index, and tell the alerts and KPIs. */
    private void follow(CaseChange change, PupilEvent event, LocalDate today, long timestamp) {
        DropoutCase before = change.before();
        DropoutCase after = change.after();
        OpenCase was = before != null && before.isOpen() ? openCases.get(before.caseId()) : null;
        OpenCase now = after != null && after.isOpen()
                ? new OpenCase(after, event.district(), event.schoolName(), OverdueLevel.of(after, today, limits))
                : null;
        if (now != null) {
            openCases.put(now.caseId(), now);
        } else if (before != null) {
            StoreWrites.remove(openCases, before.caseId());
        }
        String key = change.dropoutCase().caseId();
        for (AlertCondition condition : alerts.detected(change, event.district(), event.schoolName())) {
            forward(timestamp, key, new CaseOutput.Condition(condition));
        }
        publishStanding(was, now, change, today, timestamp);
        for (FigureUpdate flow : DropoutKpis.flowUpdates(change, event.district())) {
            forward(timestamp, key, new CaseOutput.Flow(flow));
        }
    }

    /**
     * The overdue check: every open case whose level changed since the last check (or event) is published. The
     * changes are collected first, so the index is not written while it is iterated.
     */
    private void checkOverdue(long timestamp) {
        LocalDate today = today();
        List<OpenCase> changed = new ArrayList<>();
        try (KeyValueIterator<String, OpenCase> all = openCases.all()) {
            all.forEachRemaining(entry -> {
                if (OverdueLevel.of(entry.value.dropoutCase(), today, limits) != entry.value.level()) {
                    changed.add(entry.value);
                }
            });
        }
        for (OpenCase was : changed) {
            OpenCase now = was.at(OverdueLevel.of(was.dropoutCase(), today, limits));
            openCases.put(now.caseId(), now);
            publishStanding(was, now, null, today, timestamp);
        }
    }

    /** The standing KPI change and the overdue alert of one case going from {@code was} to {@code now}. */
    private void publishStanding(OpenCase was, OpenCase now, CaseChange change, LocalDate today, long timestamp) {
        String key = now != null ? now.caseId() : change.dropoutCase().caseId();
        FigureChange standing = DropoutKpis.standingChange(was, now);
        if (standing != null) {
            forward(timestamp, key, new CaseOutput.Standing(standing));
        }
        for (AlertCondition condition : alerts.overdue(was, now, change, today)) {
            forward(timestamp, key, new CaseOutput.Condition(condition));
        }
    }

    /** With the input's headers: a dead letter keeps the record as received. */
    private void refuse(Record<String, ?> in, PupilEvent event, Rejection why) {
        context.forward(in.withValue(new CaseOutput.Refused(new DeadLetter(event.received(), why))));
    }

    /** Deletes the histories that {@link PupilHistory#forgettable} (collected first: not while iterating). */
    private void forgetQuietPupils(LocalDate horizon) {
        Retention.forget(histories, (key, history) -> history.forgettable(horizon, rules));
    }

    private Rejection tooLate(PupilEvent event, PupilHistory history) {
        return new Rejection(RejectionCode.TOO_LATE, "date", "date: " + event.entry().date() + " is on or before "
                + history.settledThrough() + ", up to which this pupil's case history is settled: the event is more than "
                + DropoutRules.LATE_EVENT_WINDOW_DAYS + " = " + rules.lateEventWindowDays()
                + " days behind the pupil's newest event and can no longer change its cases");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), RecordRules.ZONE);
    }

    private void forward(long timestamp, String key, CaseOutput output) {
        context.forward(new Record<>(key, output, timestamp));
    }
}
