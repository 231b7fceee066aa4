package org.ruraledu.streams.reporting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ruraledu.streams.kpi.Counts;
import org.ruraledu.streams.kpi.FigureChange;
import org.ruraledu.streams.kpi.FigureUpdate;
import org.ruraledu.streams.kpi.Metric;
import org.ruraledu.streams.kpi.Period;
import org.ruraledu.streams.kpi.SchoolFigure;

/**
 * The figure of one owed period, once its deadline passed: counters {@code owed=1}, {@code received} (0 or 1),
 * {@code onTime} (received by the deadline, judged on the arrival's Kafka timestamp), and the same per kind
 * ({@code owed.meal-reports}, ...). Figure id {@code {schoolId}|{kind}|{period}}: a report that arrives late
 * replaces the figure (received 1, onTime still 0). A KPI key has no kind dimension, so the kinds are metrics of
 * their own: {@code reporting.completeness.meal-reports}, ...
 */
final class ReportingKpis {
    static final String OWED = "owed";
    static final String RECEIVED = "received";
    static final String ON_TIME = "onTime";

    static final Metric COMPLETENESS = Metric.ratio("reporting.completeness", RECEIVED, OWED);
    static final Metric TIMELINESS = Metric.ratio("reporting.timeliness", ON_TIME, OWED);
    static final List<Metric> METRICS = metrics();

    private ReportingKpis() {}

    private static List<Metric> metrics() {
        List<Metric> metrics = new ArrayList<>(List.of(COMPLETENESS, TIMELINESS));
        for (ReportKind kind : ReportKind.values()) {
            metrics.add(completeness(kind));
            metrics.add(timeliness(kind));
        }
        return List.copyOf(metrics);
    }

    static Metric completeness(ReportKind kind) {
        return Metric.ratio("reporting.completeness." + kind.path(), of(RECEIVED, kind), of(OWED, kind));
    }

    static Metric timeliness(ReportKind kind) {
        return Metric.ratio("reporting.timeliness." + kind.path(), of(ON_TIME, kind), of(OWED, kind));
    }

    private static String of(String counter, ReportKind kind) {
        return counter + "." + kind.path();
    }

    static String figureId(String schoolId, ReportKind kind, String period) {
        return schoolId + "|" + kind.path() + "|" + period;
    }

    /** The figure of an owed period whose deadline passed: {@code received} null if nothing came (yet). */
    static FigureUpdate owed(String schoolId, String district, ReportKind kind, String period, Instant deadline,
            Long received) {
        long got = received == null ? 0 : 1;
        long onTime = received != null && received <= deadline.toEpochMilli() ? 1 : 0;
        Map<String, Long> counters = new TreeMap<>();
        counters.put(OWED, 1L);
        counters.put(RECEIVED, got);
        counters.put(ON_TIME, onTime);
        counters.put(of(OWED, kind), 1L);
        counters.put(of(RECEIVED, kind), got);
        counters.put(of(ON_TIME, kind), onTime);
        return new FigureUpdate(figureId(schoolId, kind, period),
                new SchoolFigure(schoolId, district, ReportSchedule.day(period), Counts.of(counters)));
    }

    /**
     * A month's or a term's figure covers the month of its first day: it counts in that month and its term (not in
     * the day it is dated nor its week); the others are a day's, in its day, week, month and term.
     */
    static FigureChange periods(FigureChange change) {
        SchoolFigure figure = change.after() != null ? change.after() : change.before();
        boolean monthly = figure != null && java.util.Arrays.stream(ReportKind.values())
                .anyMatch(kind -> kind.monthly && figure.counts().get(of(OWED, kind)) > 0);
        return monthly ? new FigureChange(change.before(), change.after(), Period.MONTH) : change;
    }
}
