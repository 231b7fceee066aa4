package org.ruraledu.producers.gateway;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.client.KafkaSendException;
import org.ruraledu.producers.client.ProducerProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each request's records in one Kafka transaction, so that a request is all or nothing.
 *
 * <p>Why transactions: the records of one request go to one partition, but an idempotent producer still sends
 * them in as many batches as the batch size dictates, and the broker acknowledges each batch alone; if Kafka
 * fails after the first batch, the first half of the request would be in the log and visible to consumers.
 * A transaction makes the whole request visible to {@code read_committed} readers (the streams application)
 * at its commit, or never. A producer carries one transaction at a time, hence a small pool: each request
 * borrows one, and a request that finds none free within the Kafka timeout is answered 503.
 *
 * <p>Transactional ids are {@code ruraledu-gateway-{gateway.instance.id}-{n}}: stable, so a restarted gateway
 * fences its previous run and aborts whatever that run left open, instead of leaving readers stalled behind it
 * until the transaction timeout.
 */
final class TransactionalProducerPool implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TransactionalProducerPool.class);

    /** What became of a request's records. */
    enum Outcome {
        /** Every record is committed. */
        COMMITTED,
        /** None of the records is or will become visible. */
        NOT_WRITTEN,
        /** Kafka did not confirm either way within the timeout: the commit may still complete. */
        UNKNOWN,
        /** No producer became free in time; nothing was attempted. */
        BUSY
    }

    record Result(Outcome outcome, String detail) {}

    private final Settings settings;
    private final Duration timeout;
    private final BlockingQueue<Slot> idle;
    private final List<Slot> slots = new ArrayList<>();

    /** One transactional id; its producer is (re)created on first use after a failure. */
    private final class Slot {
        final String transactionalId;
        Producer<byte[], byte[]> producer;

        Slot(String transactionalId) {
            this.transactionalId = transactionalId;
        }

        Producer<byte[], byte[]> producer() {
            if (producer == null) {
                Producer<byte[], byte[]> created = new KafkaProducer<>(properties(transactionalId));
                try {
                    created.initTransactions();
                } catch (RuntimeException e) {
                    created.close(Duration.ZERO);
                    throw e;
                }
                producer = created;
            }
            return producer;
        }

        /** After a fatal or uncertain failure: a fresh producer with the same id fences this one. */
        void discard() {
            if (producer != null) {
                producer.close(Duration.ZERO);
                producer = null;
            }
        }
    }

    TransactionalProducerPool(Settings settings, int size, String instanceId, Duration timeout) {
        if (size < 1) {
            throw new IllegalArgumentException("gateway.producers must be at least 1, got " + size);
        }
        this.settings = settings;
        this.timeout = timeout;
        this.idle = new ArrayBlockingQueue<>(size);
        for (int i = 0; i < size; i++) {
            Slot slot = new Slot("ruraledu-gateway-" + instanceId + "-" + i);
            slots.add(slot);
            idle.add(slot);
        }
    }

    /** Creates every producer now, so that a gateway that cannot write fails at start rather than on a request. */
    void warmUp() {
        slots.forEach(Slot::producer);
    }

    Result writeAtomically(List<ProducerRecord<byte[], byte[]>> records) {
        Slot slot;
        try {
            slot = idle.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(Outcome.BUSY, "interrupted");
        }
        if (slot == null) {
            return new Result(Outcome.BUSY, "every Kafka producer of the gateway is busy");
        }
        try {
            return write(slot, records);
        } finally {
            idle.add(slot);
        }
    }

    private Result write(Slot slot, List<ProducerRecord<byte[], byte[]>> records) {
        Producer<byte[], byte[]> producer;
        try {
            producer = slot.producer();
        } catch (RuntimeException e) {
            return new Result(Outcome.NOT_WRITTEN, KafkaSendException.describeCause(e));
        }
        boolean commitRequested = false;
        try {
            producer.beginTransaction();
            List<Future<?>> sends = new ArrayList<>(records.size());
            for (ProducerRecord<byte[], byte[]> record : records) {
                sends.add(producer.send(record));
            }
            commitRequested = true;
            producer.commitTransaction(); // flushes first; throws if any send failed
            for (Future<?> send : sends) {
                send.get(); // already complete: a failure here would be a Kafka bug, but it must not go unseen
            }
            return new Result(Outcome.COMMITTED, null);
        } catch (Exception e) {
            String detail = KafkaSendException.describeCause(e);
            if (abort(producer)) {
                return new Result(Outcome.NOT_WRITTEN, detail);
            }
            slot.discard();
            // Without a commit request a transaction can never commit; after one, only Kafka knows.
            return new Result(commitRequested ? Outcome.UNKNOWN : Outcome.NOT_WRITTEN, detail);
        }
    }

    private static boolean abort(Producer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
            return true;
        } catch (RuntimeException e) {
            log.warn("could not abort a gateway transaction (the producer is replaced): {}", e.toString());
            return false;
        }
    }

    private Properties properties(String transactionalId) {
        Properties props = ProducerProperties.safe(settings, transactionalId);
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        String millis = String.valueOf(timeout.toMillis());
        // A request answers within the Kafka timeout, whatever Kafka does.
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "0");
        props.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, millis);
        props.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, millis);
        long lingerPlusRequest = Long.parseLong(props.getProperty(ProducerConfig.LINGER_MS_CONFIG).trim())
                + Long.parseLong(props.getProperty(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG).trim());
        props.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, String.valueOf(lingerPlusRequest));
        // A gateway that dies mid-request holds back read_committed readers until this passes (or it restarts).
        props.putIfAbsent(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, String.valueOf(timeout.multipliedBy(3).toMillis()));
        return props;
    }

    @Override
    public void close() {
        for (Slot slot : slots) {
            if (slot.producer != null) {
                slot.producer.close(timeout);
            }
        }
    }
}
