package org.ruraledu.streams.meals;

import java.time.LocalDate;
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
import org.ruraledu.streams.kpi.Target;
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

    /** Item 9: from 2023 on, every pupil who needs lunch at school is served. */
    public static final Target LUNCH_FOR_EVERY_PUPIL = new Target("plan-09-lunch", 9, COVERAGE.id(), 1.0,
            Target.Direction.AT_LEAST, LocalDate.of(2023, 12, 31), 0.05);
    /** Item 9 asks for a safe meal: no food-safety incident, from 2023 on. */
    public static final Target SAFE_LUNCH = new Target("plan-09-food-safety", 9, FOOD_SAFETY_INCIDENTS.id(), 0,
            Target.Direction.AT_MOST, LocalDate.of(2023, 12, 31), 0);

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
    public List<Target> targets() {
        return List.of(LUNCH_FOR_EVERY_PUPIL, SAFE_LUNCH);
    }

    @Override
    public void build(Foundation f) {
        KStream<String, Enriched<MealReport>> reports = f.ingest().forDomain(NAME).stream(InputKind.MEAL_REPORTS);
        KStream<String, Revision<MealReport>> revisions = LatestReportWins.apply(f, reports, REPORTS);
        f.kpis().rollUp(NAME, revisions.mapValues(Revision::change, Named.as(NAME + "-figure-change")),
                List.of(Period.DAY, Period.MONTH), List.of(COVERAGE, FOOD_SAFETY_INCIDENTS));
        int correctionWindowDays = f.settings().getInt(CORRECTION_WINDOW_DAYS);
        if (correctionWindowDays < 0) {
            throw new IllegalArgumentException(CORRECTION_WINDOW_DAYS + " must not be negative, got " + correctionWindowDays);
        }
        f.alerts().track(NAME, revisions.flatMapValues(
                revision -> MealAlerts.conditions(revision, correctionWindowDays),
                Named.as(NAME + "-alert-check")));
    }
}
