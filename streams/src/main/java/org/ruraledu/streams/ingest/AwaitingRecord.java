package org.ruraledu.streams.ingest;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * A record held in {@code {kind}-awaiting-school-store} until its school is in the registry: the input as received
 * (decoded again on release, decoding is deterministic), its timestamp and headers (a dead letter keeps them) and
 * when it began to wait.
 */
record AwaitingRecord(RawRecord received, long timestamp, List<StoredHeader> headers, Instant since) {

    /** One input header; {@link Headers} itself is not JSON. */
    record StoredHeader(String key, byte[] value) {}

    static AwaitingRecord of(RawRecord received, long timestamp, Headers headers, Instant since) {
        List<StoredHeader> stored = Arrays.stream(headers.toArray())
                .map(h -> new StoredHeader(h.key(), h.value()))
                .toList();
        return new AwaitingRecord(received, timestamp, stored, since);
    }

    Headers recordHeaders() {
        RecordHeaders restored = new RecordHeaders();
        headers.forEach(h -> restored.add(h.key(), h.value()));
        return restored;
    }

    /**
     * The store key: {@code {schoolId}|{source offset, 19 digits}}, so a school's records sort in arrival order
     * (one store per task, and a task reads one partition of the input topic). The offset makes the key the same
     * when a record is processed again after a failure, so it is held once.
     */
    static String key(String schoolId, long offset) {
        String digits = Long.toString(offset); // offsets are never negative; zero-padded to 19 digits, as %019d
        return schoolId + "|" + "0".repeat(19 - digits.length()) + digits;
    }

    /** The schoolId of a store key (a schoolId may itself contain '|', so it is cut from the fixed-width end). */
    static String schoolOf(String key) {
        return key.substring(0, key.length() - 20);
    }
}
