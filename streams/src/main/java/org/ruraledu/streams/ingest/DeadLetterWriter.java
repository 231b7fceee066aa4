package org.ruraledu.streams.ingest;

import java.time.Clock;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.ruraledu.topics.DeadLetterHeaders;

/**
 * Turns a rejected intake back into the record as received (original key, value and headers) plus the
 * {@link DeadLetterHeaders} that say why, where it came from, who rejected it and when.
 */
final class DeadLetterWriter<T> implements Processor<String, Intake<T>, byte[], byte[]> {
    private final String rejectedBy;
    private final Clock clock;
    private final DeadLetterCounter counter;
    private ProcessorContext<byte[], byte[]> context;

    DeadLetterWriter(String rejectedBy, Clock clock, DeadLetterCounter counter) {
        this.rejectedBy = rejectedBy;
        this.clock = clock;
        this.counter = counter;
    }

    @Override
    public void init(ProcessorContext<byte[], byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, Intake<T>> in) {
        if (!(in.value() instanceof Intake.Rejected<T> rejected)) {
            throw new IllegalStateException("only rejected records reach the dead-letter writer");
        }
        RawRecord raw = rejected.raw();
        Rejection why = rejected.rejection();
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
        context.forward(new Record<>(raw.key(), raw.value(), in.timestamp(), headers));
    }
}
