package org.ruraledu.streams.targets;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import org.ruraledu.contract.Alert.Severity;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.alert.AlertDraft;
import org.ruraledu.streams.kpi.Target;

/**
 * TARGET_SLIPPED conditions of one scope and target, in the plan's words: the district (or the city), the target
 * as the plan says it, the value, the threshold and the deadline. Subject {@code {scope}:{targetId}:{period}},
 * the period it opened in: an alert that opens again after it resolved has an id of its own (the lifecycle forgets
 * resolved conditions after the retention horizon).
 */
final class TargetAlerts {
    private static final String CITY_ZH = "威海市";
    private static final String CITY_EN = "Weihai City";

    private TargetAlerts() {}

    /** SLIPPED: CRITICAL; AT_RISK (behind the path to a deadline ahead): WARNING. */
    static AlertCondition holding(Kpi kpi, Target target, KpiStatus status, LocalDate openedIn) {
        boolean slipped = status == KpiStatus.SLIPPED;
        AlertDraft draft = draft(kpi, target, severity(status));
        LocalDate day = kpi.periodStart();
        String zh = slipped
                ? "规划目标未达成：" + scopeZh(kpi) + periodZh(kpi) + kpi.metric() + "为" + number(kpi.value()) + "，目标"
                        + comparisonZh(target) + number(target.value()) + planZh(target)
                : "规划目标进度滞后：" + scopeZh(kpi) + periodZh(kpi) + kpi.metric() + "为" + number(kpi.value())
                        + (target.baseline() != null ? "，按进度此时应" + comparisonZh(target) + number(target.pathOn(day))
                                : "，与目标相差超过" + number(target.tolerance()))
                        + "，目标" + comparisonZh(target) + number(target.value()) + planZh(target);
        String en = slipped
                ? "Plan target slipped: " + scopeEn(kpi) + " " + kpi.metric() + " " + number(kpi.value()) + " "
                        + periodEn(kpi) + ", target " + comparisonEn(target) + " " + number(target.value())
                        + planEn(target)
                : "Plan target at risk: " + scopeEn(kpi) + " " + kpi.metric() + " " + number(kpi.value()) + " "
                        + periodEn(kpi) + (target.baseline() != null
                                ? ", behind the path to the deadline (" + comparisonEn(target) + " "
                                        + number(target.pathOn(day)) + " by now)"
                                : ", further than " + number(target.tolerance()) + " from the target")
                        + ", target " + comparisonEn(target) + " " + number(target.value()) + planEn(target);
        return AlertCondition.holding(subject(kpi, target, openedIn), draft.message(zh, en).build());
    }

    /** Met (or back on the path) for {@code periods} consecutive periods: resolved. */
    static AlertCondition metAgain(Kpi kpi, Target target, KpiStatus open, LocalDate openedIn, int periods) {
        return AlertCondition.cleared(subject(kpi, target, openedIn), draft(kpi, target, severity(open)).message(
                "规划目标恢复：" + scopeZh(kpi) + "已连续" + periods + "期达成目标或按进度推进，" + periodZh(kpi)
                        + kpi.metric() + "为" + number(kpi.value()) + "，目标" + comparisonZh(target)
                        + number(target.value()) + planZh(target),
                "Plan target back on course: " + scopeEn(kpi) + " met the target or kept pace with it for " + periods
                        + " consecutive periods; " + kpi.metric() + " " + number(kpi.value()) + " " + periodEn(kpi)
                        + ", target " + comparisonEn(target) + " " + number(target.value()) + planEn(target))
                .build());
    }

    /** Another target of the same metric judges the scope now (a later stage of the plan, a changed catalog). */
    static AlertCondition superseded(Kpi kpi, Target old, KpiStatus open, Target now, LocalDate openedIn) {
        return AlertCondition.cleared(subject(kpi, old, openedIn), draft(kpi, old, severity(open)).message(
                "规划目标预警解除：" + scopeZh(kpi) + kpi.metric() + "现按目标" + now.targetId() + "（期限"
                        + now.deadline() + "）评估，原目标" + old.targetId() + planZh(old),
                "Plan target alert resolved: " + scopeEn(kpi) + " " + kpi.metric() + " is now judged against target "
                        + now.targetId() + " (deadline " + now.deadline() + ") instead of " + old.targetId()
                        + planEn(old))
                .build());
    }

    /** SLIPPED: CRITICAL; AT_RISK: WARNING (a resolved alert keeps the severity it had). */
    static Severity severity(KpiStatus status) {
        return status == KpiStatus.SLIPPED ? Severity.CRITICAL : Severity.WARNING;
    }

    private static AlertDraft draft(Kpi kpi, Target target, Severity severity) {
        return AlertDraft.of(AlertType.TARGET_SLIPPED, severity, kpi.scope())
                .metric(kpi.metric(), kpi.value(), target.value(), target.targetId())
                .periodStart(kpi.periodStart())
                .planItem(target.planItem());
    }

    static String subject(Kpi kpi, Target target, LocalDate openedIn) {
        return kpi.scope() + ":" + target.targetId() + ":" + openedIn;
    }

    private static String planZh(Target target) {
        return "（“" + target.plan().zh() + "”，期限" + target.deadline() + "）（重点项目清单第" + target.planItem() + "项）";
    }

    private static String planEn(Target target) {
        return " (\"" + target.plan().en() + "\", deadline " + target.deadline() + ") (key-project list item "
                + target.planItem() + ").";
    }

    private static String scopeZh(Kpi kpi) {
        return District.byKey(kpi.scope()).map(District::nameZh).orElse(CITY_ZH);
    }

    private static String scopeEn(Kpi kpi) {
        return District.byKey(kpi.scope()).map(District::nameEn).orElse(CITY_EN);
    }

    private static String periodZh(Kpi kpi) {
        LocalDate start = kpi.periodStart();
        return switch (kpi.period()) {
            case "month" -> start.getYear() + "年" + start.getMonthValue() + "月";
            case "current" -> "截至" + start;
            default -> String.valueOf(start);
        };
    }

    private static String periodEn(Kpi kpi) {
        LocalDate start = kpi.periodStart();
        return switch (kpi.period()) {
            case "month" -> "in " + YearMonth.from(start);
            case "current" -> "as of " + start;
            default -> "on " + start;
        };
    }

    private static String comparisonZh(Target target) {
        return target.direction() == Target.Direction.AT_LEAST ? "不低于" : "不高于";
    }

    private static String comparisonEn(Target target) {
        return target.direction() == Target.Direction.AT_LEAST ? "at least" : "at most";
    }

    /** At most three decimals, no trailing zeros: 0.933, 1, 0. */
    static String number(double value) {
        return BigDecimal.valueOf(value).setScale(3, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }
}
