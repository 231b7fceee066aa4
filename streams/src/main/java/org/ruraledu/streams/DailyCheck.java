package org.ruraledu.streams;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.ruraledu.records.RecordRules;

/**
 * Runs a processor's daily work once per day of the plan's city ({@link RecordRules#ZONE}), on the injected
 * clock: a wall-clock punctuation looks every {@link #INTERVAL} whether the day has changed. Wall clock, not
 * stream time, so the work is done even on a day without input.
 */
public final class DailyCheck {
    /** How late after midnight (city time) the day's work may start. */
    public static final Duration INTERVAL = Duration.ofMinutes(5);

    /** The daily work, given the new day and the punctuation's timestamp (for records it forwards). */
    @FunctionalInterface
    public interface Work {
        void run(LocalDate today, long timestamp);
    }

    private final Clock clock;
    private final Work work;
    /** The day the work was last done; null after start, so the first check catches up. */
    private LocalDate doneOn;

    private DailyCheck(Clock clock, Work work) {
        this.clock = clock;
        this.work = work;
    }

    /** Call from {@code init}: schedules {@code work} on {@code context}, once a day. */
    public static void schedule(ProcessorContext<?, ?> context, Clock clock, Work work) {
        DailyCheck check = new DailyCheck(clock, work);
        context.schedule(INTERVAL, PunctuationType.WALL_CLOCK_TIME, check::onTick);
    }

    private void onTick(long timestamp) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), RecordRules.ZONE);
        if (!today.equals(doneOn)) {
            work.run(today, timestamp);
            doneOn = today;
        }
    }
}
