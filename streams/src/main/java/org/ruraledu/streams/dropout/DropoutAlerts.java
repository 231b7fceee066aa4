package org.ruraledu.streams.dropout;

import java.time.LocalDate;
import java.util.List;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Alert.Severity;
import org.ruraledu.contract.AlertType;
import org.ruraledu.schemas.DropoutReason;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.alert.AlertDraft;
import org.ruraledu.streams.alert.Where;

/**
 * The two dropout alerts, one condition per case (subject: the caseId). DROPOUT_DETECTED holds while the case is
 * open; DROPOUT_CASE_OVERDUE holds while it is open past the follow-up limit, CRITICAL past the escalation limit.
 * Both are resolved when the case closes or is withdrawn. Messages speak the plan's words (控辍保学, 一人一案, 劝返)
 * and name the pupil only by grade: the pseudonymous studentRef travels in {@code subjectRef}, never in the text.
 */
final class DropoutAlerts {
    private static final String ITEM_ZH = "（重点项目清单第38项）";
    private static final String ITEM_EN = " (key-project list item 38)";
    /** What DROPOUT_CASE_OVERDUE observes: calendar days the case has been open (threshold: the limit). */
    static final String CASE_DAYS_OPEN = "dropout.case_days_open";

    private final DropoutRules rules;
    private final FollowUpLimits limits;

    DropoutAlerts(DropoutRules rules, FollowUpLimits limits) {
        this.rules = rules;
        this.limits = limits;
    }

    /**
     * DROPOUT_DETECTED as a case change leaves it. A revision (e.g. a new reason) restates it, so that the open
     * alert's text follows the latest word (the lifecycle updates it only if the text changed).
     */
    List<AlertCondition> detected(CaseChange change, String district, String schoolName) {
        Where where = Where.of(schoolName, district);
        return switch (change.kind()) {
            case OPENED, REOPENED -> List.of(detectedHolds(change.after(), district, where));
            // Opened and closed by one late event: the bureau hears both, as it would have in order.
            case OPENED_AND_CLOSED -> List.of(detectedHolds(change.after(), district, where),
                    closed(AlertType.DROPOUT_DETECTED, Severity.CRITICAL, change.after(), district, where));
            case CLOSED -> List.of(closed(AlertType.DROPOUT_DETECTED, Severity.CRITICAL, change.after(), district,
                    where));
            case WITHDRAWN -> List.of(withdrawn(AlertType.DROPOUT_DETECTED, Severity.CRITICAL, change.before(),
                    district, where));
            case REVISED -> List.of(change.after().isOpen() ? detectedHolds(change.after(), district, where)
                    : closed(AlertType.DROPOUT_DETECTED, Severity.CRITICAL, change.after(), district, where));
        };
    }

    /**
     * DROPOUT_CASE_OVERDUE when a case's overdue level changes, from an event ({@code change}) or from the overdue
     * check ({@code change} null), and restated when a revision of a case still overdue changes its text; empty
     * when the level stays otherwise.
     */
    List<AlertCondition> overdue(OpenCase was, OpenCase now, CaseChange change, LocalDate today) {
        OverdueLevel before = was == null ? OverdueLevel.NONE : was.level();
        OverdueLevel after = now == null ? OverdueLevel.NONE : now.level();
        if (before == after) {
            boolean revisedWhileOverdue = after != OverdueLevel.NONE && change != null
                    && change.kind() == CaseChange.Kind.REVISED;
            return revisedWhileOverdue ? List.of(overdueHolds(now, today)) : List.of();
        }
        if (after != OverdueLevel.NONE) {
            return List.of(overdueHolds(now, today));
        }
        Where where = Where.of(was.schoolName(), was.district());
        Severity severity = severity(before);
        DropoutCase latest = change == null ? was.dropoutCase() : change.after();
        if (latest == null) {
            return List.of(withdrawn(AlertType.DROPOUT_CASE_OVERDUE, severity, was.dropoutCase(), was.district(), where));
        }
        if (latest.isOpen()) {
            return List.of(withinLimit(was, where, today));
        }
        return List.of(closed(AlertType.DROPOUT_CASE_OVERDUE, severity, latest, was.district(), where));
    }

