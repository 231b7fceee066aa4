package org.ruraledu.streams.reporting;

import java.time.Duration;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.serde.StateSerde;
import org.ruraledu.streams.Domain;
import org.ruraledu.streams.Foundation;
import org.ruraledu.streams.Retention;
import org.ruraledu.streams.alert.AlertCondition;
import org.ruraledu.streams.ingest.DomainIngest;
import org.ruraledu.streams.kpi.CountedFigures;
import org.ruraledu.streams.kpi.FigureUpdate;
import org.ruraledu.streams.kpi.Period;

/**
 * Reporting completeness (完成率 / 上报及时率): which schools owe which reports ({@link ReportSchedule}), which
 * arrived and when, completeness and timeliness per district and city, and REPORT_MISSING while a school stays
 * silent past a deadline.
 *
 * <pre>
 *  meal-reports, climate-readings (in heating's tasks), care-reports, enrollment (in their owners' tasks)
 *      ─► reporting-{kind}-arrivals-first (reporting-{kind}-arrivals-seen-store: one arrival per school and period)
 *      ─► reporting-{kind}-arrivals (repartition) ─┐
 *  reporting registry copy changes ────────────────┴► reporting-schools (reporting-schools-store, wall-clock check)
 *      ├─► figures ─► CountedFigures (reporting-counted-figures-store) ─► Rollup reporting (day, month)
 *      └─► conditions ─► AlertLifecycle (reporting-alert-lifecycle-store, reporting-alert-open-store)
 * </pre>
 *
 * <p>Reporting reads no input topic: the owning domains' accepted records become small arrival facts in their own
 * tasks ({@link DomainIngest#arrivals}), so reporting runs in a sub-topology of its own and never sees the bulk.
 * It must be wired after every owner (last).
 */
public final class Reporting implements Domain {
    public static final String NAME = "reporting";
    /** How often the wall-clock check closes passed deadlines: an alert comes at most this late. */
    public static final String CHECK_INTERVAL = "reporting.check.interval";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void build(Foundation f) {
        ReportSchedule schedule = ReportSchedule.from(f.settings());
        Duration interval = f.settings().getDuration(CHECK_INTERVAL);
        Retention retention = Retention.from(f.settings());
        DomainIngest ingest = f.ingest().forDomain(NAME);

        KStream<String, ReportingInput> inputs = ingest.registry().changes().mapValues(
                change -> (ReportingInput) new ReportingInput.RegistryChanged(change), Named.as(NAME + "-registry-changed"));
        for (ReportKind kind : ReportKind.values()) {
            KStream<String, ReportingInput> arrived = ingest.<SpecificRecordBase>arrivals(kind.input,
                            record -> schedule.periodOf(kind, record.record()))
                    .mapValues(arrival -> (ReportingInput) new ReportingInput.Arrived(arrival),
                            Named.as(NAME + "-" + kind.path() + "-arrived"));
            inputs = inputs.merge(arrived, Named.as(NAME + "-" + kind.path() + "-inputs"));
        }

        f.builder().addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ReportingSchools.STORE),
                Serdes.String(), new StateSerde<>(ReportingSchool.class)));
        String registryStore = ingest.registry().storeName();
        KStream<String, ReportingOutput> outputs = inputs.process(
                () -> new ReportingSchools(schedule, f.clock(), interval, retention, registryStore),
                Named.as(NAME + "-schools"), ReportingSchools.STORE, registryStore);

        KStream<String, FigureUpdate> figures = outputs.flatMapValues(output -> output instanceof ReportingOutput.Figure
                ? List.of(((ReportingOutput.Figure) output).update()) : List.<FigureUpdate>of(), Named.as(NAME + "-figures"));
        f.kpis().rollUp(NAME, CountedFigures.changes(f.builder(), NAME, figures, retention, f.clock())
                        .mapValues(ReportingKpis::periods, Named.as(NAME + "-figure-periods")),
                Period.DAY, ReportingKpis.METRICS);
        f.alerts().track(NAME, outputs.flatMapValues(output -> output instanceof ReportingOutput.Condition
                ? List.of(((ReportingOutput.Condition) output).condition()) : List.<AlertCondition>of(),
                Named.as(NAME + "-conditions")));
    }
}
