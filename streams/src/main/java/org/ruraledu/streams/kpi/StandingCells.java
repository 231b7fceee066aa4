package org.ruraledu.streams.kpi;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Where a KPI level's CURRENT cells are read for their daily re-stamp ({@link KpiProcessor}): the district or city
 * level's rollup store (the schools' own are re-stamped by {@link SchoolCells}).
 *
 * @param storeName the rollup store the cells are in (connected to the KPI processor)
 */
record StandingCells(String storeName) {

    /** Every CURRENT cell of the task's store, with its tally. */
    List<KeyValue<RollupKey, Tally>> read(ProcessorContext<?, ?> context) {
        KeyValueStore<String, ValueAndTimestamp<Tally>> cells = context.getStateStore(storeName);
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
