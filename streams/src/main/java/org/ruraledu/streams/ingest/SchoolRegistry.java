package org.ruraledu.streams.ingest;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
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
    private final KStream<String, DeadLetter> refused;

    SchoolRegistry(StreamsBuilder builder, RecordRules rules) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                RegisteredSchool.serde(rules)));
        Deserializer<RegistryEntry> entries = RegistryEntry.serde(rules).deserializer();
        KStream<String, Object> outcomes = builder.stream(Topics.SCHOOL_REGISTRY.name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(NAME + "-source"))
                .process(() -> new Update(entries), Named.as(NAME + "-update"), STORE);
        changes = outcomes.filter((key, outcome) -> outcome instanceof RegistryChange, Named.as(NAME + "-changes"))
                .mapValues(outcome -> (RegistryChange) outcome, Named.as(NAME + "-change"));
        refused = outcomes.filter((key, outcome) -> outcome instanceof DeadLetter, Named.as(NAME + "-unusable"))
                .mapValues(outcome -> (DeadLetter) outcome, Named.as(NAME + "-refused"));
    }

    /** Every change of a school's entry, keyed by schoolId, in the school's task. */
    public KStream<String, RegistryChange> changes() {
        return changes;
    }

    /** Registry records the pipeline cannot use (undecodable, breaking the rules, holding a raw number). */
    KStream<String, DeadLetter> refused() {
        return refused;
    }

    /**
     * Keeps the store and tells what changed; a record sent again unchanged tells nothing. An unusable record is
     * kept as such (its school's reports are then refused, naming the problem) and dead-lettered; the store keeps
     * its problem, not its bytes, which may hold a raw student number.
     */
    private static final class Update implements Processor<byte[], byte[], String, Object> {
        private final Deserializer<RegistryEntry> entries;
        private ProcessorContext<String, Object> context;
        private KeyValueStore<String, RegisteredSchool> store;

        Update(Deserializer<RegistryEntry> entries) {
            this.entries = entries;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<byte[], byte[]> raw) {
            if (raw.key() == null) {
                return; // as a table would: a registry record without a school to file it under
            }
            String schoolId = new String(raw.key(), StandardCharsets.UTF_8);
            RegistryEntry entry = raw.value() == null ? null : entries.deserialize(Topics.SCHOOL_REGISTRY.name(), raw.value());
            if (entry != null && !entry.usable()) {
                context.forward(new Record<>(schoolId, (Object) refusal(raw, entry), raw.timestamp(), raw.headers()));
                entry = RegisteredSchool.withheld(entry);
            }
            Record<String, RegistryEntry> in = new Record<>(schoolId, entry, raw.timestamp(), raw.headers());
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
            context.forward(new Record<>(in.key(), (Object) new RegistryChange(in.key(), before, after), in.timestamp()));
        }

        private DeadLetter refusal(Record<byte[], byte[]> raw, RegistryEntry entry) {
            RecordMetadata source = context.recordMetadata().orElse(null);
            RawRecord received = new RawRecord(raw.key(), raw.value(), Topics.SCHOOL_REGISTRY.name(),
                    source == null ? -1 : source.partition(), source == null ? -1 : source.offset());
            boolean rawNumber = StudentRefs.looksLikeRawIdentifier(raw.value())
                    || StudentRefs.looksLikeRawIdentifier(raw.key());
            return new DeadLetter(received, new Rejection(rawNumber ? RejectionCode.RAW_IDENTIFIER
                    : RejectionCode.VALIDATION, null, "the registry entry of school '" + StudentRefs.redact(
                            new String(raw.key(), StandardCharsets.UTF_8)) + "' is unusable: " + entry.problem()));
        }
    }
}
