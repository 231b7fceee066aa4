package org.ruraledu.producers.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.ruraledu.records.InputKind;
import org.ruraledu.topics.Topic;

/** Sends simulated records straight to Kafka (idempotent, acks=all), checking every acknowledgement. */
public final class KafkaReportSink implements ReportSink {
    private final KafkaProducer<byte[], byte[]> producer;
    private final List<Future<RecordMetadata>> inFlight = new ArrayList<>();

    public KafkaReportSink(Properties clientProperties) {
        Properties props = new Properties();
        props.putAll(clientProperties);
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        props.put(ProducerConfig.CLIENT_ID_CONFIG, "ruraledu-simulator");
        this.producer = new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    @Override
    public void send(SpecificRecordBase record) {
        Topic<String, SpecificRecordBase> topic = InputKind.forRecord(record).topic();
        String schoolId = InputKind.schoolIdOf(record);
        sendRaw(topic.name(), topic.keySerde().serializer().serialize(topic.name(), schoolId),
                topic.valueSerde().serializer().serialize(topic.name(), record));
    }

    @Override
    public synchronized void sendRaw(String topic, byte[] key, byte[] value) {
        inFlight.add(producer.send(new ProducerRecord<>(topic, key, value)));
    }

    @Override
    public synchronized void flush() {
        producer.flush();
        try {
            for (Future<RecordMetadata> ack : inFlight) {
                ack.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("Kafka did not accept a simulated record: " + e.getCause().getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for Kafka", e);
        } finally {
            inFlight.clear();
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
