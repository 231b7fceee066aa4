package org.ruraledu.streams.care;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.ingest.RegisteredSchool;
import org.ruraledu.streams.kpi.Counts;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.FigureUpdate;
import org.ruraledu.streams.kpi.SchoolFigure;
import org.ruraledu.streams.kpi.Target;
import org.ruraledu.streams.revision.Revision;

/**
 * One school's care state ({@code care-schools}), in the school's task: its reports' months, its enrolment and
 * its registry entry meet here, and three things come out.
 * <ul>
 *   <li><b>Fallback figures</b> ({@link CareOutput.Fallback}, figure id {@code {schoolId}|{month}}): a school that
 *       must run a care room by its enrolment (active, of the kind {@link CareRoomRule} requires, latest
 *       {@code leftBehindRegistered} > 0) and has not reported the month counts {@code roomRequired=1} in it, so a
 *       silent school lowers the month's room coverage. The current month's fallback follows the school (its
 *       enrolment, its registry entry) and starts with the month (daily check); a past month's stays as counted
 *       until the month's report comes (they usually come after the month), which replaces it.</li>
 *   <li><b>The {@code current} figure</b> ({@link CareOutput.Standing}): the counters of the latest month the school
 *       reported (a report of an older month changes only its month), or its fallback if it has never reported;
 *       whether it must run a room is judged on its registry entry now, so a school that closes or stops being
 *       rural stops counting as one that must.</li>
 *   <li><b>CARE_ROOM_MISSING</b> ({@link CareOutput.Condition}): judged on the latest month's report only.</li>
 * </ul>
 *
 * <p>Store {@code care-schools-store}: schoolId → {@link CareSchool}, bounded by the schools (one entry each).
 */
final class CareSchools implements Processor<String, CareInput, String, CareOutput> {
    static final String STORE = Care.NAME + "-schools-store";

    private final CareRoomRule rule;
    private final Clock clock;
    private final String registryStore;
    /** The catalog's care-room target, CARE_ROOM_MISSING's threshold (null: the catalog has none). */
    private final Target rooms;
    private ProcessorContext<String, CareOutput> context;
    private KeyValueStore<String, CareSchool> store;
    private KeyValueStore<String, RegisteredSchool> registry;
    /** The month whose fallback figures the daily check last started (in memory: a restart starts them again). */
    private LocalDate startedMonth;

    CareSchools(CareRoomRule rule, Clock clock, String registryStore, Target rooms) {
        this.rooms = rooms;
        this.rule = rule;
        this.clock = clock;
        this.registryStore = registryStore;
    }

    static String fallbackId(String schoolId, LocalDate month) {
        return schoolId + "|" + month;
    }

    @Override
    public void init(ProcessorContext<String, CareOutput> context) {
        this.context = context;
        this.store = context.getStateStore(STORE);
        this.registry = context.getStateStore(registryStore);
        DailyCheck.schedule(context, clock, (today, timestamp) -> startMonth(today.withDayOfMonth(1), timestamp));
    }

    @Override
    public void process(Record<String, CareInput> in) {
        String schoolId = in.key();
        CareSchool was = store.get(schoolId);
        CareSchool state = was == null ? CareSchool.NONE : was;
        RegisteredSchool entry = registry.get(schoolId);
        String district = entry == null ? null : entry.district();
        long timestamp = in.timestamp();
        if (in.value() instanceof CareInput.Reported reported) {
            Enriched<MonthlyReport> report = reported.revision().latest();
            district = district == null ? report.district() : district;
            state = reported(schoolId, state, reported.revision(), timestamp);
        } else if (in.value() instanceof CareInput.Enrolled enrolled) {
            state = state.enrolled(enrolled.leftBehindRegistered());
        } else if (was == null) {
            return; // a registry change of a school that has sent nothing to this domain
        }
        state = recount(schoolId, state, entry, district, timestamp);
        if (!(in.value() instanceof CareInput.Reported)) {
            forward(schoolId, new CareOutput.Fallback(fallback(schoolId, state, entry, thisMonth())), timestamp);
        }
        if (!state.equals(was)) {
            store.put(schoolId, state);
        }
    }

