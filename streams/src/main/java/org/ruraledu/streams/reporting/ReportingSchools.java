package org.ruraledu.streams.reporting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.Retention;
import org.ruraledu.streams.StoreWrites;
import org.ruraledu.streams.ingest.Arrival;
import org.ruraledu.streams.ingest.RegisteredSchool;
import org.ruraledu.streams.ingest.RegistryChange;

/**
 * One school's reporting state ({@code reporting-schools}), in the school's task of the reporting domain: its
 * registry entry (from reporting's own copy) and the arrivals of its reports meet here.
 *
 * <p>A wall-clock check every {@code reporting.check.interval} closes, for each school of the task, the periods
 * whose deadline has passed since it last closed any ({@link ReportSchedule#due}): each period the school owes
 * (active, of the kind the period asks, registered on or before the period's first day) gets its figure
 * ({@link ReportingKpis#owed}: owed, received, on time) and, if nothing came, counts as missing, which opens or
 * updates the school's REPORT_MISSING of the kind. So owed is counted once the deadline passed (a day in progress
 * is not incomplete), and an alert fires within one interval of the deadline with no input at all. Wall clock,
 * not stream time: a school that stays silent sends nothing that could move stream time.
 *
 * <p>An arrival of a period not yet due waits in {@code pending} for its deadline; one of a missing period (late,
 * or on time but processed after the check) replaces its figure (received; on time only if its Kafka timestamp is
 * by the deadline, so a late report raises completeness, never timeliness) and may resolve the alert. An inactive
 * school owes nothing: it closing clears what it owes and resolves its alerts (the figures counted stay).
 *
 * <p>A school is known from its first registry change here (registered on the day of that record's Kafka
 * timestamp, read on the pipeline's clock ({@link PipelineClock#timeOf}, as arrivals' times are);
 * its deadlines closed from the later of that timestamp and now, so a first start or a new domain never owes a
 * past it could not have seen), or its first arrival if that overtakes it. Each task closes its own schools only,
 * so exactly one instance raises each alert.
 *
 * <p>Store {@code reporting-schools-store}: schoolId → {@link ReportingSchool}, one entry per registered school,
 * bounded per school by the open periods (pending until their deadline, missing until they arrive or fall behind
 * the retention horizon: a daily check forgets them).
 */
final class ReportingSchools implements Processor<String, ReportingInput, String, ReportingOutput> {
    static final String STORE = Reporting.NAME + "-schools-store";

    private final ReportSchedule schedule;
    private final Clock clock;
    private final Duration interval;
    private final Retention retention;
    private final String registryStore;
    private ProcessorContext<String, ReportingOutput> context;
    private KeyValueStore<String, ReportingSchool> store;
    private KeyValueStore<String, RegisteredSchool> registry;
    /** When the last check closed every school's deadlines (in memory: after a start, the first check looks at all). */
    private Instant checkedAt;

    ReportingSchools(ReportSchedule schedule, Clock clock, Duration interval, Retention retention,
            String registryStore) {
        this.schedule = schedule;
        this.clock = clock;
        this.interval = interval;
        this.retention = retention;
        this.registryStore = registryStore;
    }

