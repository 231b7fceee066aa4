package org.ruraledu.streams.revision;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.records.RecordRules;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.Foundation;
import org.ruraledu.streams.Retention;
import org.ruraledu.streams.ingest.Enriched;
import org.ruraledu.streams.kpi.Counts;
import org.ruraledu.streams.kpi.Period;
import org.ruraledu.streams.kpi.SchoolFigure;

/**
 * The contract's rule for reports, for any report type: per (school, period) the latest report wins, and a
 * report id already seen for that school and period changes nothing, even when it arrives after a correction
 * (a late retry of the first report must not undo the correction). "Latest" is the latest {@code asOf} where the
 * report type has one (a late report of an older head count must not replace a newer one; it is remembered so
 * its retries stay retries, and changes nothing), and among reports of the same {@code asOf} (or without one) the
 * order of arrival in the school's partition: a report of the same day that arrives later is a correction.
 *
 * <p>State: store {@code {name}-latest-report-store}, key {@code {schoolId}|{periodStart or "current"}} →
 * {@link ReportHistory}. Processor {@code {name}-latest-report}. Input must be keyed by schoolId as ingest
 * delivers it (no repartition).
 *
 * <p>Retention: once a day ({@link DailyCheck}) the histories of periods that started before the {@link Retention}
 * horizon are deleted, and a report of such a period is dead-lettered ({@code TOO_OLD}, processors
 * {@code {name}-report-age}, {@code {name}-too-old-dead-letter}) before it reaches the store: with its history
 * gone, its retry would count again. Standing ("current") histories are kept: there is one per school.
 */
public final class LatestReportWins {

    /**
     * How a domain's reports map onto school figures.
     *
     * @param name     the domain's name, prefix of the store and processor names
     * @param reportId the producer-chosen id that makes a retry recognisable
     * @param period   the first day of the period the report covers (the school day, the month, ...), or null
     *                 when each report replaces the school's standing figure (e.g. enrolment)
     * @param counts   the counters the report contributes
     * @param asOf     the day the report's figure is valid on, which orders reports of one school and period
     *                 before their arrival does (null function: arrival alone, as for a report of one school day)
     */
    public record Spec<T>(String name, Function<T, String> reportId, Function<T, LocalDate> period,
            Function<T, Counts> counts, Function<T, LocalDate> asOf) {

        /** A report type whose reports of one school and period are ordered by arrival alone. */
        public Spec(String name, Function<T, String> reportId, Function<T, LocalDate> period,
                Function<T, Counts> counts) {
            this(name, reportId, period, counts, null);
        }
    }

    private LatestReportWins() {}

    public static String storeName(String name) {
        return name + "-latest-report-store";
    }

    public static <T> KStream<String, Revision<T>> apply(Foundation f, KStream<String, Enriched<T>> reports,
            Spec<T> spec) {
        String store = storeName(spec.name());
        f.builder().addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                ReportHistory.SERDE));
        Retention retention = Retention.from(f.settings());
        Clock clock = f.clock();
        return withinHorizon(f, reports, spec, retention).process(() -> new Judge<>(spec, store, retention, clock),
                Named.as(spec.name() + "-latest-report"), store);
    }

    /** The reports of periods still remembered; the others are dead-lettered. */
    private static <T> KStream<String, Enriched<T>> withinHorizon(Foundation f, KStream<String, Enriched<T>> reports,
            Spec<T> spec, Retention retention) {
        String name = spec.name() + "-report-age";
        Map<String, KStream<String, Enriched<T>>> byAge = reports.split(Named.as(name))
                .branch((key, report) -> retention.tooOld(spec.period().apply(report.record()), today(f.clock())),
                        Branched.as("-too-old"))
                .defaultBranch(Branched.as("-kept"));
        f.ingest().deadLetter(spec.name() + "-too-old", byAge.get(name + "-too-old").mapValues(report -> report.refused(
                retention.refusal("period", spec.period().apply(report.record()), today(f.clock()))),
                Named.as(spec.name() + "-too-old")));
        return byAge.get(name + "-kept");
    }

    private static LocalDate today(Clock clock) {
        return LocalDate.ofInstant(clock.instant(), RecordRules.ZONE);
    }

    private static String keyOf(String schoolId, LocalDate period) {
        return schoolId + "|" + (period == null ? Period.CURRENT.id() : period);
    }

    /** The period of a store key, or null for a standing ("current") one. */
    private static LocalDate periodOf(String key) {
        String period = key.substring(key.lastIndexOf('|') + 1);
        return period.equals(Period.CURRENT.id()) ? null : LocalDate.parse(period);
    }

    private static final class Judge<T> implements Processor<String, Enriched<T>, String, Revision<T>> {
        private final Spec<T> spec;
        private final String storeName;
        private final Retention retention;
        private final Clock clock;
        private ProcessorContext<String, Revision<T>> context;
        private KeyValueStore<String, ReportHistory> store;

        Judge(Spec<T> spec, String storeName, Retention retention, Clock clock) {
            this.spec = spec;
            this.storeName = storeName;
            this.retention = retention;
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<String, Revision<T>> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
            DailyCheck.schedule(context, clock, (today, timestamp) -> forgetBefore(retention.horizon(today)));
        }

        @Override
        public void process(Record<String, Enriched<T>> in) {
            Enriched<T> report = in.value();
            LocalDate period = spec.period().apply(report.record());
            String key = keyOf(report.schoolId(), period);
            String reportId = spec.reportId().apply(report.record());
            ReportHistory history = store.get(key);
            if (history == null) {
                history = ReportHistory.none();
            }
            if (history.seen(reportId)) {
                return;
            }
            LocalDate asOf = spec.asOf() == null ? null : spec.asOf().apply(report.record());
            if (history.isNewerThan(asOf)) {
                store.put(key, history.outdatedBy(reportId));
                return;
            }
            // A correction of a dated period counts where the original was counted: a school that moved since
            // takes its standing figures along, not its past days.
            String district = period != null && history.current() != null ? history.current().district()
                    : report.district();
            SchoolFigure figure = new SchoolFigure(report.schoolId(), district, period,
                    spec.counts().apply(report.record()));
            store.put(key, history.replacedBy(reportId, figure, asOf));
            context.forward(in.withValue(new Revision<>(report, history.current(), figure)));
        }

        /** Deletes the histories of periods that started before {@code horizon} (collected first: not while iterating). */
        private void forgetBefore(LocalDate horizon) {
            Retention.forget(store, (key, history) -> {
                LocalDate period = periodOf(key);
                return period != null && period.isBefore(horizon);
            });
        }
    }
}
