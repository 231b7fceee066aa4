package org.ruraledu.producers.simulator;

import java.time.YearMonth;
import java.util.Random;
import org.ruraledu.schemas.CareReport;

/**
 * Left-behind children care (留守儿童关爱), one report per school and month: the school's registered left-behind
 * children, how many its teachers reached that month (most schools all, some fall short), home visits, counselling
 * and parent sessions, and whether its care room ran. A school without left-behind children reports zeros.
 */
final class CareReporter {
    private static final double ALL_CONTACTED = 0.85;

    private final Random random;

    CareReporter(Random random) {
        this.random = random;
    }

    static String reportId(SimulatedSchool school, YearMonth month, int version) {
        return school.id() + "-care-" + month + "-" + version;
    }

    CareReport report(SimulatedSchool school, YearMonth month) {
        int registered = school.leftBehind();
        int contacted = registered == 0 || random.nextDouble() < ALL_CONTACTED ? registered
                : registered - 1 - random.nextInt(Math.max(1, registered / 10));
        boolean room = school.careRoom();
        return CareReport.newBuilder()
                .setReportId(reportId(school, month, 1))
                .setSchoolId(school.id())
                .setMonth(month.toString())
                .setRegistered(registered)
                .setContacted(Math.max(0, contacted))
                .setHomeVisits(registered == 0 ? 0 : (int) Math.round(registered * (0.2 + random.nextDouble() * 0.4)))
                .setCounselingSessions(registered == 0 ? 0 : room ? 2 + random.nextInt(7) : random.nextInt(2))
                .setParentSessions(registered == 0 ? 0 : 1 + random.nextInt(4))
                .setCareRoomOperating(room)
                .build();
    }

    /**
     * A school corrects its month: it had left children it did reach out of the count, or the care room that
     * opened late in the month was reported closed; otherwise a home visit was missing.
     */
    CareReport correct(CareReport sent) {
        CareReport.Builder fixed = CareReport.newBuilder(sent).setReportId(sent.getReportId()
                .replaceFirst("-1$", "-2"));
        if (sent.getContacted() < sent.getRegistered()) {
            fixed.setContacted(sent.getRegistered());
        } else if (!sent.getCareRoomOperating() && sent.getRegistered() > 0) {
            fixed.setCareRoomOperating(true);
        } else {
            fixed.setHomeVisits(sent.getHomeVisits() + 1);
        }
        return fixed.build();
    }
}
