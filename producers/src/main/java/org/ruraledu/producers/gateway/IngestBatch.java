package org.ruraledu.producers.gateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.producers.client.RecordValidator;
import org.ruraledu.producers.client.StrictJson;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.JsonRecords;

/** The body of one ingest request: one JSON object or an array of them, every record checked. */
record IngestBatch(List<SpecificRecordBase> records, List<ApiError> errors) {
    static IngestBatch parse(byte[] body, InputKind kind, SchoolCheck school, RecordValidator validator,
            int maxRecords) {
        JsonNode root;
        try {
            root = StrictJson.READER.readTree(body);
        } catch (JsonProcessingException e) {
            return invalid(StrictJson.describe(e));
        } catch (IOException e) {
            return invalid("unreadable body: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            return invalid("the body is empty: send one JSON object or an array of them");
        }
        List<JsonNode> nodes = new ArrayList<>();
        if (root.isArray()) {
            root.forEach(nodes::add);
        } else {
            nodes.add(root);
        }
        if (nodes.isEmpty()) {
            return invalid("the array is empty: send at least one record");
        }
        if (nodes.size() > maxRecords) {
            return invalid("at most " + maxRecords + " records per request, got " + nodes.size());
        }
        List<SpecificRecordBase> records = new ArrayList<>();
        List<ApiError> errors = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            JsonRecords.Result<SpecificRecordBase> result = validator.fromJson(nodes.get(i), kind, i, false);
            result.errors().forEach(e -> errors.add(ApiError.of(e)));
            if (result.ok()) {
                school.errors(result.record(), i).forEach(e -> errors.add(ApiError.of(e)));
                records.add(result.record());
            }
        }
        return new IngestBatch(errors.isEmpty() ? records : List.of(), errors);
    }

    List<String> ids(InputKind kind) {
        return records.stream().map(kind::idOf).toList();
    }

    private static IngestBatch invalid(String message) {
        return new IngestBatch(List.of(), List.of(ApiError.ofRequest(null, message)));
    }
}