    private AlertCondition detectedHolds(DropoutCase c, String district, Where where) {
        // A streak case opens on the day the threshold is reached, not the first day of absence: say so.
        boolean recorded = c.cause() == OpeningCause.DROPPED_OUT;
        String whatZh = recorded ? "自" + c.openedOn() + "起失学辍学（学校登记为失学辍学）"
                : "截至" + c.openedOn() + "已无故连续缺勤" + rules.absenceThresholdDays() + "个上学日";
        String whatEn = recorded ? "has been out of school since " + c.openedOn() + " (recorded as dropped out)"
                : "had been absent without excuse for " + rules.absenceThresholdDays()
                        + " consecutive school days by " + c.openedOn();
        return AlertCondition.holding(c.caseId(), draft(AlertType.DROPOUT_DETECTED, Severity.CRITICAL, c, district)
                .message("控辍保学预警：" + where.zh() + pupilZh(c) + whatZh + "，原因：" + reasonZh(c.reason())
                                + "。请按“一人一案”跟进，即时劝返" + ITEM_ZH,
                        "Dropout detected (dropout control): " + pupilEn(c) + " at " + where.en() + " " + whatEn
                                + "; reason: " + reasonEn(c.reason()) + ". Follow the child up as one case per "
                                + "child and persuade the child to return to school" + ITEM_EN + ".")
                .build());
    }

    private AlertCondition overdueHolds(OpenCase open, LocalDate today) {
        DropoutCase c = open.dropoutCase();
        Where where = Where.of(open.schoolName(), open.district());
        long days = c.daysOpen(today);
        int limit = open.level().limitDays(limits);
        boolean escalated = open.level() == OverdueLevel.ESCALATED;
        return AlertCondition.holding(c.caseId(), draft(AlertType.DROPOUT_CASE_OVERDUE, severity(open.level()), c,
                open.district())
                .metric(CASE_DAYS_OPEN, (double) days, (double) limit, null)
                .message((escalated ? "一人一案跟进严重超期，升级督办：" : "一人一案跟进超期：") + where.zh() + pupilZh(c)
                                + "自" + c.openedOn() + "起失学辍学已" + days + "天，超过" + limit + "天时限仍未劝返返校，"
                                + "原因：" + reasonZh(c.reason()) + "，请督促落实劝返" + ITEM_ZH,
                        (escalated ? "Dropout case escalated: " : "Dropout case overdue: ") + pupilEn(c) + " at "
                                + where.en() + ", out of school since " + c.openedOn() + ", has not been persuaded to "
                                + "return after " + days + " days, past the " + (escalated ? "escalation" : "follow-up")
                                + " limit of " + limit + " days (one case per child); reason: " + reasonEn(c.reason())
                                + ITEM_EN + ".")
                .build());
    }

    /** The case closed: the child is back in school, or verified as transferred to another school. */
    private AlertCondition closed(AlertType type, Severity severity, DropoutCase c, String district, Where where) {
        long days = c.daysOpen(c.closedOn());
        AlertDraft draft = draft(type, severity, c, district);
        if (type == AlertType.DROPOUT_CASE_OVERDUE) {
            int limit = severity == Severity.CRITICAL ? limits.escalationLimitDays() : limits.followUpLimitDays();
            draft.metric(CASE_DAYS_OPEN, (double) days, (double) limit, null);
        }
        if (c.closure() == Closure.TRANSFERRED) {
            return AlertCondition.cleared(c.caseId(), draft.message(
                    "核实转学，案件关闭：" + where.zh() + pupilZh(c) + "已于" + c.closedOn() + "转至其他学校就读，自"
                            + c.openedOn() + "起的失学辍学案件关闭（一人一案）" + ITEM_ZH,
                    "Verified transfer, case closed: " + pupilEn(c) + " at " + where.en() + " moved to another school on "
                            + c.closedOn() + "; the case open since " + c.openedOn() + " is closed (one case per child)"
                            + ITEM_EN + ".").build());
        }
        return AlertCondition.cleared(c.caseId(), draft.message(
                "劝返成功，案件关闭：" + where.zh() + pupilZh(c) + "已于" + c.closedOn() + "返校，自" + c.openedOn()
                        + "起的失学辍学案件历时" + days + "天关闭（一人一案）" + ITEM_ZH,
                "Back in school, case closed: " + pupilEn(c) + " at " + where.en() + " returned on " + c.closedOn()
                        + "; the case open since " + c.openedOn() + " is closed after " + days
                        + " days (one case per child)" + ITEM_EN + ".").build());
    }

