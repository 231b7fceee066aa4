package org.ruraledu.producers.simulator;

import java.time.LocalDate;
import java.util.Random;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;

/**
 * School lunch (午餐) for one school day: most schools serve everyone who needs lunch; a few fall short
 * (a MEAL_GAP), and very rarely a food-safety incident is reported.
 */
final class MealReporter {
    private static final double GAP = 0.02;
    private static final double INCIDENT = 0.0005;

    private final Random random;

    MealReporter(Random random) {
        this.random = random;
    }

    MealReport report(SimulatedSchool school, LocalDate day, String reportId) {
        int needing = (int) Math.round(school.enrolled() * school.lunchShare() * (0.95 + random.nextDouble() * 0.05));
        int served = needing;
        if (random.nextDouble() < GAP * (2 - school.reliability())) {
            served = Math.max(0, needing - 1 - random.nextInt(Math.max(1, needing / 10)));
        }
        return MealReport.newBuilder()
                .setReportId(reportId)
                .setSchoolId(school.id())
                .setDate(day)
                .setNeeding(needing)
                .setServed(served)
                .setProvision(school.profile().getBoarding() ? MealProvision.CANTEEN
                        : school.profile().getRural() ? MealProvision.CENTRAL_KITCHEN : MealProvision.MIXED)
                .setFoodSafetyIncidents(random.nextDouble() < INCIDENT ? 1 : 0)
                .build();
    }

    /** A school corrects its report: usually it had under-counted the pupils served. */
    MealReport correct(MealReport sent, String reportId) {
        int served = sent.getServed() < sent.getNeeding() && random.nextBoolean()
                ? sent.getNeeding() : Math.max(0, sent.getServed() - random.nextInt(3));
        return MealReport.newBuilder(sent).setReportId(reportId).setServed(served).build();
    }
}
