package org.ruraledu.producers.client;

import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.topics.Topics;

/**
 * Input that could not become a record, kept unchanged on {@code ruraledu.dead-letters.v1} with headers that
 * say why, so that the bureau can see and replay what a school sent.
 *
 * <p>Except what looks like a raw student or ID card number: a key or value holding one is withheld (null) and
 * the error code is {@value #RAW_IDENTIFIER}, as in the streams application, since copying the bytes would
 * spread a minor's number to another topic (PIPL art. 28). {@code submit} never gets here with such a line.
 *
 * @param key        the key as received (may be null)
 * @param value      the input bytes exactly as received
 * @param errorCode  class of error: VALIDATION, PARSE, ...
 * @param field      the offending field, or null
 * @param reason     human-readable reason (redacted on the way out, see {@link DeadLetterHeaders#put})
 * @param intendedTopic the topic the input was meant for
 * @param rejectedBy the component that rejected it: cli, gateway, ...
 */
public record DeadLetter(byte[] key, byte[] value, String errorCode, String field, String reason,
        String intendedTopic, String rejectedBy) {
    static final String RAW_IDENTIFIER = "RAW_IDENTIFIER";

    ProducerRecord<byte[], byte[]> toProducerRecord(Instant now) {
        boolean rawKey = StudentRefs.looksLikeRawIdentifier(key);
        boolean withhold = rawKey || StudentRefs.looksLikeRawIdentifier(value);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.DEAD_LETTERS.name(),
                rawKey ? null : key, withhold ? null : value);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.REASON, reason);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.ERROR_CODE, withhold ? RAW_IDENTIFIER : errorCode);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.FIELD, field);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.SOURCE_TOPIC, intendedTopic);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.REJECTED_BY, rejectedBy);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.REJECTED_AT, now);
        return record;
    }
}
