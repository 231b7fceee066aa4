package org.ruraledu.streams.ingest;

import java.time.Clock;
import java.util.function.Function;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.topics.DeadLetterHeaders;

/**
 * Turns a {@link DeadLetter} back into the record as received (original key, value and headers) plus the
 * {@link DeadLetterHeaders} that say why, where it came from, who rejected it and when. The same for ingest's own
 * rejects and for records a domain refuses later.
 *
 * <p>The one exception to "the input bytes unchanged" (contract): a {@link RejectionCode#RAW_IDENTIFIER} dead letter
 * has no value, and no key if the key holds the number. Copying a minor's student or ID card number to another
 * topic, read by more people and kept on its own retention, would spread what PIPL art. 28 protects; the source
 * topic, partition and offset headers still point at the original record, where the bureau finds it and has it
 * purged. Input headers that hold such a number were dropped by {@link DecodeAndCheck}, and the reason is redacted
 * by {@link DeadLetterHeaders#put}.
 *
 * @param <V> what the stream carries; {@code letter} finds the dead letter in it
 */
final class DeadLetterWriter<K, V> implements Processor<K, V, byte[], byte[]> {
    private final Function<V, DeadLetter> letter;
    private final String rejectedBy;
    private final Clock clock;
    private final DeadLetterCounter counter;
    private ProcessorContext<byte[], byte[]> context;

    DeadLetterWriter(Function<V, DeadLetter> letter, String rejectedBy, Clock clock, DeadLetterCounter counter) {
        this.letter = letter;
        this.rejectedBy = rejectedBy;
        this.clock = clock;
        this.counter = counter;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<K, V> in) {
        DeadLetter dead = letter.apply(in.value());
        RawRecord raw = dead.received();
        Rejection why = dead.rejection();
        Headers headers = new RecordHeaders(in.headers().toArray());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.REASON, why.reason());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.ERROR_CODE, why.code());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.FIELD, why.field());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.SOURCE_TOPIC, raw.topic());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.SOURCE_PARTITION, raw.partition());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.SOURCE_OFFSET, raw.offset());
        DeadLetterHeaders.put(headers, DeadLetterHeaders.REJECTED_BY, rejectedBy);
        DeadLetterHeaders.put(headers, DeadLetterHeaders.REJECTED_AT, clock.instant());
        counter.rejected(raw.topic(), why.code());
        boolean withhold = why.code() == RejectionCode.RAW_IDENTIFIER;
        byte[] key = withhold && StudentRefs.looksLikeRawIdentifier(raw.key()) ? null : raw.key();
        context.forward(new Record<>(key, withhold ? null : raw.value(), in.timestamp(), headers));
    }
}
