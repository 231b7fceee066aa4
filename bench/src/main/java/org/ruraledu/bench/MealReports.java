package org.ruraledu.bench;

import java.time.LocalDate;
import java.util.List;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.client.SchoolClient;
import org.ruraledu.producers.simulator.SimulatedSchool;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;

/**
 * Extra lunch reports of the simulated schools, for load: each is a new report (its own id) for the latest
 * school day, so the pipeline treats it as a correction and does its full work for it (latest report wins,
 * rollups, KPIs, gap conditions) without growing the number of school days.
 */
final class MealReports {
    private final List<SimulatedSchool> schools;
    private final LocalDate day = Workload.lastSchoolDay();
    private final String idPrefix;
    private long next;

    MealReports(List<SimulatedSchool> schools, String idPrefix) {
        this.schools = Workload.lunchSchools(schools);
        if (this.schools.isEmpty()) {
            throw new IllegalArgumentException("no simulated school serves lunch");
        }
        this.idPrefix = idPrefix;
    }

    MealReport next() {
        SimulatedSchool school = schools.get((int) (next % schools.size()));
        MealReport report = report(school, day, idPrefix + "-" + next, next);
        next++;
        return report;
    }

    /** A lunch report of the school for the day; every 50th has a gap of one. */
    static MealReport report(SimulatedSchool school, LocalDate day, String reportId, long n) {
        int needing = Math.max(1, (int) Math.round(school.enrolled() * school.lunchShare()));
        return MealReport.newBuilder()
                .setReportId(reportId)
                .setSchoolId(school.id())
                .setDate(day)
                .setNeeding(needing)
                .setServed(n % 50 == 0 ? needing - 1 : needing) // a small gap now and then, as schools report
                .setProvision(school.profile().getBoarding() ? MealProvision.CANTEEN
                        : school.profile().getRural() ? MealProvision.CENTRAL_KITCHEN : MealProvision.MIXED)
                .setFoodSafetyIncidents(0)
                .build();
    }

    /** Sends {@code count} reports as fast as Kafka takes them; returns once every one is acknowledged. */
    static void burst(Settings settings, List<SimulatedSchool> schools, String idPrefix, int count) {
        MealReports reports = new MealReports(schools, idPrefix);
        try (SchoolClient client = new SchoolClient(settings)) {
            for (int i = 0; i < count; i++) {
                client.send(reports.next());
            }
        }
    }
}