    /** Late events tell a different story: the case never was (usually another one, dated otherwise, replaces it). */
    private AlertCondition withdrawn(AlertType type, Severity severity, DropoutCase c, String district, Where where) {
        return AlertCondition.cleared(c.caseId(), draft(type, severity, c, district).message(
                "案件撤销：更正后的记录不再显示" + where.zh() + pupilZh(c) + "自" + c.openedOn() + "起失学辍学" + ITEM_ZH,
                "Case withdrawn: corrected records no longer show " + pupilEn(c) + " at " + where.en()
                        + " out of school since " + c.openedOn() + ITEM_EN + ".").build());
    }

    /** Still open but within the limit again: only when the clock was set back. */
    private AlertCondition withinLimit(OpenCase was, Where where, LocalDate today) {
        DropoutCase c = was.dropoutCase();
        return AlertCondition.cleared(c.caseId(), draft(AlertType.DROPOUT_CASE_OVERDUE, Severity.WARNING, c,
                was.district())
                .metric(CASE_DAYS_OPEN, (double) c.daysOpen(today), (double) limits.followUpLimitDays(), null)
                .message("一人一案跟进未超期：" + where.zh() + pupilZh(c) + "自" + c.openedOn() + "起的案件仍在跟进时限内"
                                + ITEM_ZH,
                        "Dropout case not overdue: the case of " + pupilEn(c) + " at " + where.en() + ", open since "
                                + c.openedOn() + ", is within the follow-up limit" + ITEM_EN + ".")
                .build());
    }

    private static AlertDraft draft(AlertType type, Severity severity, DropoutCase c, String district) {
        return AlertDraft.of(type, severity, district)
                .school(c.schoolId())
                .subjectRef(c.studentRef())
                .periodStart(c.openedOn());
    }

    private static Severity severity(OverdueLevel level) {
        return level == OverdueLevel.ESCALATED ? Severity.CRITICAL : Severity.WARNING;
    }

    private static String pupilZh(DropoutCase c) {
        return c.grade() + "年级" + (c.leftBehind() ? "留守儿童" : "学生");
    }

    private static String pupilEn(DropoutCase c) {
        return "a grade-" + c.grade() + " pupil" + (c.leftBehind() ? " (left-behind child)" : "");
    }

    static String reasonZh(DropoutReason reason) {
        return switch (reason) {
            case FINANCIAL -> "家庭经济困难";
            case LEARNING_DIFFICULTY -> "学习困难";
            case ILLNESS -> "疾病";
            case FAMILY_MIGRATION -> "随家庭迁移";
            case EMPLOYMENT -> "外出务工";
            case MARRIAGE -> "早婚";
            case DISABILITY -> "残疾";
            case OTHER -> "其他";
            case UNKNOWN -> "尚不清楚";
        };
    }

    static String reasonEn(DropoutReason reason) {
        return switch (reason) {
            case FINANCIAL -> "financial hardship";
            case LEARNING_DIFFICULTY -> "learning difficulty";
            case ILLNESS -> "illness";
            case FAMILY_MIGRATION -> "family migration";
            case EMPLOYMENT -> "employment";
            case MARRIAGE -> "marriage";
            case DISABILITY -> "disability";
            case OTHER -> "other";
            case UNKNOWN -> "not yet known";
        };
    }
}
