package org.ruraledu.streams.reporting;

import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.kpi.FigureUpdate;

/** What a school's reporting state sends on: the figure of one owed period, or a REPORT_MISSING condition. */
sealed interface ReportingOutput {
    record Figure(FigureUpdate update) implements ReportingOutput {}

    record Condition(AlertCondition condition) implements ReportingOutput {}
}
