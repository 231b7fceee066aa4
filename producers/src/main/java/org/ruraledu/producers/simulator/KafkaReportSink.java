package org.ruraledu.producers.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.client.ProducerProperties;
import org.ruraledu.producers.client.SchoolClient;

/**
 * Sends simulated records the way a school system would: valid records through the {@link SchoolClient}
 * library (validated, idempotent, acks=all); deliberately broken bytes through a plain producer, because the
 * client library rightly refuses to send them.
 */
public final class KafkaReportSink implements ReportSink {
    private final SchoolClient client;
    private final KafkaProducer<byte[], byte[]> rawProducer;
    private final List<Future<RecordMetadata>> rawInFlight = new ArrayList<>();

    public KafkaReportSink(Settings settings) {
        this(settings, PipelineClock.from(settings));
    }

    /** {@code clock}: the simulator's, so that what it dates today the client does not find in the future. */
    public KafkaReportSink(Settings settings, Clock clock) {
        this.client = new SchoolClient(settings, clock);
        this.rawProducer = new KafkaProducer<>(ProducerProperties.safe(settings, "ruraledu-simulator-raw"));
    }

    @Override
    public void send(SpecificRecordBase record) {
        client.send(record);
    }

    @Override
    public synchronized void sendRaw(String topic, byte[] key, byte[] value) {
        rawInFlight.add(rawProducer.send(new ProducerRecord<>(topic, key, value)));
    }

    @Override
    public synchronized void flush() {
        client.flush();
        rawProducer.flush();
        try {
            for (Future<RecordMetadata> ack : rawInFlight) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not accept a simulated record: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } finally {
            rawInFlight.clear();
        }
    }

    @Override
    public void close() {
        try {
            client.close();
        } finally {
            rawProducer.close();
        }
    }
}
