package org.ruraledu.producers.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.JsonRecords;
import org.ruraledu.records.RecordRules;

/**
 * The check every way into Kafka applies to JSON input (gateway, CLI): the schema's conversion, then the domain
 * rules of {@link RecordRules}, which the client library and the streams application apply too (raw student
 * numbers and control characters in any text field included); give it the senders' rules
 * ({@link RecordRules#forSenders}), which also refuse what the pipeline would dead-letter as too old.
 */
public final class RecordValidator {
    private final RecordRules rules;

    public RecordValidator(RecordRules rules) {
        this.rules = rules;
    }

    /** Converts one JSON object of the given kind and checks it; every error carries {@code index}. */
    public JsonRecords.Result<SpecificRecordBase> fromJson(JsonNode node, InputKind kind, int index, boolean textValues) {
        @SuppressWarnings("unchecked")
        Class<SpecificRecordBase> type = (Class<SpecificRecordBase>) kind.recordClass();
        JsonRecords.Result<SpecificRecordBase> converted = JsonRecords.fromJson(node, type, textValues);
        List<FieldError> errors = converted.ok() ? rules.check(converted.record()) : converted.errors();
        List<FieldError> indexed = errors.stream().map(e -> e.withIndex(index)).toList();
        return new JsonRecords.Result<>(indexed.isEmpty() ? converted.record() : null, indexed);
    }
}
