package org.ruraledu.streams.ingest;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;

/**
 * Decodes the bytes of one input record and checks the domain rules and its key. Never throws for bad input:
 * every failure becomes an {@link Intake.Rejected} that keeps the original bytes for the dead-letter topic.
 * Output key: the record's schoolId (the registry lookup key), or "" for a rejected record.
 *
 * <p>Raw student or ID card numbers stop here: a rejected record that holds one is {@link
 * RejectionCode#RAW_IDENTIFIER} (its dead letter withholds the bytes), and input headers that hold one are dropped,
 * since headers follow a record into stores, output topics and dead letters.
 */
final class DecodeAndCheck<T extends SpecificRecordBase> implements Processor<byte[], byte[], String, Intake<T>> {
    private final Deserializer<T> values;
    private final RecordRules rules;
    private ProcessorContext<String, Intake<T>> context;

    DecodeAndCheck(Deserializer<T> values, RecordRules rules) {
        this.values = values;
        this.rules = rules;
    }

    @Override
    public void init(ProcessorContext<String, Intake<T>> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> in) {
        RawRecord raw = raw(in);
        Intake<T> intake = check(raw, values, rules);
        context.forward(in.withKey(intake.lookupKey()).withValue(intake)
                .withHeaders(withoutRawIdentifiers(in.headers())));
    }

    private static Headers withoutRawIdentifiers(Headers headers) {
        RecordHeaders kept = new RecordHeaders();
        for (Header header : headers) {
            if (!StudentRefs.looksLikeRawIdentifier(header.key())
                    && !StudentRefs.looksLikeRawIdentifier(header.value())) {
                kept.add(header);
            }
        }
        return kept;
    }

    private RawRecord raw(Record<byte[], byte[]> in) {
        RecordMetadata source = context.recordMetadata().orElse(null);
        return source == null
                ? new RawRecord(in.key(), in.value(), null, -1, -1)
                : new RawRecord(in.key(), in.value(), source.topic(), source.partition(), source.offset());
    }

    /** Decodes and checks one record as received; also decodes a record again when it stops waiting for its school. */
    static <T extends SpecificRecordBase> Intake<T> check(RawRecord raw, Deserializer<T> values, RecordRules rules) {
        T record;
        try {
            record = values.deserialize(raw.topic(), raw.value());
        } catch (RuntimeException e) {
            return rejected(raw, RejectionCode.DECODE, null, Objects.toString(e.getMessage(), e.toString()));
        }
        if (record == null) {
            return rejected(raw, RejectionCode.DECODE, null, "no value (a tombstone is not a report)");
        }
        List<FieldError> errors = rules.check(record);
        if (!errors.isEmpty()) {
            // A decoded field can hold a number that the bytes do not show as such (a length prefix may be a digit).
            RejectionCode code = RecordRules.rawIdentifierFields(record).isEmpty() ? RejectionCode.VALIDATION
                    : RejectionCode.RAW_IDENTIFIER;
            return rejected(raw, code, errors.get(0).field(),
                    errors.stream().map(FieldError::toString).collect(Collectors.joining("; ")));
        }
        String schoolId = InputKind.schoolIdOf(record);
        String key = raw.key() == null ? null : new String(raw.key(), StandardCharsets.UTF_8);
        if (!schoolId.equals(key)) {
            return rejected(raw, RejectionCode.KEY_MISMATCH, "schoolId", "schoolId: the record key "
                    + (key == null ? "is missing" : "'" + key + "' differs") + "; input topics are keyed by schoolId '"
                    + schoolId + "'");
        }
        return new Intake.Decoded<>(record, schoolId, raw);
    }

    /** Bytes that hold a raw identifier make any rejection RAW_IDENTIFIER, a JSON blob written by mistake too. */
    private static <T> Intake<T> rejected(RawRecord raw, RejectionCode code, String field, String reason) {
        boolean rawIdentifier = StudentRefs.looksLikeRawIdentifier(raw.value())
                || StudentRefs.looksLikeRawIdentifier(raw.key());
        return new Intake.Rejected<>(new DeadLetter(raw,
                new Rejection(rawIdentifier ? RejectionCode.RAW_IDENTIFIER : code, field, reason)));
    }
}
