package org.ruraledu.streams.kpi;

import org.apache.kafka.streams.processor.api.ContextualProcessor;
import org.apache.kafka.streams.processor.api.Record;
import org.ruraledu.contract.Kpi;

/**
 * {@code {name}-school-kpi}: a school's own cell changed ({@link SchoolCells}, the same task), its KPI records
 * changed on the topic ({@link SchoolKpis#changes}). No store: the query API computes the same KPIs from
 * {@link SchoolCells}' entries.
 */
final class SchoolKpiProcessor extends ContextualProcessor<String, CellUpdate.OfSchool, String, Kpi> {
    private final SchoolKpis kpis;

    SchoolKpiProcessor(SchoolKpis kpis) {
        this.kpis = kpis;
    }

    @Override
    public void process(Record<String, CellUpdate.OfSchool> cell) {
        kpis.changes(RollupKey.parse(cell.key()), cell.value(),
                (key, kpi) -> context().forward(new Record<>(key, kpi, cell.timestamp())));
    }
}
