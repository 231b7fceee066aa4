package org.ruraledu.streams.kpi;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;
import org.ruraledu.records.RecordRules;

/** A cell's tally measured by one metric and judged against the plan's targets: one KPI record. */
final class Measurements {
    private final Targets targets;

    Measurements(Targets targets) {
        this.targets = targets;
    }

    /** The KPI of {@code metric} in {@code key}'s cell, as of {@code now}; a standing one is dated {@code now}'s day. */
    Kpi measure(RollupKey key, Tally tally, Metric metric, Instant now) {
        Metric.Measure measure = metric.measure(tally);
        double value = measure.value();
        // A standing figure (CURRENT) is dated the day it was computed, in the plan's city time.
        LocalDate periodStart = key.periodStart() != null ? key.periodStart() : LocalDate.ofInstant(now, RecordRules.ZONE);
        Optional<Target> target = targets.applying(key.scope(), metric.id(), periodStart);
        KpiStatus status = !measure.hasData() ? KpiStatus.NO_DATA
                : target.map(t -> t.judge(value, periodStart)).orElse(KpiStatus.NO_TARGET);
        return new Kpi(key.scope(), metric.id(), key.period().id(), periodStart, value,
                measure.numerator(), measure.denominator(),
                target.map(Target::value).orElse(null), target.map(Target::targetId).orElse(null),
                status, tally.schools(), now);
    }

    /** Equal in everything a reader of the KPI looks at; only {@code updatedAt} may differ. */
    static boolean sameFigures(Kpi stored, Kpi fresh) {
        return stored.equals(new Kpi(fresh.scope(), fresh.metric(), fresh.period(), fresh.periodStart(),
                fresh.value(), fresh.numerator(), fresh.denominator(), fresh.target(), fresh.targetId(),
                fresh.status(), fresh.schools(), stored.updatedAt()));
    }
}
