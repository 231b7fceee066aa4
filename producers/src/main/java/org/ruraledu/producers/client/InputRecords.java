package org.ruraledu.producers.client;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ruraledu.records.InputKind;
import org.ruraledu.topics.Topic;

/** An input record as Kafka carries it: on its kind's topic, keyed by its school, encoded by the topic's serde. */
public final class InputRecords {
    private InputRecords() {}

    public static ProducerRecord<byte[], byte[]> toProducerRecord(SpecificRecordBase record) {
        Topic<String, SpecificRecordBase> topic = InputKind.forRecord(record).topic();
        String schoolId = InputKind.schoolIdOf(record);
        return new ProducerRecord<>(topic.name(),
                topic.keySerde().serializer().serialize(topic.name(), schoolId),
                topic.valueSerde().serializer().serialize(topic.name(), record));
    }
}
