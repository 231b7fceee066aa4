package org.ruraledu.embedded;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;

/**
 * Drops the broker's ERROR for one rejection that the producer retries by design, so that the console of
 * {@code ruraledu run} and the benchmark shows errors to act on only. Under load, an exactly-once producer
 * (transactions v2, KIP-890) pipelines a partition's next batches while the broker still verifies the first one of
 * the transaction; the broker refuses them ("Expected sequence 0 for transactions v2 idempotent producer with no
 * existing state", KAFKA-18202), the producer sends them again, and nothing is lost or duplicated, yet
 * {@code kafka.server.ReplicaManager} logs each refusal as an ERROR with a stack trace. Any other error of the
 * broker passes, and with {@code RURALEDU_LOG_LEVEL=DEBUG} these pass too. Installed by the logback.xml files.
 */
public final class RetriableRejectionFilter extends TurboFilter {
    static final String LOGGER = "kafka.server.ReplicaManager";
    static final String RETRIED = "for transactions v2 idempotent producer with no existing state";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        boolean retried = level == Level.ERROR && LOGGER.equals(logger.getName())
                && t instanceof OutOfOrderSequenceException && t.getMessage() != null && t.getMessage().contains(RETRIED);
        if (!retried || logger.getLoggerContext().getLogger(Logger.ROOT_LOGGER_NAME).isDebugEnabled()) {
            return FilterReply.NEUTRAL;
        }
        return FilterReply.DENY;
    }
}
