package org.ruraledu.streams.kpi;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;
import org.ruraledu.records.RecordRules;

/** Turns an updated rollup cell into one KPI record per metric, kept in the KPI store for the query API. */
final class KpiProcessor implements Processor<String, Tally, String, Kpi> {
    private final List<Metric> metrics;
    private final Targets targets;
    private final Clock clock;
    private ProcessorContext<String, Kpi> context;
    private KeyValueStore<String, Kpi> store;

    KpiProcessor(List<Metric> metrics, Targets targets, Clock clock) {
        this.metrics = metrics;
        this.targets = targets;
        this.clock = clock;
    }

    @Override
    public void init(ProcessorContext<String, Kpi> context) {
        this.context = context;
        this.store = context.getStateStore(Kpis.STORE);
    }

    @Override
    public void process(Record<String, Tally> cell) {
        if (cell.value() == null) {
            return;
        }
        RollupKey key = RollupKey.parse(cell.key());
        Instant now = clock.instant();
        for (Metric metric : metrics) {
            Kpi kpi = measure(key, cell.value(), metric, now);
            store.put(kpi.key(), kpi);
            context.forward(new Record<>(kpi.key(), kpi, cell.timestamp()));
        }
    }

    Kpi measure(RollupKey key, Tally tally, Metric metric, Instant now) {
        Metric.Measure measure = metric.measure(tally);
        double value = measure.value();
        // A standing figure (CURRENT) is dated the day it was computed, in the plan's city time.
        LocalDate periodStart = key.periodStart() != null ? key.periodStart() : LocalDate.ofInstant(now, RecordRules.ZONE);
        Optional<Target> target = targets.forMetric(metric.id());
        KpiStatus status = !measure.hasData() ? KpiStatus.NO_DATA
                : target.map(t -> t.judge(value, periodStart)).orElse(KpiStatus.NO_TARGET);
        return new Kpi(key.scope(), metric.id(), key.period().id(), periodStart, value,
                measure.numerator(), measure.denominator(),
                target.map(Target::value).orElse(null), target.map(Target::targetId).orElse(null),
                status, tally.schools(), now);
    }
}
