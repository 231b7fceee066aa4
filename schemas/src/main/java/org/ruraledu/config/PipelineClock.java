package org.ruraledu.config;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.ruraledu.records.RecordRules;

/**
 * The clock a process of the pipeline decides "now" by (today, deadlines, what is too old or in the future, when
 * an alert opened): real time, or, with {@value #START} set, real speed from that instant on, so that a drill or a
 * demo can replay the day a deadline passes.
 *
 * <p>Only "now" moves. Kafka stamps records (CreateTime) and schedules punctuations on real time, so where the
 * pipeline reads a record's timestamp as a time of its own (when a report arrived, when a school registered) it
 * shifts it as its clock is shifted ({@link #timeOf}).
 */
public final class PipelineClock extends Clock implements ShiftedClock {
    /** Setting: empty = real time; else the instant the clock reads when the process starts. */
    public static final String START = "clock.start";

    private final Clock real;
    private final Duration shift;

    private PipelineClock(Clock real, Duration shift) {
        this.real = real;
        this.shift = shift;
    }

    /** The clock {@value #START} asks for, started now. */
    public static PipelineClock from(Settings settings) {
        Clock real = Clock.systemUTC();
        String start = settings.get(START).trim();
        return new PipelineClock(real,
                start.isEmpty() ? Duration.ZERO : Duration.between(real.instant(), parse(start)));
    }

    /** An ISO instant ({@code 2026-01-05T15:58:00Z}, {@code ...+08:00}) or a date-time in the plan's city time. */
    static Instant parse(String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException notWithOffset) {
            try {
                return LocalDateTime.parse(value).atZone(RecordRules.ZONE).toInstant();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(START + " must be empty (real time), an instant like "
                        + "2026-01-05T15:58:00Z or a date-time in city time (Asia/Shanghai) like 2026-01-05T23:58, "
                        + "got '" + value + "'");
            }
        }
    }

    /** Fixed when the clock starts; zero for real time. */
    @Override
    public Duration shift() {
        return shift;
    }

    /**
     * When a record with Kafka timestamp {@code timestamp} was written, on {@code clock}: a timestamp is real time,
     * so a {@link ShiftedClock} shifts it as it is shifted itself. Any other clock (a topology test's, which stamps
     * the records it pipes in) is taken to be the time records are stamped on.
     */
    public static long timeOf(Clock clock, long timestamp) {
        return clock instanceof ShiftedClock shifted ? timestamp + shifted.shift().toMillis() : timestamp;
    }

    @Override
    public ZoneId getZone() {
        return real.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(real.getZone()) ? this : new PipelineClock(real.withZone(zone), shift);
    }

    @Override
    public long millis() {
        return real.millis() + shift.toMillis();
    }

    @Override
    public Instant instant() {
        return real.instant().plus(shift);
    }

    @Override
    public String toString() {
        return shift.isZero() ? "real time" : "real time " + (shift.isNegative() ? "" : "+") + shift;
    }
}
