package org.ruraledu.streams.kpi;

import org.ruraledu.streams.StoreWrites;
import java.time.Clock;
import java.time.LocalDate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.kstream.Named;
import org.ruraledu.streams.DailyCheck;
import org.ruraledu.streams.Retention;

/**
 * Dated figures that a domain derives (not reports: those have {@code LatestReportWins}) turned into
 * {@link FigureChange}s against what was counted before. A dated figure stays in the district where it was
 * counted: a school that moves later takes its standing figures along, not its history. So the figure as counted
 * is remembered, and its revision or withdrawal subtracts exactly that; an update that only names another
 * district (same day, same counters) changes nothing.
 *
 * <p>Store {@code {name}-counted-figures-store}: figureId → {@link SchoolFigure}. Processor
 * {@code {name}-counted-figures}. Retention: once a day figures dated before the {@link Retention} horizon are
 * forgotten (the domain refuses input that old), so the store is bounded by figures × retained days.
 */
public final class CountedFigures {
    private CountedFigures() {}

    public static String storeName(String name) {
        return name + "-counted-figures-store";
    }

    public static KStream<String, FigureChange> changes(StreamsBuilder builder, String name,
            KStream<String, FigureUpdate> updates, Retention retention, Clock clock) {
        String store = storeName(name);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                RollupSerdes.FIGURES));
        return updates.process(() -> new Ledger(store, retention, clock), Named.as(name + "-counted-figures"), store);
    }

    private static final class Ledger implements Processor<String, FigureUpdate, String, FigureChange> {
        private final String storeName;
        private final Retention retention;
        private final Clock clock;
        private ProcessorContext<String, FigureChange> context;
        private KeyValueStore<String, SchoolFigure> store;

        Ledger(String storeName, Retention retention, Clock clock) {
            this.storeName = storeName;
            this.retention = retention;
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<String, FigureChange> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
            DailyCheck.schedule(context, clock, (today, timestamp) -> forgetBefore(retention.horizon(today)));
        }

        @Override
        public void process(Record<String, FigureUpdate> in) {
            String id = in.value().figureId();
            SchoolFigure counted = store.get(id);
            SchoolFigure figure = in.value().figure();
            if (figure == null) {
                if (counted != null) {
                    StoreWrites.remove(store, id);
                    context.forward(in.withValue(new FigureChange(counted, null)));
                }
                return;
            }
            if (counted != null && counted.date().equals(figure.date()) && counted.counts().equals(figure.counts())) {
                return;
            }
            store.put(id, figure);
            context.forward(in.withValue(new FigureChange(counted, figure)));
        }

        private void forgetBefore(LocalDate horizon) {
            Retention.forget(store, (id, figure) -> figure.date().isBefore(horizon));
        }
    }
}
