package org.ruraledu.launcher;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.ruraledu.config.ShiftedClock;

/**
 * A pipeline clock (real speed, shifted from real time) that the test moves on: so a test can start the pipeline,
 * however long that takes on a busy machine, and then bring it to just before the moment it needs.
 */
final class MovableClock extends Clock implements ShiftedClock {
    private volatile Duration shift;

    MovableClock(Instant start) {
        moveTo(start);
    }

    /** From now on the clock reads {@code instant}, and runs on from there. */
    void moveTo(Instant instant) {
        shift = Duration.between(Instant.now(), instant);
    }

    @Override
    public Duration shift() {
        return shift;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(shift);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    /** The same clock seen in {@code zone}: it moves when this one does, and keeps telling its shift. */
    @Override
    public Clock withZone(ZoneId zone) {
        return new Zoned(zone, this);
    }

    /** {@link #withZone}'s clock: a {@link ShiftedClock} too, so the pipeline shifts Kafka timestamps alike. */
    private static final class Zoned extends Clock implements ShiftedClock {
        private final ZoneId zone;
        private final MovableClock moved;

        Zoned(ZoneId zone, MovableClock moved) {
            this.zone = zone;
            this.moved = moved;
        }

        @Override
        public Duration shift() {
            return moved.shift();
        }

        @Override
        public ZoneId getZone() {
            return zone;
        }

        @Override
        public Clock withZone(ZoneId other) {
            return moved.withZone(other);
        }

        @Override
        public Instant instant() {
            return moved.instant();
        }
    }
}
