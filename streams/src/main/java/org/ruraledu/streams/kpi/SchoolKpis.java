package org.ruraledu.streams.kpi;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;

/**
 * A school's own KPIs (scope {@code school:{schoolId}}) of one cell, computed from the school's counters that
 * {@link SchoolCells} keeps, and nowhere stored as KPIs: the topic gets them as they change
 * ({@link #changes}), the query API computes them from the same entries ({@link SchoolKpiView}). Keeping them as
 * KPI records too would write a store and its changelog for every metric and period of every school report.
 *
 * <p>A school has a KPI where it has data for the metric: a metric it has no data for is not published (a district
 * cell says NO_DATA; a school that owes no care report on a day says nothing about it), and a cell in which the
 * school has no figure left (its only report withdrawn, its last open case closed) has no KPIs, so its earlier
 * ones are tombstoned on the topic. A standing cell's KPIs are dated the day they were computed: re-stamped under a
 * new day, the earlier day's are tombstoned.
 */
final class SchoolKpis {
    private final List<Metric> metrics;
    private final Measurements measurements;

    SchoolKpis(List<Metric> metrics, Targets targets) {
        this.metrics = List.copyOf(metrics);
        this.measurements = new Measurements(targets);
    }

    List<Metric> metrics() {
        return metrics;
    }

    /**
     * The school's KPIs in {@code cell} (scope {@code school:{schoolId}}) with {@code tally} computed at {@code at},
     * by KPI key. None without a tally, without a figure, or for a standing cell of an unknown day.
     */
    Map<String, Kpi> of(RollupKey cell, Tally tally, Instant at) {
        if (tally == null || tally.schools() == 0 || (at == null && cell.periodStart() == null)) {
            return Map.of();
        }
        // Dated cells written before their time was kept: the figures are right, the time is not known.
        Instant updatedAt = at != null ? at : Instant.EPOCH;
        Map<String, Kpi> kpis = new LinkedHashMap<>();
        for (Metric metric : metrics) {
            Kpi kpi = measurements.measure(cell, tally, metric, updatedAt);
            if (kpi.status() != KpiStatus.NO_DATA) {
                kpis.put(kpi.key(), kpi);
            }
        }
        return kpis;
    }

    /**
     * What the KPI topic is told of a change of the school's cell: each KPI that is new or whose figures changed
     * (not one whose {@code updatedAt} alone did), and a tombstone (null) for each KPI that is gone.
     */
    void changes(RollupKey cell, CellUpdate.OfSchool update, BiConsumer<String, Kpi> out) {
        Map<String, Kpi> before = of(cell, update.before(), update.beforeAt());
        Map<String, Kpi> after = of(cell, update.after(), update.afterAt());
        after.forEach((key, kpi) -> {
            Kpi was = before.get(key);
            if (was == null || !Measurements.sameFigures(was, kpi)) {
                out.accept(key, kpi);
            }
        });
        before.keySet().forEach(key -> {
            if (!after.containsKey(key)) {
                out.accept(key, null);
            }
        });
    }
}
