package org.ruraledu.streams.reporting;

import org.ruraledu.records.InputKind;

/**
 * The reports a school owes, one per input kind, and how alerts and KPIs name them. {@code monthly}: the kind's
 * periods (a month, a term) count in the month KPIs only; the others (a school day, a school hour) in the day and
 * the month.
 */
enum ReportKind {
    MEALS(InputKind.MEAL_REPORTS, "午餐日报", "daily meal report", "个上学日", "school day", "school days", 9, false),
    CLIMATE(InputKind.CLIMATE_READINGS, "教室温度读数", "classroom temperature readings", "个上课小时", "school hour",
            "school hours", 12, false),
    CARE(InputKind.CARE_REPORTS, "留守儿童关爱月报", "monthly care report", "个月", "month", "months", 38, true),
    ENROLLMENT(InputKind.ENROLLMENT, "学期学籍报告", "term enrolment report", "个学期", "term", "terms", 38, true);

    final InputKind input;
    final String zh;
    final String en;
    final String unitZh;
    final String unitEn;
    final String unitsEn;
    final int planItem;
    final boolean monthly;

    ReportKind(InputKind input, String zh, String en, String unitZh, String unitEn, String unitsEn, int planItem,
            boolean monthly) {
        this.input = input;
        this.zh = zh;
        this.en = en;
        this.unitZh = unitZh;
        this.unitEn = unitEn;
        this.unitsEn = unitsEn;
        this.planItem = planItem;
        this.monthly = monthly;
    }

    /** The kind's name in arrivals, figure ids, counters and metric ids: the input's path, e.g. {@code meal-reports}. */
    String path() {
        return input.path();
    }

    static ReportKind byPath(String path) {
        for (ReportKind kind : values()) {
            if (kind.path().equals(path)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("no report kind '" + path + "'");
    }
}
