package org.ruraledu.streams.meals;

import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.ruraledu.records.InputKind;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.streams.Domain;
import org.ruraledu.streams.Foundation;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.kpi.Counts;
import org.ruraledu.streams.kpi.Metric;
import org.ruraledu.streams.kpi.Period;
import org.ruraledu.streams.revision.LatestReportWins;
import org.ruraledu.streams.revision.Revision;

/**
 * School lunch (午餐), plan item 9: "every pupil who needs lunch at school gets a safe, affordable meal" (2023).
 * Per school day the latest meal report wins; {@code meals.coverage} (served / needing) and
 * {@code meals.food_safety_incidents} per district and city, per day and month; MEAL_GAP and
 * FOOD_SAFETY_INCIDENT alerts per school day.
 */
public final class Meals implements Domain {
    public static final String NAME = "meals";
    static final String SERVED = "served";
    static final String NEEDING = "needing";
    static final String INCIDENTS = "foodSafetyIncidents";
    /** Days after a school day that its alerts wait for a correction before they close by themselves. */
    public static final String CORRECTION_WINDOW_DAYS = "meals.correction.window.days";

    public static final Metric COVERAGE = Metric.ratio("meals.coverage", SERVED, NEEDING);
    public static final Metric FOOD_SAFETY_INCIDENTS = Metric.count("meals.food_safety_incidents", INCIDENTS);

    /** Item 9's targets in the catalog: every pupil who needs lunch at school is served; the meal is safe. */
    public static final String LUNCH_FOR_EVERY_PUPIL = "plan-09-lunch";
    public static final String SAFE_LUNCH = "plan-09-food-safety";

    private static final LatestReportWins.Spec<MealReport> REPORTS = new LatestReportWins.Spec<>(NAME,
            MealReport::getReportId, MealReport::getDate, Meals::counts);

    /** What one report contributes to its school day's figure (and what the alert checks judge). */
    static Counts counts(MealReport r) {
        return Counts.of(Map.of(SERVED, r.getServed(), NEEDING, r.getNeeding(), INCIDENTS, r.getFoodSafetyIncidents()));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(Foundation f) {
        KStream<String, Enriched<MealReport>> reports = f.ingest().forDomain(NAME).stream(InputKind.MEAL_REPORTS);
        KStream<String, Revision<MealReport>> revisions = LatestReportWins.apply(f, reports, REPORTS);
        f.kpis().rollUp(NAME, revisions.mapValues(Revision::change, Named.as(NAME + "-figure-change")),
                Period.DAY, List.of(COVERAGE, FOOD_SAFETY_INCIDENTS));
        int correctionWindowDays = f.settings().getInt(CORRECTION_WINDOW_DAYS);
        if (correctionWindowDays < 0) {
            throw new IllegalArgumentException(CORRECTION_WINDOW_DAYS + " must not be negative, got " + correctionWindowDays);
        }
        MealAlerts.Thresholds thresholds = MealAlerts.Thresholds.from(f.targets());
        f.alerts().track(NAME, revisions.flatMapValues(
                revision -> MealAlerts.conditions(revision, correctionWindowDays, thresholds),
                Named.as(NAME + "-alert-check")));
    }
}
