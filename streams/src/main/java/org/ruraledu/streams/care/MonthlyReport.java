package org.ruraledu.streams.care;

import java.time.LocalDate;
import java.time.YearMonth;
import org.ruraledu.schemas.CareReport;

/**
 * A care report with what the rule made of it on arrival: whether its school must run a care room that month
 * ({@link CareRoomRule}, judged on the school's registry profile when the report came). A month's figure stays
 * as it was counted (a correction of the month is judged again); the {@code current} figure follows the registry.
 */
record MonthlyReport(CareReport report, boolean roomRequired) {

    /** The first day of the reported month ({@code "YYYY-MM"}, checked by the record rules). */
    LocalDate month() {
        return monthOf(report);
    }

    static LocalDate monthOf(CareReport report) {
        return YearMonth.parse(report.getMonth()).atDay(1);
    }
}
