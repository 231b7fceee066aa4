package org.ruraledu.streams.meals;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolLevel;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.kpi.SchoolFigure;
import org.ruraledu.streams.revision.Revision;
import org.ruraledu.streams.targets.TargetCatalog;

/**
 * Which lunch conditions a revision sends on to the alert lifecycle. Each is a read (and maybe a write) of the
 * lifecycle's store; no topic carries them (they are tracked where they are emitted), so this is where to count them.
 */
class MealAlertsTest {
    private static final int CORRECTION_WINDOW_DAYS = 14;
    private static final LocalDate DAY = LocalDate.parse("2026-03-02");
    private static final MealAlerts.Thresholds THRESHOLDS =
            MealAlerts.Thresholds.from(TargetCatalog.load(Settings.defaults()));

    @Test
    void onlyConditionsThatCanChangeAnAlertGoOnToTheLifecycle() {
        assertThat(MealAlerts.conditions(first(meal("ok", "w1", 100, 100)), CORRECTION_WINDOW_DAYS, THRESHOLDS))
                .as("no gap, no incident, nothing before: nothing to say").isEmpty();

        MealReport gap = meal("gap", "w2", 100, 90);
        assertThat(MealAlerts.conditions(first(gap), CORRECTION_WINDOW_DAYS, THRESHOLDS)).as("the gap holds").hasSize(1);
        assertThat(MealAlerts.conditions(correction(gap, meal("gap-fix", "w2", 100, 100)), CORRECTION_WINDOW_DAYS, THRESHOLDS))
                .as("the gap held and clears").hasSize(1);
    }

    /** The first report of its school day, as LatestReportWins sends it on. */
    private static Revision<MealReport> first(MealReport report) {
        return new Revision<>(enriched(report), null, figure(report));
    }

    /** {@code fix} replacing {@code before} for the same school day. */
    private static Revision<MealReport> correction(MealReport before, MealReport fix) {
        return new Revision<>(enriched(fix), figure(before), figure(fix));
    }

    private static SchoolFigure figure(MealReport report) {
        return new SchoolFigure(report.getSchoolId(), "wendeng", report.getDate(), Meals.counts(report));
    }

    private static Enriched<MealReport> enriched(MealReport report) {
        SchoolProfile school = SchoolProfile.newBuilder().setSchoolId(report.getSchoolId())
                .setName("School " + report.getSchoolId()).setDistrict("wendeng").setLevel(SchoolLevel.PRIMARY)
                .setRural(true).setBoarding(false).setServesLunch(true).setActive(true).build();
        return new Enriched<>(report, school, null);
    }

    private static MealReport meal(String reportId, String schoolId, int needing, int served) {
        return MealReport.newBuilder().setReportId(reportId).setSchoolId(schoolId).setDate(DAY).setNeeding(needing)
                .setServed(served).setProvision(MealProvision.CANTEEN).setFoodSafetyIncidents(0).build();
    }
}
