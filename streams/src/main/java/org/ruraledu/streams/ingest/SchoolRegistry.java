package org.ruraledu.streams.ingest;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.records.RecordRules;
import org.ruraledu.topics.Topics;

/**
 * The school registry (compacted {@code ruraledu.school-registry.v1}), co-partitioned with the input topics: both
 * are keyed by schoolId and have the same partition count (checked at start-up), so the task that owns a school's
 * reports also owns its registry entry. That is what lets per-school state react to the registry itself: when a
 * school moves district or closes, its standing figures move or leave at once, without waiting for its next report.
 *
 * <pre>
 *   school-registry-source → school-registry-update (school-registry-store) → registry changes → domains
 * </pre>
 *
 * <p>Why not a GlobalKTable (as before): a global table is read by its own thread, out of step with the tasks, and
 * a task cannot react to its updates. The cost of the co-partitioned table is that every input topic and the
 * registry form one sub-topology, which per-school report completeness needs anyway.
 *
 * <p>The entry's bytes are kept as received: garbage under a school's key becomes an unusable entry (see
 * {@link RegistryEntry}), and the reports of that school are dead-lettered naming the problem.
 */
public final class SchoolRegistry {
    public static final String STORE = "school-registry-store";
    /** Names the source ({@code school-registry-source}) and the processor that keeps the store. */
    static final String NAME = "school-registry";

    private final KStream<String, RegistryChange> changes;

    SchoolRegistry(StreamsBuilder builder, RecordRules rules) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                RegisteredSchool.serde(rules)));
        changes = builder.stream(Topics.SCHOOL_REGISTRY.name(),
                        Consumed.with(Serdes.String(), RegistryEntry.serde(rules)).withName(NAME + "-source"))
                .process(Update::new, Named.as(NAME + "-update"), STORE);
    }

    /** Every change of a school's entry, keyed by schoolId, in the school's task. */
    public KStream<String, RegistryChange> changes() {
        return changes;
    }

    /** Keeps the store and tells what changed; a record sent again unchanged tells nothing. */
    private static final class Update implements Processor<String, RegistryEntry, String, RegistryChange> {
        private ProcessorContext<String, RegistryChange> context;
        private KeyValueStore<String, RegisteredSchool> store;

        @Override
        public void init(ProcessorContext<String, RegistryChange> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, RegistryEntry> in) {
            if (in.key() == null) {
                return; // as a table would: a registry record without a school to file it under
            }
            RegisteredSchool before = store.get(in.key());
            RegisteredSchool after = in.value() == null ? null : RegisteredSchool.next(before, in.value(), in.timestamp());
            if (after == null ? before == null : after.sameAs(before)) {
                return;
            }
            if (after == null) {
                store.delete(in.key());
            } else {
                store.put(in.key(), after);
            }
            context.forward(in.withValue(new RegistryChange(in.key(), before, after)));
        }
    }
}
