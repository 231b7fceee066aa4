package org.ruraledu.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.ruraledu.records.StudentRefs;

/**
 * Headers that a dead letter carries beside the input bytes it preserves unchanged (or withholds, when they hold a
 * raw student number: see {@link #SOURCE_TOPIC}).
 */
public final class DeadLetterHeaders {
    /** Human-readable reason, naming the field where there is one. */
    public static final String REASON = "ruraledu.dlq.reason";
    /** Machine-readable class of error: DECODE, VALIDATION, RAW_IDENTIFIER, UNKNOWN_SCHOOL, ... */
    public static final String ERROR_CODE = "ruraledu.dlq.error";
    /** The offending field, if the error is about one field. */
    public static final String FIELD = "ruraledu.dlq.field";
    /**
     * Where the input record is (topic, partition, offset): how the bureau finds the original, including that of a
     * dead letter whose value was withheld because it holds a raw student number, to purge it there.
     */
    public static final String SOURCE_TOPIC = "ruraledu.dlq.topic";
    public static final String SOURCE_PARTITION = "ruraledu.dlq.partition";
    public static final String SOURCE_OFFSET = "ruraledu.dlq.offset";
    /** Which component rejected it: streams application id, gateway, cli. */
    public static final String REJECTED_BY = "ruraledu.dlq.rejected-by";
    public static final String REJECTED_AT = "ruraledu.dlq.rejected-at";

    private DeadLetterHeaders() {}

    /**
     * Sets one header. Text is redacted ({@link StudentRefs#redact}): a reason quotes input, and a dead letter
     * must not spread a raw student number. Numbers (partition, offset) are written as they are, since they must
     * still find the original record.
     */
    public static void put(Headers headers, String name, Object value) {
        if (value != null) {
            String text = value instanceof Number ? value.toString() : StudentRefs.redact(String.valueOf(value));
            headers.remove(name);
            headers.add(name, text.getBytes(StandardCharsets.UTF_8));
        }
    }

    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
