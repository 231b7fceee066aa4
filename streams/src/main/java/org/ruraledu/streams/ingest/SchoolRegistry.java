package org.ruraledu.streams.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.topics.Topics;

/**
 * The school registry (compacted {@code ruraledu.school-registry.v1}), co-partitioned with the input topics: both
 * are keyed by schoolId and have the same partition count (checked at start-up). This is the master: it decodes
 * and checks each registry record once, keeps {@code school-registry-store}, dead-letters unusable records, and
 * sends each school's entry as it now is to the domains' copies ({@link DomainRegistry}), which are read where
 * the reports are.
 *
 * <pre>
 *   school-registry-source → school-registry-update (school-registry-store) ─┬─► entries → {domain}-registry copies
 *                                                                            └─► unusable → dead letters
 * </pre>
 *
 * <p>Why the master is read by no domain: a store read by several processors fuses them into one sub-topology,
 * so one store read by every domain ran every domain in the same tasks, and a backlog of meal reports held up
 * the dropout event behind it. Why not a GlobalKTable (as before): a global table is read by its own thread, out
 * of step with the tasks, and a task cannot react to its updates.
 *
 * <p>The entry's bytes are kept as received: garbage under a school's key becomes an unusable entry (see
 * {@link RegistryEntry}), and the reports of that school are dead-lettered naming the problem.
 */
public final class SchoolRegistry {
    public static final String STORE = "school-registry-store";
    /** Names the source ({@code school-registry-source}) and the processor that keeps the store. */
    static final String NAME = "school-registry";
    /** How soon after a registry task starts it restates its entries to the copies. */
    static final Duration RESTATE_AFTER = Duration.ofSeconds(1);

    private final KStream<String, RegisteredSchool> entries;
    private final KStream<String, DeadLetter> refused;

    SchoolRegistry(StreamsBuilder builder, RecordRules rules, Serde<RegisteredSchool> stored, Clock clock) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                stored));
        Deserializer<RegistryEntry> decode = RegistryEntry.serde(rules).deserializer();
        KStream<String, Object> outcomes = builder.stream(Topics.SCHOOL_REGISTRY.name(),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(NAME + "-source"))
                .process(() -> new Update(decode, clock), Named.as(NAME + "-update"), STORE);
        entries = outcomes.filter((key, outcome) -> outcome instanceof Current, Named.as(NAME + "-entries"))
                .mapValues(outcome -> ((Current) outcome).entry(), Named.as(NAME + "-entry"));
        refused = outcomes.filter((key, outcome) -> outcome instanceof DeadLetter, Named.as(NAME + "-unusable"))
                .mapValues(outcome -> (DeadLetter) outcome, Named.as(NAME + "-refused"));
    }

    /**
     * Each school's entry as it now is, keyed by schoolId, when it changes (null: the school was removed), and
     * every entry again once a registry task starts: for the copies, which ignore what they hold already.
     */
    KStream<String, RegisteredSchool> entries() {
        return entries;
    }

    /** Registry records the pipeline cannot use (undecodable, breaking the rules, holding a raw number). */
    KStream<String, DeadLetter> refused() {
        return refused;
    }

    /** A school's entry as the master now holds it; null when the school was removed. */
    private record Current(RegisteredSchool entry) {}

    /**
     * Keeps the store and sends the entry on when it changed; a record sent again unchanged sends nothing. An
     * unusable record is kept as such (its school's reports are then refused, naming the problem) and
     * dead-lettered; the store keeps its problem, not its bytes, which may hold a raw student number.
     *
     * <p>Once a task has started (a restart, a rebalance), it restates every entry of its partition: a copy that
     * starts empty (an upgrade, a domain added later) fills from it, and one that is up to date changes nothing.
     */
    private static final class Update implements Processor<byte[], byte[], String, Object> {
        private final Deserializer<RegistryEntry> entries;
        private final Clock clock;
        private ProcessorContext<String, Object> context;
        private KeyValueStore<String, RegisteredSchool> store;
        private Cancellable restatement;

        Update(Deserializer<RegistryEntry> entries, Clock clock) {
            this.entries = entries;
            this.clock = clock;
        }

        @Override
        public void init(ProcessorContext<String, Object> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
            this.restatement = context.schedule(RESTATE_AFTER, PunctuationType.WALL_CLOCK_TIME, this::restate);
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
            RegistryEntry filed = entry;
            RegistryChange.file(store, schoolId, before -> filed == null ? null
                            : RegisteredSchool.next(before, filed, PipelineClock.timeOf(clock, raw.timestamp())))
                    .ifPresent(change -> context.forward(new Record<>(schoolId, (Object) new Current(change.after()),
                            raw.timestamp())));
        }

        private void restate(long now) {
            restatement.cancel();
            try (KeyValueIterator<String, RegisteredSchool> all = store.all()) {
                all.forEachRemaining(kv -> context.forward(new Record<>(kv.key, (Object) new Current(kv.value), now)));
            }
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
