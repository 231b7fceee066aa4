package org.ruraledu.streams.care;

import java.time.LocalDate;
import java.time.YearMonth;
import org.ruraledu.contract.Alert.Severity;
import org.ruraledu.contract.AlertType;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.alert.AlertDraft;
import org.ruraledu.streams.alert.Where;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.kpi.Target;

/**
 * CARE_ROOM_MISSING of one school (plan item 38: care rooms for rural left-behind children everywhere by 2025),
 * judged on the latest month it reported. One alert per school at a time: its subject is the school and the month
 * it opened in ({@code {schoolId}:{YYYY-MM}}), so while it stays open a later month without a room updates it,
 * and an alert that opens after one was resolved has an id of its own (the lifecycle forgets a resolved
 * condition after the retention horizon; the month in the subject is then too old to be reported again).
 */
final class CareAlerts {
    private static final String ITEM_ZH = "（重点项目清单第38项：农村留守儿童关爱室建设全覆盖）";
    private static final String ITEM_EN = " (key-project list item 38: care rooms for left-behind children everywhere)";

    private CareAlerts() {}

    /** The latest month's report shows a school that must run a care room without one; open since {@code since}. */
    static AlertCondition missing(Enriched<MonthlyReport> latest, LocalDate since, Target rooms) {
        CareReport r = latest.record().report();
        Where where = where(latest);
        LocalDate month = latest.record().month();
        boolean later = !since.equals(month);
        return AlertCondition.holding(subject(latest, since), draft(latest, 0.0, rooms).message(
                "关爱室缺失：" + where.zh() + zh(month) + "登记留守儿童" + r.getRegistered() + "人，关爱室未运行"
                        + (later ? "（自" + zh(since) + "起）" : "") + ITEM_ZH,
                "Care room missing: " + where.en() + " registered " + r.getRegistered()
                        + " left-behind children in " + en(month) + " but ran no care room"
                        + (later ? " (since " + en(since) + ")" : "") + ITEM_EN + ".")
                .build());
    }

    /**
     * The latest month's report shows the room running ({@code required}) or no room required any more (no
     * left-behind child registered, or the school is not among those that must run one).
     */
    static AlertCondition cleared(Enriched<MonthlyReport> latest, LocalDate since, Target rooms,
            boolean required) {
        Where where = where(latest);
        LocalDate month = latest.record().month();
        if (required) {
            return AlertCondition.cleared(subject(latest, since), draft(latest, 1.0, rooms).message(
                    "关爱室已运行：" + where.zh() + zh(month) + "关爱室正常运行" + ITEM_ZH,
                    "Care room operating: " + where.en() + " ran its care room in " + en(month) + ITEM_EN + ".")
                    .build());
        }
        boolean noChildren = latest.record().report().getRegistered() == 0;
        return AlertCondition.cleared(subject(latest, since), draft(latest, null, rooms).message(
                "关爱室预警解除：" + where.zh() + zh(month)
                        + (noChildren ? "未登记留守儿童" : "不在须设关爱室的学校范围内") + "，无需设立关爱室" + ITEM_ZH,
                "Care room alert resolved: " + where.en() + " needs no care room in " + en(month)
                        + (noChildren ? " (no left-behind children registered)"
                                : " (not among the schools that must run one)") + ITEM_EN + ".")
                .build());
    }

    private static AlertDraft draft(Enriched<MonthlyReport> latest, Double observed, Target rooms) {
        return AlertDraft.of(AlertType.CARE_ROOM_MISSING, Severity.WARNING, latest.district())
                .school(latest.schoolId())
                .periodStart(latest.record().month())
                .metric(CareKpis.ROOM_COVERAGE.id(), observed, rooms == null ? null : rooms.value(),
                        rooms == null ? null : rooms.targetId());
    }

    private static String subject(Enriched<MonthlyReport> latest, LocalDate since) {
        return latest.schoolId() + ":" + YearMonth.from(since);
    }

    private static Where where(Enriched<MonthlyReport> latest) {
        return Where.of(latest.school().getName(), latest.district());
    }

    private static String zh(LocalDate month) {
        return month.getYear() + "年" + month.getMonthValue() + "月";
    }

    private static String en(LocalDate month) {
        return YearMonth.from(month).toString();
    }
}
