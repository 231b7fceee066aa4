package org.ruraledu.streams.ingest;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * One domain's copy of the school registry, kept in the domain's own sub-topology: its ingest admits records
 * against it and its standing figures follow its changes, so no store is shared with another domain and each
 * domain's tasks run on their own (a backlog of meal reports no longer holds up a dropout event).
 *
 * <pre>
 *   master entries → {domain}-registry (internal topic) → {domain}-registry-copy ({domain}-school-registry-store)
 *                                                             └─► changes → the domain's standing figures
 * </pre>
 *
 * <p>The internal topic ({@code {app}-{domain}-registry-repartition}) is co-partitioned with the input: keyed by
 * schoolId as a String (the UTF-8 bytes the producers key the input by), with the input topics' partition count;
 * its values are entries in the store format ({@link RegisteredSchool#serde}), a tombstone for a removed school.
 * So an unusable entry reaches the copy as its problem only, never its bytes, as in the master.
 *
 * <p>A copy lags the master by a commit of the registry's task; a report that overtakes its school's
 * registration waits for it as for the registry itself ({@link UnknownSchoolGrace}).
 */
public final class DomainRegistry {
    private final String storeName;
    private final KStream<String, RegistryChange> changes;

    private DomainRegistry(String storeName, KStream<String, RegistryChange> changes) {
        this.storeName = storeName;
        this.changes = changes;
    }

    public static String storeName(String domain) {
        return domain + "-school-registry-store";
    }

    /**
     * @param stored the serde of every registry store (its cache of decoded entries is then shared)
     * @param partitions the input topics' partition count
     */
    static DomainRegistry copy(StreamsBuilder builder, String domain, KStream<String, RegisteredSchool> entries,
            Serde<RegisteredSchool> stored, int partitions) {
        String store = storeName(domain);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(store), Serdes.String(),
                stored));
        KStream<String, RegistryChange> changes = entries
                .repartition(Repartitioned.with(Serdes.String(), stored).withName(domain + "-registry")
                        .withNumberOfPartitions(partitions))
                .process(() -> new Copy(store), Named.as(domain + "-registry-copy"), store);
        return new DomainRegistry(store, changes);
    }

    /** The store of this domain's copy: schoolId → {@link RegisteredSchool}, read in the school's task. */
    public String storeName() {
        return storeName;
    }

    /** Every change of a school's entry in this copy, keyed by schoolId, in the school's task of this domain. */
    public KStream<String, RegistryChange> changes() {
        return changes;
    }

    /** Files each entry the master sends; one it holds already (the master restating it) changes nothing. */
    private static final class Copy implements Processor<String, RegisteredSchool, String, RegistryChange> {
        private final String storeName;
        private ProcessorContext<String, RegistryChange> context;
        private KeyValueStore<String, RegisteredSchool> store;

        Copy(String storeName) {
            this.storeName = storeName;
        }

        @Override
        public void init(ProcessorContext<String, RegistryChange> context) {
            this.context = context;
            this.store = context.getStateStore(storeName);
        }

        @Override
        public void process(Record<String, RegisteredSchool> in) {
            RegistryChange.file(store, in.key(), before -> in.value())
                    .ifPresent(change -> context.forward(in.withValue(change)));
        }
    }
}
