package org.ruraledu.producers.client;

import java.time.Instant;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.topics.Topics;

/**
 * Input that could not become a record, kept unchanged on {@code ruraledu.dead-letters.v1} with headers that
 * say why, so that the bureau can see and replay what a school sent.
 *
 * @param key        the key as received (may be null)
 * @param value      the input bytes exactly as received
 * @param errorCode  class of error: VALIDATION, PARSE, ...
 * @param field      the offending field, or null
 * @param reason     human-readable reason
 * @param intendedTopic the topic the input was meant for
 * @param rejectedBy the component that rejected it: cli, gateway, ...
 */
public record DeadLetter(byte[] key, byte[] value, String errorCode, String field, String reason,
        String intendedTopic, String rejectedBy) {

    ProducerRecord<byte[], byte[]> toProducerRecord(Instant now) {
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(Topics.DEAD_LETTERS.name(), key, value);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.REASON, reason);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.ERROR_CODE, errorCode);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.FIELD, field);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.SOURCE_TOPIC, intendedTopic);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.REJECTED_BY, rejectedBy);
        DeadLetterHeaders.put(record.headers(), DeadLetterHeaders.REJECTED_AT, now);
        return record;
    }
}
