package org.ruraledu.streams;

import java.time.LocalDate;
import java.util.List;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.SchoolProfile;

/**
 * Care reports, enrolments and school profiles for the care tests, and the rules recounted from scratch
 * (never from production code) for the expected KPI figures.
 */
final class CareData {
    private CareData() {}

    static CareReport care(String reportId, String schoolId, String month, int registered, int contacted,
            boolean roomOperating) {
        return care(reportId, schoolId, month, registered, contacted, 0, 0, 0, roomOperating);
    }

    static CareReport care(String reportId, String schoolId, String month, int registered, int contacted,
            int homeVisits, int counseling, int parentSessions, boolean roomOperating) {
        return CareReport.newBuilder().setReportId(reportId).setSchoolId(schoolId).setMonth(month)
                .setRegistered(registered).setContacted(contacted).setHomeVisits(homeVisits)
                .setCounselingSessions(counseling).setParentSessions(parentSessions)
                .setCareRoomOperating(roomOperating).build();
    }

    static EnrollmentReport enrolment(String reportId, String schoolId, String asOf, int leftBehind) {
        return EnrollmentReport.newBuilder().setReportId(reportId).setSchoolId(schoolId)
                .setAsOf(LocalDate.parse(asOf)).setEnrolled(500).setBoarders(0).setLeftBehindRegistered(leftBehind)
                .build();
    }

    static SchoolProfile urban(String schoolId, String district) {
        return SchoolProfile.newBuilder(TopologyFixture.school(schoolId, district)).setRural(false).build();
    }

    static SchoolProfile closed(SchoolProfile school) {
        return SchoolProfile.newBuilder(school).setActive(false).build();
    }

    /**
     * One school in one month as the rules see it: {@code mustKind} when it is active and of the kind that
     * must run a care room (rural, or every school with {@code care.room.required.for=all}); the report that stands
     * for the month (the latest, retries ignored), or null when it has not reported, then its latest enrolment's
     * left-behind children.
     */
    record SchoolMonth(boolean mustKind, CareReport report, int leftBehindEnrolled) {
        static SchoolMonth reported(boolean mustKind, CareReport report) {
            return new SchoolMonth(mustKind, report, 0);
        }

        static SchoolMonth silent(boolean mustKind, int leftBehindEnrolled) {
            return new SchoolMonth(mustKind, null, leftBehindEnrolled);
        }
    }

    /** The sums the KPIs divide, recounted. */
    record Sums(long registered, long contacted, long mustHaveRoom, long roomOperating, long homeVisits,
            long counseling, long parentSessions) {}

    static Sums recount(List<SchoolMonth> schools) {
        long registered = 0, contacted = 0, must = 0, operating = 0, visits = 0, counseling = 0, parents = 0;
        for (SchoolMonth s : schools) {
            if (s.report() == null) {
                must += s.mustKind() && s.leftBehindEnrolled() > 0 ? 1 : 0;
                continue;
            }
            CareReport r = s.report();
            registered += r.getRegistered();
            contacted += r.getContacted();
            visits += r.getHomeVisits();
            counseling += r.getCounselingSessions();
            parents += r.getParentSessions();
            boolean mustHave = s.mustKind() && r.getRegistered() > 0;
            must += mustHave ? 1 : 0;
            operating += mustHave && r.getCareRoomOperating() ? 1 : 0;
        }
        return new Sums(registered, contacted, must, operating, visits, counseling, parents);
    }
}