    /** A report's month: its fallback is replaced; if it is the latest month, it is the school's {@code current}. */
    private CareSchool reported(String schoolId, CareSchool state, Revision<MonthlyReport> revision, long timestamp) {
        Enriched<MonthlyReport> latest = revision.latest();
        LocalDate month = latest.record().month();
        forward(schoolId, new CareOutput.Fallback(new FigureUpdate(fallbackId(schoolId, month), null)), timestamp);
        if (state.before(month)) {
            return state; // an older month must not change what the newer one says (figure, alert)
        }
        CareReport r = latest.record().report();
        Counts counters = CareKpis.reported(r.getRegistered(), r.getContacted(), r.getHomeVisits(),
                r.getCounselingSessions(), r.getParentSessions(), false, false);
        CareSchool next = state.reported(month, counters, r.getCareRoomOperating());
        if (CareKpis.roomMissing(revision.after())) {
            LocalDate since = next.alertMonth() != null ? next.alertMonth() : month;
            forward(schoolId, new CareOutput.Condition(CareAlerts.missing(latest, since, rooms)), timestamp);
            return next.alertOpenSince(since);
        }
        if (next.alertMonth() != null) {
            forward(schoolId, new CareOutput.Condition(CareAlerts.cleared(latest, next.alertMonth(), rooms,
                    revision.after().counts().get(CareKpis.ROOM_REQUIRED) > 0)), timestamp);
            return next.alertOpenSince(null);
        }
        return next;
    }

    /** The school's {@code current} figure as its state and its registry entry now make it; sent on if it changed. */
    private CareSchool recount(String schoolId, CareSchool state, RegisteredSchool entry, String district,
            long timestamp) {
        String where = district != null ? district : state.standing() == null ? null : state.standing().district();
        SchoolFigure now = where == null ? null : standing(schoolId, state, entry, where);
        if (Objects.equals(now, state.standing())) {
            return state;
        }
        forward(schoolId, new CareOutput.Standing(new FigureChange(state.standing(), now)), timestamp);
        return state.counted(now);
    }

    private SchoolFigure standing(String schoolId, CareSchool state, RegisteredSchool entry, String district) {
        Counts counts;
        if (state.latestMonth() != null) {
            Counts c = state.latest();
            long registered = c.get(CareKpis.REGISTERED);
            counts = CareKpis.reported(registered, c.get(CareKpis.CONTACTED), c.get(CareKpis.HOME_VISITS),
                    c.get(CareKpis.COUNSELING_SESSIONS), c.get(CareKpis.PARENT_SESSIONS),
                    registered > 0 && rule.applies(entry), state.roomOperating());
        } else if (state.hasLeftBehind() && rule.applies(entry)) {
            counts = CareKpis.silent();
        } else {
            return null;
        }
        return new SchoolFigure(schoolId, district, null, counts);
    }

    /** The fallback figure of {@code month} for the school now: null unless it must and has not reported. */
    private FigureUpdate fallback(String schoolId, CareSchool state, RegisteredSchool entry, LocalDate month) {
        boolean silent = !state.hasReported(month) && state.hasLeftBehind() && rule.applies(entry);
        return new FigureUpdate(fallbackId(schoolId, month),
                silent ? new SchoolFigure(schoolId, entry.district(), month, CareKpis.silent()) : null);
    }

    /**
     * The daily check, acting once a month (and once after a start): every school's fallback figure of the month
     * just begun. One record per school known here; one that changes nothing is dropped by the counted figures.
     */
    private void startMonth(LocalDate month, long timestamp) {
        if (month.equals(startedMonth)) {
            return;
        }
        List<KeyValue<String, CareSchool>> schools = new ArrayList<>();
        try (KeyValueIterator<String, CareSchool> all = store.all()) {
            all.forEachRemaining(schools::add);
        }
        for (KeyValue<String, CareSchool> school : schools) {
            forward(school.key, new CareOutput.Fallback(fallback(school.key, school.value, registry.get(school.key),
                    month)), timestamp);
        }
        startedMonth = month;
    }

    private LocalDate thisMonth() {
        return LocalDate.ofInstant(clock.instant(), RecordRules.ZONE).withDayOfMonth(1);
    }

    private void forward(String schoolId, CareOutput output, long timestamp) {
        context.forward(new Record<>(schoolId, output, timestamp));
    }
}
