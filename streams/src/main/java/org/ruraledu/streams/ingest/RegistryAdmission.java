package org.ruraledu.streams.ingest;

import org.ruraledu.streams.StoreWrites;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InactiveSchool;
import org.ruraledu.topics.Topics;

/**
 * The registry lookup of one input kind ({@code {kind}-registry-lookup}), with a grace period for schools not yet
 * in the registry. It reads the copy of the registry kept by the kind's domain ({@link DomainRegistry}), never
 * the master ({@link SchoolRegistry}). The registry is another topic, written by another producer, so a school's
 * first reports can arrive before its registration; rejecting them at once would lose valid reports.
 *
 * <p>A decoded record of a known, usable, active school goes on at once ({@link #withSchool}); an unreadable
 * registry entry is rejected at once; an inactive school's record goes on only where {@link InactiveSchool} allows
 * it (an event that closes a dropout case, a correction of a day before it closed), else it is rejected
 * {@link RejectionCode#INACTIVE_SCHOOL}. A record of an unknown school waits in
 * {@code {kind}-awaiting-school-store} (changelogged) for up to {@link UnknownSchoolGrace#grace()}; while any
 * record of a school waits, its later records wait behind it, so a correction never overtakes the report it
 * corrects. A wall-clock check every {@link UnknownSchoolGrace#checkInterval()} (and every new record of the
 * school) releases a school's waiting records in arrival order once the school is known, and rejects as
 * {@link RejectionCode#UNKNOWN_SCHOOL} those that waited out the grace period. "Now" is the injected clock.
 *
 * <p>The store is nearly always empty, so which schools have waiting records is also kept in memory
 * ({@link #parked}, rebuilt from the store in {@link #init}): a record of any other school, and a check while none
 * waits, cost no store scan.
 */
final class RegistryAdmission<T> implements Processor<String, Intake<T>, String, Intake<T>> {
    private static final StringSerializer KEYS = new StringSerializer();

    private final String storeName;
    private final String registryStore;
    private final Function<RawRecord, Intake<T>> decode;
    private final UnknownSchoolGrace grace;
    private final Clock clock;
    private ProcessorContext<String, Intake<T>> context;
    private KeyValueStore<String, RegisteredSchool> registry;
    private KeyValueStore<String, AwaitingRecord> awaiting;
    /** The schools with records in {@link #awaiting}, kept in step with it; sorted, so checks run in store order. */
    private final Set<String> parked = new TreeSet<>();

    /**
     * @param registryStore the domain's copy of the registry ({@link DomainRegistry#storeName})
     * @param decode decodes and checks a waiting record again on release, as {@link DecodeAndCheck} did
     */
    RegistryAdmission(String storeName, String registryStore, Function<RawRecord, Intake<T>> decode,
            UnknownSchoolGrace grace, Clock clock) {
        this.storeName = storeName;
        this.registryStore = registryStore;
        this.decode = decode;
        this.grace = grace;
        this.clock = clock;
    }

    static String storeName(String name) {
        return name + "-awaiting-school-store";
    }

    @Override
    public void init(ProcessorContext<String, Intake<T>> context) {
        this.context = context;
        this.registry = context.getStateStore(registryStore);
        this.awaiting = context.getStateStore(storeName);
        rememberParkedSchools();
        // Scheduled even with a zero grace: records held under an earlier, longer grace must still come out.
        context.schedule(grace.checkInterval(), PunctuationType.WALL_CLOCK_TIME, now -> settleAll());
    }

    @Override
    public void process(Record<String, Intake<T>> in) {
        if (!(in.value() instanceof Intake.Decoded<T> decoded)) {
            context.forward(in);
            return;
        }
        String schoolId = decoded.schoolId();
        RegisteredSchool entry = registry.get(schoolId);
        Instant now = clock.instant();
        boolean othersWait = parked.contains(schoolId) && settle(schoolId, entry, now);
        if (othersWait || entry == null && grace.waits()) {
            awaiting.put(AwaitingRecord.key(schoolId, decoded.raw().offset()),
                    AwaitingRecord.of(decoded.raw(), in.timestamp(), in.headers(), now));
            parked.add(schoolId);
        } else {
            context.forward(in.withValue(withSchool(decoded, entry)));
        }
    }

