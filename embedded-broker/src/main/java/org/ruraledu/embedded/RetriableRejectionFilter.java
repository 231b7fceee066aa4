package org.ruraledu.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.CompletionException;
import org.apache.kafka.common.errors.NotControllerException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Drops the log lines of two rejections that the exactly-once producer retries by design, so that the console of
 * {@code ruraledu run} and the benchmark shows what there is to act on only.
 *
 * <p>The broker's ERROR: under load, an exactly-once producer
 * (transactions v2, KIP-890) pipelines a partition's next batches while the broker still verifies the first one of
 * the transaction; the broker refuses them ("Expected sequence 0 for transactions v2 idempotent producer with no
 * existing state", KAFKA-18202), the producer sends them again, and nothing is lost or duplicated, yet
 * {@code kafka.server.ReplicaManager} logs each refusal as an ERROR with a stack trace.
 *
 * <p>The producer's WARN: a transaction's first write to a partition whose previous transaction's markers are still
 * being written is answered CONCURRENT_TRANSACTIONS, and the producer's Sender warns "retrying" for each partition.
 *
 * <p>The controller's ERROR at a restart: the single node's broker registers with its controller while that is still
 * taking office, gets NotControllerException ("The active controller appears to be node 1") and registers again.
 *
 * <p>Any other error or warning passes, and with {@code RURALEDU_LOG_LEVEL=DEBUG} these pass too. Installed by the
 * logback.xml files.
 */
public final class RetriableRejectionFilter extends TurboFilter {
    static final String LOGGER = "kafka.server.ReplicaManager";
    static final String RETRIED = "for transactions v2 idempotent producer with no existing state";
    static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    static final String CONCURRENT = "CONCURRENT_TRANSACTIONS";
    static final String CONTROLLER_APIS = "kafka.server.ControllerApis";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        boolean retried = refusedBatch(level, logger, t) || concurrentTransaction(level, logger, format, params)
                || earlyRegistration(level, logger, t);
        if (!retried || logger.getLoggerContext().getLogger(Logger.ROOT_LOGGER_NAME).isDebugEnabled()) {
            return FilterReply.NEUTRAL;
        }
        return FilterReply.DENY;
    }

    private static boolean refusedBatch(Level level, Logger logger, Throwable t) {
        return level == Level.ERROR && LOGGER.equals(logger.getName()) && t instanceof OutOfOrderSequenceException
                && t.getMessage() != null && t.getMessage().contains(RETRIED);
    }

    private static boolean earlyRegistration(Level level, Logger logger, Throwable t) {
        Throwable cause = t instanceof CompletionException && t.getCause() != null ? t.getCause() : t;
        return level == Level.ERROR && CONTROLLER_APIS.equals(logger.getName())
                && cause instanceof NotControllerException;
    }

    /**
     * Kafka's client loggers format the message before they hand it over (LogContext), so it is matched as text:
     * "... retrying (n attempts left). Error: CONCURRENT_TRANSACTIONS".
     */
    private static boolean concurrentTransaction(Level level, Logger logger, String format, Object[] params) {
        if (level != Level.WARN || !SENDER.equals(logger.getName()) || format == null) {
            return false;
        }
        String message = params == null ? format : MessageFormatter.arrayFormat(format, params).getMessage();
        return message.contains("retrying") && message.endsWith("Error: " + CONCURRENT);
    }
}
