package org.ruraledu.streams.ingest;

import java.time.Clock;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.RecordRules;
import org.ruraledu.serde.StateSerde;
import org.ruraledu.topics.Topic;
import org.ruraledu.topics.Topics;

/**
 * Ingest of one input topic, the same for every domain: consume bytes, decode (Avro single-object encoding),
 * check {@link RecordRules} and the key, enrich with the school registry, and send every failure to
 * {@code ruraledu.dead-letters.v1} with the original key, value and headers plus headers that say why (bytes that
 * hold a raw student number excepted: {@link DeadLetterWriter} withholds them).
 * Errors are records, not log lines: a bad record never stops the application.
 *
 * <pre>
 *   {kind}-source → {kind}-decode → {kind}-registry-lookup → {kind}-outcome ─► -accepted → {kind}-enriched → domain
 *       ({kind}-awaiting-school-store, {domain}-school-registry-store) └► -rejected → {kind}-dead-letter → {kind}-dead-letter-sink
 * </pre>
 *
 * <p>The registry lookup ({@link RegistryAdmission}) holds a record of a school not yet in the registry for
 * {@code ingest.unknown.school.grace} before dead-lettering it, since a school's registration and first reports
 * can race (they are different topics, written by different producers).
 *
 * <p>A domain asks {@link #forDomain} for its ingest and then for the accepted streams of the kinds it reads
 * ({@link DomainIngest#stream}): keyed by schoolId, valued {@link Enriched} (record + school profile), looked up
 * in the domain's own copy of the registry. No repartition happens here: input topics are keyed by schoolId
 * (ingest rejects a record whose key is not its schoolId), so per-school state downstream is already co-located.
 *
 * <p>A domain that needs an input kind another domain reads follows it ({@link DomainIngest#follow}, e.g. care
 * follows dropout's enrolment): one repartition topic of the follower's carries what the owner accepted into the
 * follower's tasks, where it is admitted against the follower's registry copy, so the two stay apart. A domain that
 * needs only to know that records of a kind arrived (reporting completeness) asks for their {@link #arrivals}: one
 * small fact per school and period, not the records.
 */
public final class Ingest {
    private final StreamsBuilder builder;
    private final SchoolRegistry registry;
    private final Serde<RegisteredSchool> registryStores;
    private final int partitions;
    private final RecordRules rules;
    private final Clock clock;
    private final UnknownSchoolGrace unknownSchoolGrace;
    private final String rejectedBy;
    private final DeadLetterCounter deadLetters;
    private final Map<String, DomainIngest> domains = new HashMap<>();
    /** Which domain reads each input kind. */
    private final Map<InputKind, String> readers = new EnumMap<>(InputKind.class);
    /** The accepted stream of each kind read so far, for domains that follow it ({@link #follow}). */
    private final Map<InputKind, KStream<String, ? extends Enriched<?>>> accepted = new EnumMap<>(InputKind.class);

    /**
     * @param unknownSchoolGrace how long a record of a school not (yet) in the registry waits for it
     * @param rejectedBy the value of the dead letters' rejected-by header (the streams application id)
     * @param partitions the input topics' partition count ({@code topics.partitions}), of the registry copies'
     *                   internal topics too
     */
    public Ingest(StreamsBuilder builder, RecordRules rules, Clock clock, UnknownSchoolGrace unknownSchoolGrace,
            String rejectedBy, DeadLetterCounter deadLetters, int partitions) {
        this.builder = builder;
        this.rules = rules;
        this.clock = clock;
        this.unknownSchoolGrace = unknownSchoolGrace;
        this.rejectedBy = rejectedBy;
        this.deadLetters = deadLetters;
        this.partitions = partitions;
        this.registryStores = RegisteredSchool.serde(rules);
        this.registry = new SchoolRegistry(builder, rules, registryStores, clock);
        writeDeadLetters(SchoolRegistry.NAME, registry.refused(), letter -> letter);
    }

    /**
     * Ingest for one domain, with its own copy of the registry (see {@link DomainRegistry}); asking twice for the
     * same domain gives the same.
     */
    public DomainIngest forDomain(String domain) {
        return domains.computeIfAbsent(domain, d -> new DomainIngest(this, d));
    }

