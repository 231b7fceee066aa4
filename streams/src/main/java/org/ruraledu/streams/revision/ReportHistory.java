package org.ruraledu.streams.revision;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serde;
import org.ruraledu.streams.kpi.RollupSerdes;
import org.ruraledu.streams.kpi.SchoolFigure;
import org.ruraledu.streams.serde.Compact;

/**
 * What is known of one school and period: every report id seen (including reports outdated on arrival, so that
 * their retries are still retries), and the figure of the latest report with the day it is valid on
 * ({@code asOf}, null where the report type has none, or in state written before it was kept).
 */
record ReportHistory(List<String> reportIds, SchoolFigure current, LocalDate asOf) {

    ReportHistory {
        reportIds = List.copyOf(reportIds);
    }

    static ReportHistory none() {
        return new ReportHistory(List.of(), null, null);
    }

    boolean seen(String reportId) {
        return reportIds.contains(reportId);
    }

    /** Whether the current figure is valid on a later day than {@code other}: a report as of then is outdated. */
    boolean isNewerThan(LocalDate other) {
        return asOf != null && other != null && asOf.isAfter(other);
    }

    ReportHistory replacedBy(String reportId, SchoolFigure figure, LocalDate figureAsOf) {
        return new ReportHistory(withId(reportId), figure, figureAsOf);
    }

    /** The report is remembered, its figure is not: an older one than the current figure. */
    ReportHistory outdatedBy(String reportId) {
        return new ReportHistory(withId(reportId), current, asOf);
    }

    private static final byte FORMAT = 1;

    /** Written for every report: a compact format ({@link Compact}), no field names. */
    static final Serde<ReportHistory> SERDE = Compact.serde(FORMAT, (history, out) -> {
        out.varlong(history.reportIds.size());
        history.reportIds.forEach(out::text);
        out.bool(history.current != null);
        if (history.current != null) {
            RollupSerdes.figure(history.current, out);
        }
        out.day(history.asOf);
    }, in -> {
        List<String> ids = new ArrayList<>();
        for (long i = in.varlong(); i > 0; i--) {
            ids.add(in.text());
        }
        SchoolFigure current = in.bool() ? RollupSerdes.figure(in) : null;
        return new ReportHistory(ids, current, in.day());
    }, ReportHistory.class);

    private List<String> withId(String reportId) {
        List<String> ids = new ArrayList<>(reportIds);
        ids.add(reportId);
        return ids;
    }
}
