package org.ruraledu.producers.client;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.config.Settings;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;

/**
 * The library a school system uses to send its reports straight to Kafka.
 *
 * <pre>
 * try (SchoolClient client = new SchoolClient(Settings.fromEnvironment())) {
 *     String ref = client.studentRef("G370102201001011231");      // the number itself never leaves
 *     client.sendAll(List.of(mealReport, statusEvent));            // returns once every record is acknowledged
 * }
 * </pre>
 *
 * Each record is checked against the contract before anything is sent ({@link InvalidRecordsException} names
 * every bad field); a raw student number or a control character anywhere is refused, and so is a report dated
 * before the retention horizon ({@code retention.days}), which the pipeline would dead-letter. A report of a
 * school the registry marks inactive is not refused here: the client does not read the registry, so the
 * streams application dead-letters it ({@code INACTIVE_SCHOOL}) unless the school may still send it.
 *
 * <p>The producer is idempotent with {@code acks=all}, so a retried batch is written once and an acknowledged
 * record is on every in-sync replica. No send result is lost: {@link #send} hands back its future, and a failure
 * nobody waited for is raised again by the next {@link #flush} or {@link #close}.
 */
public final class SchoolClient implements AutoCloseable {
    private final Producer<byte[], byte[]> producer;
    private final RecordRules rules;
    private final String pseudonymKey;
    private final Clock clock;
    private volatile StudentRefs studentRefs;
    private final AtomicInteger unflushedFailures = new AtomicInteger();
    private final AtomicInteger unflushedSends = new AtomicInteger();
    private final AtomicReference<Throwable> firstUnflushedFailure = new AtomicReference<>();

    /** On the clock the settings ask for ({@link PipelineClock}: real time unless {@code clock.start} is set). */
    public SchoolClient(Settings settings) {
        this(settings, PipelineClock.from(settings));
    }

    public SchoolClient(Settings settings, Clock clock) {
        Properties props = ProducerProperties.safe(settings, "ruraledu-school-client");
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5"); // batches bulk submissions, barely delays one
        this.producer = new KafkaProducer<>(props);
        this.rules = RecordRules.forSenders(clock, settings);
        this.pseudonymKey = settings.get("pseudonym.key");
        this.clock = clock;
    }

    /**
     * The pseudonymous {@code studentRef} of a national student number: HMAC-SHA256 under the bureau's key
     * (setting {@code pseudonym.key}). Call it where the number is stored; send only the result.
     */
    public String studentRef(String studentNumber) {
        StudentRefs refs = studentRefs;
        if (refs == null) {
            refs = StudentRefs.fromConfig(pseudonymKey);
            studentRefs = refs;
        }
        return refs.refOf(studentNumber);
    }

    /**
     * Checks the record and sends it to its kind's topic, keyed by its school. The future completes when every
     * in-sync replica has it, or fails with Kafka's reason.
     *
     * @throws InvalidRecordsException if the record breaks the contract; nothing is sent then
     */
    public CompletableFuture<RecordMetadata> send(SpecificRecordBase record) {
        return track(sendUnchecked(encodeAll(List.of(record)).get(0)));
    }

    /**
     * Checks and encodes every record first (if any is invalid or cannot be encoded, none is sent), sends them
     * all and waits until Kafka has acknowledged each one.
     *
     * @return the metadata of each record, in order
     * @throws InvalidRecordsException if any record breaks the contract
     * @throws KafkaSendException if any record was not acknowledged (the others may have been: resending the
     *         same records is safe, since a report's id makes a retry change nothing)
     */
    public List<RecordMetadata> sendAll(List<? extends SpecificRecordBase> records) {
        List<ProducerRecord<byte[], byte[]>> encoded = encodeAll(records);
        List<CompletableFuture<RecordMetadata>> futures = new ArrayList<>(encoded.size());
        for (ProducerRecord<byte[], byte[]> record : encoded) {
            futures.add(sendUnchecked(record));
        }
        producer.flush();
        return awaitAll(futures);
    }

    /** Parks input that could not become a record on the dead-letter topic, unchanged, with the reason. */
    public CompletableFuture<RecordMetadata> sendDeadLetter(DeadLetter letter) {
        return track(sendUnchecked(letter.toProducerRecord(clock.instant())));
    }

    /**
     * Waits until every record sent so far is acknowledged.
     *
     * @throws KafkaSendException if any send since the last flush failed
     */
    public void flush() {
        producer.flush();
        int attempted = unflushedSends.getAndSet(0);
        int failed = unflushedFailures.getAndSet(0);
        Throwable first = firstUnflushedFailure.getAndSet(null);
        if (failed > 0) {
            throw new KafkaSendException(failed, attempted, first);
        }
    }

    /** Flushes, then closes the producer; raises any send failure that was not reported yet. */
    @Override
    public void close() {
        try {
            flush();
        } finally {
            producer.close();
        }
    }

    /**
     * Every record checked and encoded before the first is sent: a record can pass the rules and still fail to
     * encode (a value Avro cannot write), and finding that out mid-batch would leave the records before it sent.
     *
     * @throws InvalidRecordsException naming every record that breaks a rule or cannot be encoded
     */
    private List<ProducerRecord<byte[], byte[]>> encodeAll(List<? extends SpecificRecordBase> records) {
        List<FieldError> errors = new ArrayList<>();
        List<ProducerRecord<byte[], byte[]>> encoded = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            SpecificRecordBase record = records.get(i);
            List<FieldError> broken = record == null ? List.of(new FieldError(0, null, "is null"))
                    : rules.check(record);
            if (broken.isEmpty()) {
                try {
                    encoded.add(InputRecords.toProducerRecord(record));
                } catch (RuntimeException e) { // Avro's are many: NPE, ArithmeticException, AvroRuntimeException...
                    broken = List.of(new FieldError(0, null, "cannot be encoded: " + e));
                }
            }
            int index = i;
            broken.forEach(e -> errors.add(e.withIndex(index)));
        }
        if (!errors.isEmpty()) {
            throw new InvalidRecordsException(errors);
        }
        return encoded;
    }

    /** A send whose failures, synchronous or not, always end up in the returned future. */
    private CompletableFuture<RecordMetadata> sendUnchecked(ProducerRecord<byte[], byte[]> record) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        try {
            producer.send(record, (metadata, error) -> {
                if (error != null) {
                    result.completeExceptionally(error);
                } else {
                    result.complete(metadata);
                }
            });
        } catch (KafkaException | IllegalStateException e) {
            result.completeExceptionally(e);
        }
        return result;
    }

    /** Remembers failures of sends whose caller may not look, so that flush and close report them. */
    private CompletableFuture<RecordMetadata> track(CompletableFuture<RecordMetadata> future) {
        unflushedSends.incrementAndGet();
        future.whenComplete((metadata, error) -> {
            if (error != null) {
                unflushedFailures.incrementAndGet();
                firstUnflushedFailure.compareAndSet(null, error);
            }
        });
        return future;
    }

    private static List<RecordMetadata> awaitAll(List<CompletableFuture<RecordMetadata>> futures) {
        List<RecordMetadata> acknowledged = new ArrayList<>(futures.size());
        int failed = 0;
        Throwable first = null;
        for (CompletableFuture<RecordMetadata> future : futures) {
            try {
                acknowledged.add(future.get());
            } catch (ExecutionException e) {
                failed++;
                first = first == null ? e.getCause() : first;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new org.apache.kafka.common.errors.InterruptException(e);
            }
        }
        if (failed > 0) {
            throw new KafkaSendException(failed, futures.size(), first);
        }
        return acknowledged;
    }
}
