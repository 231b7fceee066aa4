package org.ruraledu.topics;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/** Headers that a dead letter carries beside the input bytes it preserves unchanged. */
public final class DeadLetterHeaders {
    /** Human-readable reason, naming the field where there is one. */
    public static final String REASON = "ruraledu.dlq.reason";
    /** Machine-readable class of error: DECODE, VALIDATION, UNKNOWN_SCHOOL, ... */
    public static final String ERROR_CODE = "ruraledu.dlq.error";
    /** The offending field, if the error is about one field. */
    public static final String FIELD = "ruraledu.dlq.field";
    public static final String SOURCE_TOPIC = "ruraledu.dlq.topic";
    public static final String SOURCE_PARTITION = "ruraledu.dlq.partition";
    public static final String SOURCE_OFFSET = "ruraledu.dlq.offset";
    /** Which component rejected it: streams application id, gateway, cli. */
    public static final String REJECTED_BY = "ruraledu.dlq.rejected-by";
    public static final String REJECTED_AT = "ruraledu.dlq.rejected-at";

    private DeadLetterHeaders() {}

    public static void put(Headers headers, String name, Object value) {
        if (value != null) {
            headers.remove(name);
            headers.add(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
        }
    }

    public static String get(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
