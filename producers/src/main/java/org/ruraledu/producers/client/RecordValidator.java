package org.ruraledu.producers.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.JsonRecords;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;

/**
 * The one check every way into Kafka applies (client library, gateway, CLI): the schema's conversion, the
 * domain rules of {@link RecordRules}, and a scan of every text field for a raw student or ID card number, so
 * that a number pasted into the wrong column (an eventId, a roomId) is refused as firmly as in studentRef.
 */
public final class RecordValidator {
    private final RecordRules rules;

    public RecordValidator(RecordRules rules) {
        this.rules = rules;
    }

    public static RecordValidator systemClock() {
        return new RecordValidator(RecordRules.systemClock());
    }

    /** Converts one JSON object of the given kind and checks it; every error carries {@code index}. */
    public JsonRecords.Result<SpecificRecordBase> fromJson(JsonNode node, InputKind kind, int index, boolean textValues) {
        @SuppressWarnings("unchecked")
        Class<SpecificRecordBase> type = (Class<SpecificRecordBase>) kind.recordClass();
        JsonRecords.Result<SpecificRecordBase> converted = JsonRecords.fromJson(node, type, textValues);
        List<FieldError> errors = converted.ok() ? check(converted.record()) : converted.errors();
        List<FieldError> indexed = errors.stream().map(e -> e.withIndex(index)).toList();
        return new JsonRecords.Result<>(indexed.isEmpty() ? converted.record() : null, indexed);
    }

    /** Every rule the record breaks; empty if it may be sent. */
    public List<FieldError> check(SpecificRecordBase record) {
        List<FieldError> errors = new ArrayList<>(rules.check(record));
        Set<String> reported = new HashSet<>();
        errors.forEach(e -> reported.add(e.field()));
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value instanceof CharSequence text && !reported.contains(field.name())
                    && StudentRefs.looksLikeRawIdentifier(text.toString())) {
                errors.add(new FieldError(0, field.name(), "looks like a raw student or ID card number, which "
                        + "must never be sent (PIPL art. 28): send only pseudonymous references"));
            }
        }
        return errors;
    }
}
