package org.ruraledu.streams.meals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.ruraledu.contract.Alert.Severity;
import org.ruraledu.contract.AlertType;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.alert.AlertDraft;
import org.ruraledu.streams.alert.Where;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.kpi.SchoolFigure;
import org.ruraledu.streams.kpi.Target;
import org.ruraledu.streams.kpi.Targets;
import org.ruraledu.streams.revision.Revision;

/**
 * The lunch conditions of one school day, judged on its latest report: a lunch gap (fewer served than needed
 * lunch) and food-safety incidents. Both are re-judged on every correction, which is what resolves them.
 */
final class MealAlerts {
    private static final String ITEM_ZH = "（重点项目清单第9项：午餐条件改善）";
    private static final String ITEM_EN = " (key-project list item 9: lunch conditions)";

    private MealAlerts() {}

    /**
     * The catalog's item-9 targets the alerts name as threshold and targetId (looked up by id: the catalog is the
     * one source); null where an operator's catalog has no such target (the alert then names none).
     */
    record Thresholds(Target lunch, Target safety) {
        static Thresholds from(Targets targets) {
            return new Thresholds(targets.find(Meals.LUNCH_FOR_EVERY_PUPIL).orElse(null),
                    targets.find(Meals.SAFE_LUNCH).orElse(null));
        }
    }

    /**
     * Both conditions of the report's school day. Each expires {@code correctionWindowDays} after the day: an alert
     * still open then closes by itself, saying it was not corrected (the figures stay in the KPIs).
     */
    static List<AlertCondition> conditions(Revision<MealReport> revision, int correctionWindowDays,
            Thresholds thresholds) {
        Enriched<MealReport> latest = revision.latest();
        SchoolFigure before = revision.before();
        MealReport r = latest.record();
        // Only what can change an alert goes on: a condition that holds, or one that held before this revision and
        // no longer does. The common case, a first report without a gap or incident, sends nothing at all, and
        // costs no message text either (this runs for every meal report).
        boolean gapMatters = r.getNeeding() > r.getServed() || gap(before);
        boolean incidentsMatter = r.getFoodSafetyIncidents() > 0 || incidents(before);
        if (!gapMatters && !incidentsMatter) {
            return List.of();
        }
        LocalDate lastDay = r.getDate().plusDays(correctionWindowDays);
        Where where = where(latest);
        String day = String.valueOf(r.getDate());
        String window = correctionWindowDays + "天";
        List<AlertCondition> conditions = new ArrayList<>(2);
        if (gapMatters) {
            conditions.add(mealGap(latest, thresholds.lunch()).expiringAfter(lastDay,
                    "午餐缺口预警自动关闭：" + where.zh() + day + "的报告在" + window + "更正期限内未更正，缺口仍计入指标"
                            + ITEM_ZH,
                    "Lunch gap alert closed: the report of " + where.en() + " for " + day + " was not corrected"
                            + " within the " + correctionWindowDays + "-day correction window; the gap stays in"
                            + " the KPIs" + ITEM_EN + "."));
        }
        if (incidentsMatter) {
            conditions.add(foodSafety(latest, thresholds.safety()).expiringAfter(lastDay,
                    "食品安全事件预警自动关闭：" + where.zh() + day + "的报告在" + window + "更正期限内未更正，事件仍计入指标"
                            + ITEM_ZH,
                    "Food-safety incident alert closed: the report of " + where.en() + " for " + day
                            + " was not corrected within the " + correctionWindowDays + "-day correction window;"
                            + " the incident stays in the KPIs" + ITEM_EN + "."));
        }
        return conditions;
    }

    private static boolean gap(SchoolFigure figure) {
        return figure != null && figure.counts().get(Meals.NEEDING) > figure.counts().get(Meals.SERVED);
    }

    private static boolean incidents(SchoolFigure figure) {
        return figure != null && figure.counts().get(Meals.INCIDENTS) > 0;
    }

    static AlertCondition mealGap(Enriched<MealReport> latest, Target lunch) {
        MealReport r = latest.record();
        Where where = where(latest);
        int gap = r.getNeeding() - r.getServed();
        double coverage = r.getNeeding() == 0 ? 1.0 : (double) r.getServed() / r.getNeeding();
        AlertDraft draft = AlertDraft.of(AlertType.MEAL_GAP, Severity.WARNING, latest.district())
                .school(latest.schoolId())
                .periodStart(r.getDate())
                .metric(Meals.COVERAGE.id(), coverage, lunch == null ? null : lunch.value(),
                        lunch == null ? null : lunch.targetId());
        String subject = subject(latest);
        if (gap > 0) {
            return AlertCondition.holding(subject, draft.message(
                    "午餐缺口：" + where.zh() + r.getDate() + "需在校就餐学生" + r.getNeeding() + "人，供餐" + r.getServed()
                            + "人，" + gap + "人未能就餐" + ITEM_ZH,
                    "School lunch gap: " + where.en() + " served lunch to " + r.getServed() + " of the " + r.getNeeding()
                            + " pupils who needed it on " + r.getDate() + "; " + gap + " went without" + ITEM_EN + ".")
                    .build());
        }
        return AlertCondition.cleared(subject, draft.message(
                "午餐缺口已消除：" + where.zh() + r.getDate() + "需在校就餐的" + r.getNeeding() + "名学生均已供餐" + ITEM_ZH,
                "School lunch gap closed: " + where.en() + " served all " + r.getNeeding()
                        + " pupils who needed lunch on " + r.getDate() + ITEM_EN + ".")
                .build());
    }

    static AlertCondition foodSafety(Enriched<MealReport> latest, Target safety) {
        MealReport r = latest.record();
        Where where = where(latest);
        int incidents = r.getFoodSafetyIncidents();
        AlertDraft draft = AlertDraft.of(AlertType.FOOD_SAFETY_INCIDENT, Severity.CRITICAL, latest.district())
                .school(latest.schoolId())
                .periodStart(r.getDate())
                .metric(Meals.FOOD_SAFETY_INCIDENTS.id(), (double) incidents, safety == null ? null : safety.value(),
                        safety == null ? null : safety.targetId());
        String subject = subject(latest);
        if (incidents > 0) {
            return AlertCondition.holding(subject, draft.message(
                    "食品安全事件：" + where.zh() + r.getDate() + "报告食品安全事件" + incidents + "起" + ITEM_ZH,
                    "Food-safety incident: " + where.en() + " reported " + incidents + " food-safety incident"
                            + (incidents == 1 ? "" : "s") + " on " + r.getDate() + ITEM_EN + ".")
                    .build());
        }
        return AlertCondition.cleared(subject, draft.message(
                "食品安全事件已更正：" + where.zh() + r.getDate() + "的更正报告为0起" + ITEM_ZH,
                "Food-safety incident withdrawn: the corrected report of " + where.en() + " for " + r.getDate()
                        + " shows none" + ITEM_EN + ".")
                .build());
    }

    /** One condition per school day. */
    private static String subject(Enriched<MealReport> latest) {
        return latest.schoolId() + ":" + latest.record().getDate();
    }

    private static Where where(Enriched<MealReport> latest) {
        return Where.of(latest.school().getName(), latest.district());
    }
}
