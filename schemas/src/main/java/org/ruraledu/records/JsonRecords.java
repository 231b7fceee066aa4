package org.ruraledu.records;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Converts between the contract's JSON (field names as in the Avro schema, dates {@code "YYYY-MM-DD"}, instants
 * ISO-8601 UTC, enums by symbol) and the generated Avro records, driven by the schema itself so that a new
 * field needs no code here. Conversion never throws on bad input: it returns every problem, each naming its
 * field. With {@code textValues} (CSV cells), numbers and booleans may come as text.
 */
public final class JsonRecords {
    static {
        org.ruraledu.serde.AvroTrust.ensureInstalled();
    }

    private JsonRecords() {}

    /** The outcome of converting one JSON object: a record, or the errors that prevented it. */
    public record Result<T>(T record, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    public static <T extends SpecificRecordBase> Result<T> fromJson(JsonNode node, Class<T> type, boolean textValues) {
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        List<FieldError> errors = new ArrayList<>();
        if (node == null || !node.isObject()) {
            errors.add(new FieldError(0, null, "expected a JSON object with the fields of " + schema.getName()));
            return new Result<>(null, errors);
        }
        @SuppressWarnings("unchecked")
        T record = (T) model.newRecord(null, schema);
        Set<String> known = new HashSet<>();
        for (Schema.Field field : schema.getFields()) {
            known.add(field.name());
            JsonNode value = node.get(field.name());
            boolean absent = value == null || value.isNull() || (textValues && value.isTextual() && value.asText().isEmpty());
            if (absent) {
                if (field.hasDefaultValue()) {
                    record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
                } else if (isNullable(field.schema())) {
                    record.put(field.pos(), null);
                } else {
                    errors.add(new FieldError(0, field.name(), "is required"));
                }
                continue;
            }
            try {
                record.put(field.pos(), convert(value, nonNull(field.schema()), model, textValues));
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(0, field.name(), e.getMessage()));
            }
        }
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                errors.add(new FieldError(0, name, "is not a field of " + schema.getName()));
            }
        }
        return new Result<>(errors.isEmpty() ? record : null, errors);
    }

    /** The record as contract JSON. */
    public static ObjectNode toJson(SpecificRecordBase record) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        for (Schema.Field field : record.getSchema().getFields()) {
            Object value = record.get(field.pos());
            if (value == null) {
                node.putNull(field.name());
            } else if (value instanceof Integer i) {
                node.put(field.name(), i);
            } else if (value instanceof Long l) {
                node.put(field.name(), l);
            } else if (value instanceof Double d) {
                node.put(field.name(), d);
            } else if (value instanceof Boolean b) {
                node.put(field.name(), b);
            } else {
                node.put(field.name(), value.toString()); // strings, enums, LocalDate, Instant
            }
        }
        return node;
    }

    private static Object convert(JsonNode value, Schema schema, SpecificData model, boolean textValues) {
        LogicalType logical = schema.getLogicalType();
        switch (schema.getType()) {
            case STRING:
                if (!value.isTextual()) {
                    throw new IllegalArgumentException("must be a string");
                }
                return value.asText();
            case INT:
                if (logical instanceof LogicalTypes.Date) {
                    return parseDate(value);
                }
                return (int) integer(value, textValues, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG:
                if (logical instanceof LogicalTypes.TimestampMillis) {
                    return parseInstant(value);
                }
                return integer(value, textValues, Long.MIN_VALUE, Long.MAX_VALUE);
            case DOUBLE:
            case FLOAT:
                return number(value, textValues);
            case BOOLEAN:
                return bool(value, textValues);
            case ENUM:
                if (!value.isTextual() || !schema.getEnumSymbols().contains(value.asText())) {
                    throw new IllegalArgumentException("must be one of " + String.join(", ", schema.getEnumSymbols()));
                }
                return model.createEnum(value.asText(), schema);
            default:
                throw new IllegalArgumentException("has an unsupported type " + schema.getType());
        }
    }

    private static LocalDate parseDate(JsonNode value) {
        try {
            if (value.isTextual()) {
                return LocalDate.parse(value.asText());
            }
        } catch (DateTimeParseException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("must be a date \"YYYY-MM-DD\"");
    }

    private static Instant parseInstant(JsonNode value) {
        try {
            if (value.isTextual()) {
                return Instant.parse(value.asText());
            }
        } catch (DateTimeParseException e) {
            // fall through to the message below
        }
        throw new IllegalArgumentException("must be an ISO-8601 UTC instant like \"2026-11-27T01:30:00Z\"");
    }

    private static long integer(JsonNode value, boolean textValues, long min, long max) {
        long result;
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            result = value.asLong();
        } else if (textValues && value.isTextual() && value.asText().trim().matches("-?\\d{1,18}")) {
            result = Long.parseLong(value.asText().trim());
        } else {
            throw new IllegalArgumentException("must be a whole number");
        }
        if (result < min || result > max) {
            throw new IllegalArgumentException("is out of range");
        }
        return result;
    }

    /**
     * A finite number: NaN and infinity are no measurement (JSON has neither; a reader that allows the literals
     * {@code NaN} and {@code Infinity}, or a number too large for a double like {@code 1e999}, would make them).
     */
    private static double number(JsonNode value, boolean textValues) {
        double d;
        if (value.isNumber()) {
            d = value.asDouble();
        } else if (textValues && value.isTextual()) {
            try {
                d = Double.parseDouble(value.asText().trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("must be a number");
            }
        } else if (value.isTextual()) {
            throw new IllegalArgumentException("must be a number, not a string");
        } else {
            throw new IllegalArgumentException("must be a number");
        }
        if (!Double.isFinite(d)) {
            throw new IllegalArgumentException("must be a finite number, got " + d
                    + " (NaN and infinity are no measurement)");
        }
        return d;
    }

    private static boolean bool(JsonNode value, boolean textValues) {
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (textValues && value.isTextual()) {
            String text = value.asText().trim();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return Boolean.parseBoolean(text);
            }
        }
        throw new IllegalArgumentException("must be true or false");
    }

    private static boolean isNullable(Schema schema) {
        return schema.getType() == Schema.Type.UNION
                && schema.getTypes().stream().anyMatch(s -> s.getType() == Schema.Type.NULL);
    }

    private static Schema nonNull(Schema schema) {
        if (schema.getType() != Schema.Type.UNION) {
            return schema;
        }
        return schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).findFirst().orElseThrow();
    }
}
