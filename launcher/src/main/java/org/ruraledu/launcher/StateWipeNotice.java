package org.ruraledu.launcher;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * One line instead of dozens after an unclean stop (crash, kill -9). Under exactly-once, a local store the last
 * run did not close may hold writes of a transaction that never committed. Kafka 4.4 checks every task's stores at
 * start-up and warns twice per task that it must treat them as corrupted, even when the stores are transactional
 * (they are then kept: they hold committed writes only, see StreamsProperties) — lines that read like failures.
 * This filter (logback.xml) says once, at INFO, what happens and drops those warnings; with
 * {@code RURALEDU_LOG_LEVEL=DEBUG} they all show again.
 */
public final class StateWipeNotice extends TurboFilter {
    /** ProcessorStateManager, once per wiped task (its log prefix comes first). */
    private static final String WIPE = "did not find checkpoint offsets while stores are not empty";
    /** StateDirectory, once per wiped task, with the corruption as the second argument. */
    private static final String STARTUP = "Failed to register startup state stores for task {}: {}";
    private static final org.slf4j.Logger notice = LoggerFactory.getLogger("org.ruraledu.streams.StateRecovery");

    private final AtomicBoolean told = new AtomicBoolean();

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        if (level != Level.WARN || format == null || !isWipe(format, params)
                || logger.getLoggerContext().getLogger(Logger.ROOT_LOGGER_NAME).isDebugEnabled()) {
            return FilterReply.NEUTRAL;
        }
        if (told.compareAndSet(false, true)) {
            notice.info("the last run did not stop cleanly: the local state stores are brought back in step with "
                    + "their changelog topics before processing resumes (exactly-once: nothing uncommitted counts)");
        }
        return FilterReply.DENY;
    }

    private static boolean isWipe(String format, Object[] params) {
        return format.contains(WIPE) || (format.equals(STARTUP) && params != null && params.length == 2
                && String.valueOf(params[1]).contains("corrupted"));
    }
}
