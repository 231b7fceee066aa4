package org.ruraledu.streams.kpi;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Where a KPI level's CURRENT cells are read for their daily re-stamp ({@link KpiProcessor}): the district and city
 * levels' rollup stores (the schools' own are re-stamped by {@link SchoolCells}).
 *
 * @param storeName the store the cells are in (connected to the KPI processor)
 * @param reader    every CURRENT cell of the task's store, with its tally
 */
record StandingCells(String storeName, Function<ProcessorContext<?, ?>, List<KeyValue<RollupKey, Tally>>> reader) {

    List<KeyValue<RollupKey, Tally>> read(ProcessorContext<?, ?> context) {
        return reader.apply(context);
    }

    /** The CURRENT cells of a district or city rollup store. */
    static StandingCells rollupStore(String storeName) {
        return new StandingCells(storeName, context -> current(context.getStateStore(storeName)));
    }

    private static List<KeyValue<RollupKey, Tally>> current(KeyValueStore<String, ValueAndTimestamp<Tally>> cells) {
        List<KeyValue<RollupKey, Tally>> standing = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Tally>> all = cells.all()) {
            all.forEachRemaining(cell -> {
                RollupKey key = RollupKey.parse(cell.key);
                if (key.period() == Period.CURRENT && cell.value != null) {
                    standing.add(KeyValue.pair(key, cell.value.value()));
                }
            });
        }
        return standing;
    }
}
