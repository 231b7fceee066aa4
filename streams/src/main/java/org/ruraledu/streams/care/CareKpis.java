package org.ruraledu.streams.care;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.streams.kpi.Counts;
import org.ruraledu.streams.kpi.Metric;
import org.ruraledu.streams.kpi.SchoolFigure;

/**
 * The care KPIs (留守儿童关爱) and the school figures they are rolled up from: per school and month the counters of
 * its latest report, and whether it must run a care room ({@link #ROOM_REQUIRED}) and does ({@link #ROOM_OPERATING},
 * counted only where it must, so the coverage never passes 1). A school that must but has not reported the month
 * counts {@code roomRequired=1} alone (its fallback figure), so a silent school lowers the coverage.
 */
final class CareKpis {
    static final String REGISTERED = "registered";
    static final String CONTACTED = "contacted";
    static final String HOME_VISITS = "homeVisits";
    static final String COUNSELING_SESSIONS = "counselingSessions";
    static final String PARENT_SESSIONS = "parentSessions";
    static final String ROOM_REQUIRED = "roomRequired";
    static final String ROOM_OPERATING = "roomOperating";
    /** Every counter of a care figure: a closed school's {@code current} figures leave with it. */
    static final Set<String> COUNTERS = Set.of(REGISTERED, CONTACTED, HOME_VISITS, COUNSELING_SESSIONS,
            PARENT_SESSIONS, ROOM_REQUIRED, ROOM_OPERATING);

    static final Metric CONTACT_COVERAGE = Metric.ratio("care.contact_coverage", CONTACTED, REGISTERED);
    static final Metric ROOM_COVERAGE = Metric.ratio("care.room_coverage", ROOM_OPERATING, ROOM_REQUIRED);
    static final Metric HOME_VISITS_COUNT = Metric.count("care.home_visits", HOME_VISITS);
    static final Metric COUNSELING_COUNT = Metric.count("care.counseling_sessions", COUNSELING_SESSIONS);
    /** Parent-school / family-education sessions (家长学校), plan item 1. */
    static final Metric PARENT_SESSIONS_COUNT = Metric.count("care.parent_sessions", PARENT_SESSIONS);
    static final List<Metric> METRICS = List.of(CONTACT_COVERAGE, ROOM_COVERAGE, HOME_VISITS_COUNT, COUNSELING_COUNT,
            PARENT_SESSIONS_COUNT);

    /**
     * Item 38 in the catalog: by 2025, care rooms for rural left-behind children everywhere (农村留守儿童关爱室建设全覆盖).
     * CARE_ROOM_MISSING names it as its threshold.
     */
    static final String CARE_ROOMS_EVERYWHERE = "plan-38-care-rooms";

    private CareKpis() {}

    /** What a report contributes to its school's month. */
    static Counts counts(MonthlyReport monthly) {
        CareReport r = monthly.report();
        return reported(r.getRegistered(), r.getContacted(), r.getHomeVisits(), r.getCounselingSessions(),
                r.getParentSessions(), monthly.roomRequired(), r.getCareRoomOperating());
    }

    /** The counters of a report, with the room counted as the rule judges it. */
    static Counts reported(long registered, long contacted, long homeVisits, long counseling, long parents,
            boolean roomRequired, boolean roomOperating) {
        Map<String, Long> counts = new TreeMap<>();
        counts.put(REGISTERED, registered);
        counts.put(CONTACTED, contacted);
        counts.put(HOME_VISITS, homeVisits);
        counts.put(COUNSELING_SESSIONS, counseling);
        counts.put(PARENT_SESSIONS, parents);
        counts.put(ROOM_REQUIRED, roomRequired ? 1L : 0L);
        counts.put(ROOM_OPERATING, roomRequired && roomOperating ? 1L : 0L);
        return Counts.of(counts);
    }

    /** What a school that must run a care room and has not reported contributes: a required room, none running. */
    static Counts silent() {
        return Counts.of(Map.of(ROOM_REQUIRED, 1));
    }

    /** Whether a figure says: the school must run a care room and does not. */
    static boolean roomMissing(SchoolFigure figure) {
        return figure != null && figure.counts().get(ROOM_REQUIRED) > 0 && figure.counts().get(ROOM_OPERATING) == 0;
    }
}