    DomainRegistry copyRegistry(String domain) {
        return DomainRegistry.copy(builder, domain, registry.entries(), registryStores, partitions);
    }

    /**
     * The accepted records of one input topic for {@code domain}, looked up in {@code registryStore}. One input
     * topic feeds one domain: two domains reading it would share its ingest and so fuse into one sub-topology
     * again (and Kafka Streams reads a topic from one source only), so a second domain fails the build.
     */
    <T extends SpecificRecordBase> KStream<String, Enriched<T>> build(InputKind kind, String domain,
            String registryStore) {
        if (kind == InputKind.SCHOOL_REGISTRY) {
            throw new IllegalArgumentException("the school registry is read by SchoolRegistry, not ingested");
        }
        String reader = readers.putIfAbsent(kind, domain);
        if (reader != null) {
            throw new IllegalStateException("input " + kind.path() + " is read by domain '" + reader
                    + "' already; domain '" + domain + "' cannot read it too: each input kind feeds one domain, "
                    + "whose tasks it runs in (build it into that domain, or give the kind a topic per domain)");
        }
        KStream<String, Enriched<T>> stream = accepted(kind, registryStore);
        accepted.put(kind, stream);
        return stream;
    }

    /**
     * The accepted records of an input kind that another domain reads (owns), for {@code follower}: what the
     * owner accepted, sent on through a repartition topic of the follower's ({@code {app}-{follower}-{kind}-copy-repartition},
     * keyed by schoolId, the record's bytes as received: the input topic's Avro encoding, the input's partition
     * count) and admitted again against the follower's own copy of the registry ({@code registryStore}), exactly
     * as ingest admits input ({@code {follower}-{kind}-copy-decode}, {@code -registry-lookup} with its
     * {@code -awaiting-school-store}, dead letters of its own for a school the follower's copy does not know
     * or has closed). So the follower gets {@link Enriched} records in its own tasks, and the owner's and the
     * follower's sub-topologies stay apart: the topic is the only link, one write per record, fine for a low
     * volume input like enrolment. The owner must be wired first.
     */
    <T extends SpecificRecordBase> KStream<String, Enriched<T>> follow(InputKind kind, String follower,
            String registryStore) {
        String owner = readers.get(kind);
        if (owner == null) {
            throw new IllegalStateException("domain '" + follower + "' follows input " + kind.path()
                    + ", which no domain reads yet: wire the domain that reads it before '" + follower
                    + "' (RuralEduTopology.domains() is in wiring order)");
        }
        if (owner.equals(follower)) {
            throw new IllegalStateException("domain '" + follower + "' reads input " + kind.path()
                    + " itself: it takes the stream (DomainIngest.stream), it does not follow it");
        }
        @SuppressWarnings("unchecked")
        KStream<String, Enriched<T>> owned = (KStream<String, Enriched<T>>) accepted.get(kind);
        String name = follower + "-" + kind.path() + "-copy";
        Deserializer<T> values = kind.<T>topic().valueSerde().deserializer();
        KStream<String, Intake<T>> checked = owned
                .map((schoolId, record) -> KeyValue.pair(record.received().key(), record.received().value()),
                        Named.as(name + "-received"))
                .repartition(Repartitioned.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name)
                        .withNumberOfPartitions(partitions))
                .process(() -> new DecodeAndCheck<>(values, rules), Named.as(name + "-decode"));
        return admitted(name, checked, values, registryStore);
    }

    /**
     * The arrivals of an input kind that another domain reads (owns), for {@code follower} (the reporting domain):
     * in the owner's task ({@link FirstArrival}, processor {@code {follower}-{kind}-arrivals-first}, store
     * {@code {follower}-{kind}-arrivals-seen-store}) each accepted record becomes at most one small {@link Arrival}
     * per school and period ({@code periodOf}: the owed period the record reports, null for none), which a
     * repartition topic of the follower's ({@code {app}-{follower}-{kind}-arrivals-repartition}, keyed by
     * schoolId, the input's partition count) carries into the follower's tasks. The topic is the only link: the
     * owner's and the follower's sub-topologies stay apart, and the follower never sees the bulk (readings). The
     * owner must be wired first.
     */
    <T extends SpecificRecordBase> KStream<String, Arrival> arrivals(InputKind kind, String follower,
            Function<Enriched<T>, String> periodOf) {
        String owner = readers.get(kind);
        if (owner == null || owner.equals(follower)) {
            throw new IllegalStateException("domain '" + follower + "' asks for the arrivals of input " + kind.path()
                    + ", which " + (owner == null ? "no domain reads yet: wire the domain that reads it before '"
                    + follower + "' (RuralEduTopology.domains() is in wiring order)" : "it reads itself"));
        }
        @SuppressWarnings("unchecked")
        KStream<String, Enriched<T>> owned = (KStream<String, Enriched<T>>) accepted.get(kind);
        String name = follower + "-" + kind.path() + "-arrivals";
        String seen = name + "-seen-store";
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(seen), Serdes.String(),
                Serdes.String()));
        return owned.process(() -> new FirstArrival<T>(seen, kind.path(), periodOf, clock),
                        Named.as(name + "-first"), seen)
                .repartition(Repartitioned.with(Serdes.String(), Arrival.SERDE).withName(name)
                        .withNumberOfPartitions(partitions));
    }

    private <T extends SpecificRecordBase> KStream<String, Enriched<T>> accepted(InputKind kind, String registryStore) {
        String name = kind.path();
        Topic<String, T> topic = kind.topic();
        Deserializer<T> values = topic.valueSerde().deserializer();

        KStream<String, Intake<T>> checked = builder
                .stream(topic.name(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName(name + "-source"))
                .process(() -> new DecodeAndCheck<>(values, rules), Named.as(name + "-decode"));
        return admitted(name, checked, values, registryStore);
    }

    /** The registry lookup of decoded records, their dead letters, and the accepted ones as {@link Enriched}. */
    private <T extends SpecificRecordBase> KStream<String, Enriched<T>> admitted(String name,
            KStream<String, Intake<T>> checked, Deserializer<T> values, String registryStore) {
        String awaiting = RegistryAdmission.storeName(name);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(awaiting), Serdes.String(),
                new StateSerde<>(AwaitingRecord.class)));
        KStream<String, Intake<T>> lookedUp = checked.process(() -> new RegistryAdmission<T>(awaiting, registryStore,
                raw -> DecodeAndCheck.check(raw, values, rules), unknownSchoolGrace, clock),
                Named.as(name + "-registry-lookup"), awaiting, registryStore);

        Map<String, KStream<String, Intake<T>>> outcome = lookedUp.split(Named.as(name + "-outcome"))
                .branch((key, intake) -> intake instanceof Intake.Accepted, Branched.as("-accepted"))
                .defaultBranch(Branched.as("-rejected"));

        writeDeadLetters(name, outcome.get(name + "-outcome-rejected"), intake -> ((Intake.Rejected<T>) intake).letter());
        return outcome.get(name + "-outcome-accepted")
                .mapValues(intake -> ((Intake.Accepted<T>) intake).enriched(), Named.as(name + "-enriched"));
    }

    /**
     * Dead-letters records that a domain turns away after ingest accepted them (e.g. a dropout event too late for
     * the pupil's case history), exactly like ingest's own rejects: the input bytes as received (see
     * {@link Enriched#refused}), with headers that say why. Names: {@code {name}-dead-letter},
     * {@code {name}-dead-letter-sink}.
     */
    public <K> void deadLetter(String name, KStream<K, DeadLetter> refused) {
        writeDeadLetters(name, refused, letter -> letter);
    }

    private <K, V> void writeDeadLetters(String name, KStream<K, V> rejected, Function<V, DeadLetter> letter) {
        rejected.process(() -> new DeadLetterWriter<K, V>(letter, rejectedBy, clock, deadLetters),
                        Named.as(name + "-dead-letter"))
                .to(Topics.DEAD_LETTERS.name(), Produced.with(Topics.DEAD_LETTERS.keySerde(),
                        Topics.DEAD_LETTERS.valueSerde()).withName(name + "-dead-letter-sink"));
    }
}
