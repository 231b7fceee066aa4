package org.ruraledu.streams.reporting;

import org.ruraledu.contract.Alert.Severity;
import org.ruraledu.contract.AlertType;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.alert.AlertDraft;
import org.ruraledu.streams.alert.Where;

/**
 * REPORT_MISSING of one school and kind: it holds while the school is silent (owed periods whose deadline passed
 * with nothing received, after the latest period it sent) and says how many periods; UPDATED as that number
 * changes, RESOLVED when the school reports its latest missing period or a later one, or closes. The subject is
 * {@code {schoolId}:{kind}:{first missing period}}: one open per school and kind, and a key that carries the day
 * it is about, as the lifecycle's retention asks (no period before the horizon is owed again).
 */
final class ReportingAlerts {
    static final String MISSING_PERIODS = "reporting.missing_periods";

    private ReportingAlerts() {}

    static String subject(String schoolId, ReportKind kind, String since) {
        return schoolId + ":" + kind.path() + ":" + since;
    }

    static AlertCondition missing(SchoolProfile school, ReportKind kind, String since, int periods) {
        Where where = Where.of(school.getName(), school.getDistrict());
        String item = item(kind);
        return AlertCondition.holding(subject(school.getSchoolId(), kind, since), draft(school, kind, since, periods)
                .message("报告缺报：" + where.zh() + "的" + kind.zh + "自" + since + "起已有" + periods + kind.unitZh
                                + "过了截止时间仍未收到" + itemZh(kind),
                        "Report missing: " + where.en() + " has not sent its " + kind.en + " for " + periods + " "
                                + (periods == 1 ? kind.unitEn : kind.unitsEn) + " since " + since
                                + ", past the deadline" + item + ".")
                .build());
    }

    static AlertCondition received(SchoolProfile school, ReportKind kind, String since) {
        Where where = Where.of(school.getName(), school.getDistrict());
        return AlertCondition.cleared(subject(school.getSchoolId(), kind, since), draft(school, kind, since, 0)
                .message("报告已恢复：" + where.zh() + "自" + since + "起缺报的" + kind.zh + "已收到" + itemZh(kind),
                        "Reporting resumed: " + where.en() + " sent the " + kind.en + " missing since " + since
                                + item(kind) + ".")
                .build());
    }

    static AlertCondition closed(SchoolProfile school, ReportKind kind, String since) {
        Where where = Where.of(school.getName(), school.getDistrict());
        return AlertCondition.cleared(subject(school.getSchoolId(), kind, since), draft(school, kind, since, 0)
                .message("报告缺报预警关闭：" + where.zh() + "已停办、合并或撤销登记，不再应报" + kind.zh + itemZh(kind),
                        "Report missing alert closed: " + where.en() + " is closed, merged or no longer registered"
                                + " and owes no " + kind.en + " any more" + item(kind) + ".")
                .build());
    }

    private static AlertDraft draft(SchoolProfile school, ReportKind kind, String since, int periods) {
        return AlertDraft.of(AlertType.REPORT_MISSING, Severity.WARNING, school.getDistrict())
                .school(school.getSchoolId())
                .periodStart(ReportSchedule.day(since))
                .planItem(kind.planItem)
                .metric(MISSING_PERIODS, (double) periods, 0.0, null);
    }

    private static String itemZh(ReportKind kind) {
        return "（重点项目清单第" + kind.planItem + "项）";
    }

    private static String item(ReportKind kind) {
        return " (key-project list item " + kind.planItem + ")";
    }
}