    /** The schools with waiting records: the store as restored (after a restart or a move of the task). */
    private void rememberParkedSchools() {
        parked.clear();
        try (KeyValueIterator<String, AwaitingRecord> all = awaiting.all()) {
            all.forEachRemaining(kv -> parked.add(AwaitingRecord.schoolOf(kv.key)));
        }
    }

    /** The wall-clock check: every school with waiting records, each looked up once. */
    private void settleAll() {
        if (parked.isEmpty()) {
            return;
        }
        Instant now = clock.instant();
        for (String schoolId : List.copyOf(parked)) { // settling a school may remove it
            settle(schoolId, registry.get(schoolId), now);
        }
    }

    /**
     * Releases one school's waiting records in arrival order: all of them once the school is in the registry,
     * otherwise those whose grace is over, up to the first still within it (order is kept even if the clock went
     * back). Returns whether records of the school still wait.
     */
    private boolean settle(String schoolId, RegisteredSchool entry, Instant now) {
        Due due = due(schoolId, entry, now);
        for (KeyValue<String, AwaitingRecord> record : due.records()) {
            StoreWrites.remove(awaiting, record.key);
            release(record.value, entry);
        }
        if (!due.othersWait()) {
            parked.remove(schoolId);
        }
        return due.othersWait();
    }

    /** The records to release now, and whether others of the school still wait after them. */
    private record Due(List<KeyValue<String, AwaitingRecord>> records, boolean othersWait) {}

    /**
     * One school's waiting records that are due, in arrival order: all of them once the school is known, else those
     * whose grace is over, up to the first still within it. The scan stops there, so a school that is still unknown
     * costs one record read per check, however many of its records wait (the usual case when reports overtake the
     * registry, e.g. the first start on topics already full). Read before any is deleted.
     */
    private Due due(String schoolId, RegisteredSchool entry, Instant now) {
        List<KeyValue<String, AwaitingRecord>> records = new ArrayList<>();
        try (KeyValueIterator<String, AwaitingRecord> scan = awaiting.prefixScan(schoolId + "|", KEYS)) {
            while (scan.hasNext()) {
                KeyValue<String, AwaitingRecord> record = scan.next();
                if (!AwaitingRecord.schoolOf(record.key).equals(schoolId)) {
                    continue; // the prefix also matches schools whose id continues with '|...'
                }
                if (entry == null && !grace.over(record.value.since(), now)) {
                    return new Due(records, true);
                }
                records.add(record);
            }
        }
        return new Due(records, false);
    }

    /** A waiting record goes on as if it had just been looked up, with its own key, timestamp and headers. */
    private void release(AwaitingRecord record, RegisteredSchool entry) {
        Intake<T> intake = decode.apply(record.received());
        context.forward(new Record<>(intake.lookupKey(), withSchool(intake, entry), record.timestamp(),
                record.recordHeaders()));
    }

    /** The registry lookup: an unknown school or an unreadable registry entry rejects, an inactive one mostly. */
    static <T> Intake<T> withSchool(Intake<T> intake, RegisteredSchool entry) {
        if (!(intake instanceof Intake.Decoded<T> decoded)) {
            return intake;
        }
        String schoolId = decoded.schoolId();
        if (entry == null) {
            return reject(decoded, RejectionCode.UNKNOWN_SCHOOL, "schoolId: unknown school '" + schoolId
                    + "' (not in " + Topics.SCHOOL_REGISTRY.name() + ")");
        }
        if (!entry.usable()) {
            return reject(decoded, RejectionCode.UNKNOWN_SCHOOL, "schoolId: the registry entry of school '"
                    + schoolId + "' is unreadable: " + entry.entry().problem());
        }
        if (!entry.active()) {
            var refusal = InactiveSchool.refusal((SpecificRecordBase) decoded.record(), schoolId,
                    entry.inactiveSince());
            if (refusal.isPresent()) {
                return reject(decoded, RejectionCode.INACTIVE_SCHOOL, refusal.map(FieldError::toString).get());
            }
        }
        return decoded.withSchool(entry.profile());
    }

    private static <T> Intake<T> reject(Intake.Decoded<T> decoded, RejectionCode code, String reason) {
        return new Intake.Rejected<>(new DeadLetter(decoded.raw(), new Rejection(code, "schoolId", reason)));
    }
}
