package org.ruraledu.streams.ingest;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.GlobalKTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.state.KeyValueStore;
import org.ruraledu.records.RecordRules;
import org.ruraledu.topics.Topics;

/**
 * The school registry (compacted {@code ruraledu.school-registry.v1}) as a GlobalKTable: every instance holds
 * all schools, so reports are enriched with their district without repartitioning by school.
 */
public final class SchoolRegistry {
    public static final String STORE = "school-registry-store";
    /** Names the source ({@code school-registry-source}) and the processor that fills the store. */
    static final String NAME = "school-registry";

    private SchoolRegistry() {}

    public static GlobalKTable<String, RegistryEntry> globalTable(StreamsBuilder builder, RecordRules rules) {
        return builder.globalTable(Topics.SCHOOL_REGISTRY.name(),
                Consumed.with(Serdes.String(), RegistryEntry.serde(rules)).withName(NAME),
                Materialized.<String, RegistryEntry, KeyValueStore<Bytes, byte[]>>as(STORE)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(RegistryEntry.serde(rules)));
    }
}
