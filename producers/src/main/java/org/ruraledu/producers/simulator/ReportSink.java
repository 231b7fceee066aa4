package org.ruraledu.producers.simulator;

import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;

/** Where the simulator's schools send their records. */
public interface ReportSink extends AutoCloseable {
    /** Sends one valid input record to its topic, keyed by its school. */
    void send(SpecificRecordBase record);

    /** Sends valid records in order, without waiting for each (classroom readings come by the thousand). */
    default void sendAll(List<? extends SpecificRecordBase> records) {
        records.forEach(this::send);
    }

    /** Sends bytes as they are, to imitate a broken school system; the pipeline must dead-letter them. */
    void sendRaw(String topic, byte[] key, byte[] value);

    /** Waits until everything sent so far is acknowledged; fails if anything was not. */
    void flush();

    @Override
    void close();
}
