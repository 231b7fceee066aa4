package org.ruraledu.streams.revision;

import java.util.ArrayList;
import java.util.List;
import org.ruraledu.streams.kpi.SchoolFigure;

/** What is known of one school and period: every report id seen, and the figure of the latest report. */
record ReportHistory(List<String> reportIds, SchoolFigure current) {

    ReportHistory {
        reportIds = List.copyOf(reportIds);
    }

    static ReportHistory none() {
        return new ReportHistory(List.of(), null);
    }

    boolean seen(String reportId) {
        return reportIds.contains(reportId);
    }

    ReportHistory replacedBy(String reportId, SchoolFigure figure) {
        List<String> ids = new ArrayList<>(reportIds);
        ids.add(reportId);
        return new ReportHistory(ids, figure);
    }
}