    @Override
    public void init(ProcessorContext<String, ReportingOutput> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.registry = context.getStateStore(registryStore);
        context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::check);
        DailyCheck.schedule(context, clock, (today, timestamp) -> forgetBefore(retention.horizon(today), timestamp));
    }

    @Override
    public void process(Record<String, ReportingInput> in) {
        if (in.value() instanceof ReportingInput.Arrived arrived) {
            arrived(arrived.arrival(), in.timestamp());
        } else if (in.value() instanceof ReportingInput.RegistryChanged changed) {
            registryChanged(changed.change(), PipelineClock.timeOf(clock, in.timestamp()), in.timestamp());
        }
    }

    private ReportingSchool known(String schoolId, long since) {
        ReportingSchool school = store.get(schoolId);
        if (school != null) {
            return school;
        }
        LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(since), RecordRules.ZONE);
        return ReportingSchool.registered(day, Math.max(since, clock.millis()));
    }

    private void arrived(Arrival arrival, long timestamp) {
        String schoolId = arrival.schoolId();
        ReportingSchool school = known(schoolId, arrival.received());
        ReportKind kind = ReportKind.byPath(arrival.kind());
        Owing owing = school.owing(kind);
        String period = arrival.period();
        Instant deadline = schedule.deadline(kind, period);
        RegisteredSchool entry = registry.get(schoolId);
        if (deadline.toEpochMilli() > school.closedUntil) {
            owing.pending.merge(period, arrival.received(), Math::min);
        } else if (owing.missing.remove(period) && entry != null && entry.active()) {
            forward(schoolId, new ReportingOutput.Figure(ReportingKpis.owed(schoolId, entry.district(), kind, period,
                    deadline, arrival.received())), timestamp);
        }
        owing.received(period);
        if (entry != null && entry.usable()) {
            judge(entry.profile(), kind, owing, timestamp);
        }
        store.put(schoolId, school);
    }

    /** {@code changedAt}: when the registry record was written, on the pipeline's clock; {@code timestamp}: Kafka's. */
    private void registryChanged(RegistryChange change, long changedAt, long timestamp) {
        String schoolId = change.schoolId();
        ReportingSchool school = store.get(schoolId);
        RegisteredSchool after = change.after();
        if (after == null || !after.active()) {
            if (school != null) {
                RegisteredSchool last = after != null && after.usable() ? after : change.before();
                close(school, last, timestamp);
                if (after == null) {
                    StoreWrites.remove(store, schoolId);
                } else {
                    store.put(schoolId, school);
                }
            } else if (after != null) {
                store.put(schoolId, known(schoolId, changedAt));
            }
            return;
        }
        if (school == null) {
            store.put(schoolId, known(schoolId, changedAt));
        }
    }

    /** A school closed or removed owes nothing: what it owed is cleared, its open alerts resolved. */
    private void close(ReportingSchool school, RegisteredSchool last, long timestamp) {
        for (Map.Entry<String, Owing> kind : school.kinds.entrySet()) {
            Owing owing = kind.getValue();
            owing.missing.clear();
            owing.pending.clear();
            if (owing.alertSince != null && last != null && last.usable()) {
                forward(last.profile().getSchoolId(), new ReportingOutput.Condition(ReportingAlerts.closed(
                        last.profile(), ReportKind.byPath(kind.getKey()), owing.alertSince)), timestamp);
            }
            owing.alertSince = null;
            owing.alerted = 0;
        }
    }

    /** The wall-clock check: closes the deadlines passed since the last one, if any passed. */
    private void check(long timestamp) {
        Instant now = clock.instant();
        if (checkedAt != null && !now.isAfter(checkedAt)) {
            return;
        }
        if (checkedAt != null && schedule.due(checkedAt, now).isEmpty()) {
            checkedAt = now;
            return;
        }
        List<KeyValue<String, ReportingSchool>> schools = new ArrayList<>();
        try (KeyValueIterator<String, ReportingSchool> all = store.all()) {
            all.forEachRemaining(schools::add);
        }
        // Schools closed up to the same instant (nearly all: the previous check) share one look at the calendar.
        Map<Long, List<ReportSchedule.Due>> dueSince = new HashMap<>();
        for (KeyValue<String, ReportingSchool> school : schools) {
            if (school.value.closedUntil >= now.toEpochMilli()) {
                continue;
            }
            List<ReportSchedule.Due> due = dueSince.computeIfAbsent(school.value.closedUntil,
                    from -> schedule.due(Instant.ofEpochMilli(from), now));
            if (!due.isEmpty()) {
                closeDeadlines(school.key, school.value, due, now, timestamp);
                store.put(school.key, school.value);
            }
        }
        checkedAt = now;
    }

    private void closeDeadlines(String schoolId, ReportingSchool school, List<ReportSchedule.Due> due, Instant now,
            long timestamp) {
        RegisteredSchool entry = registry.get(schoolId);
        boolean active = entry != null && entry.active();
        if (active) {
            SchoolProfile profile = entry.profile();
            // After a long stop: a period before the horizon could no longer be counted, nor its report accepted.
            LocalDate horizon = retention.horizon(LocalDate.ofInstant(now, RecordRules.ZONE));
            for (ReportSchedule.Due d : due) {
                LocalDate day = ReportSchedule.day(d.period());
                if (!schedule.owes(d.kind(), profile) || day.isBefore(school.registeredOn) || day.isBefore(horizon)) {
                    continue;
                }
                Owing owing = school.owing(d.kind());
                Long received = owing.pending.remove(d.period());
                forward(schoolId, new ReportingOutput.Figure(ReportingKpis.owed(schoolId, entry.district(), d.kind(),
                        d.period(), d.deadline(), received)), timestamp);
                if (received == null) {
                    owing.missing.add(d.period());
                }
            }
        }
        school.closedUntil = now.toEpochMilli();
        for (Map.Entry<String, Owing> kind : school.kinds.entrySet()) {
            ReportKind reportKind = ReportKind.byPath(kind.getKey());
            // Arrivals of periods now due that the school did not owe (a holiday, a kind it need not send).
            kind.getValue().pending.keySet().removeIf(period ->
                    !schedule.deadline(reportKind, period).isAfter(now));
            if (active) {
                judge(entry.profile(), reportKind, kind.getValue(), timestamp);
            }
        }
    }

    /** The school's REPORT_MISSING of the kind, as its silence now makes it: sent on only when it changed. */
    private void judge(SchoolProfile school, ReportKind kind, Owing owing, long timestamp) {
        SortedSet<String> silence = owing.silence();
        int periods = silence.size();
        if (periods == owing.alerted) {
            return;
        }
        if (periods > 0) {
            if (owing.alertSince == null) {
                owing.alertSince = silence.first();
            }
            forward(school.getSchoolId(), new ReportingOutput.Condition(ReportingAlerts.missing(school, kind,
                    owing.alertSince, periods)), timestamp);
        } else {
            forward(school.getSchoolId(), new ReportingOutput.Condition(ReportingAlerts.received(school, kind,
                    owing.alertSince)), timestamp);
            owing.alertSince = null;
        }
        owing.alerted = periods;
    }

    /** Daily: missing periods dated before the retention horizon are forgotten (their figures are forgotten too). */
    private void forgetBefore(LocalDate horizon, long timestamp) {
        List<KeyValue<String, ReportingSchool>> schools = new ArrayList<>();
        try (KeyValueIterator<String, ReportingSchool> all = store.all()) {
            all.forEachRemaining(schools::add);
        }
        for (KeyValue<String, ReportingSchool> school : schools) {
            boolean changed = false;
            RegisteredSchool entry = registry.get(school.key);
            for (Map.Entry<String, Owing> kind : school.value.kinds.entrySet()) {
                Owing owing = kind.getValue();
                boolean forgot = owing.missing.removeIf(period -> ReportSchedule.day(period).isBefore(horizon));
                changed |= forgot;
                // The open alert counts what is still kept; one whose silence is all forgotten waits for the school's
                // next period (missing: it goes on; received: resolved), rather than saying the school reported.
                if (forgot && entry != null && entry.usable() && !owing.silence().isEmpty()) {
                    judge(entry.profile(), ReportKind.byPath(kind.getKey()), owing, timestamp);
                }
            }
            if (changed) {
                store.put(school.key, school.value);
            }
        }
    }

    private void forward(String schoolId, ReportingOutput output, long timestamp) {
        context.forward(new Record<>(schoolId, output, timestamp));
    }
}
