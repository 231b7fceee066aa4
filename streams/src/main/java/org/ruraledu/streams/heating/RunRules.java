package org.ruraledu.streams.heating;

import java.time.Duration;
import org.ruraledu.config.Settings;

/**
 * How a room's readings become HEATING_OUT_OF_RANGE (see {@link RoomRuns}), validated at start.
 *
 * @param debounce      span on measuredAt an out-of-range run must reach to open the alert, an in-range run to resolve it
 * @param lateTolerance how far behind the room's newest measuredAt a reading still reshapes the runs
 * @param maxGap        counted readings further apart than this start a new run (the night, a weekend, an outage)
 * @param silenceDays   days without a counted reading after which a room is forgotten
 */
record RunRules(Duration debounce, Duration lateTolerance, Duration maxGap, int silenceDays) {
    static final String DEBOUNCE = "heating.debounce";
    static final String LATE_TOLERANCE = "heating.late.tolerance";
    static final String MAX_GAP = "heating.run.max.gap";
    static final String SILENCE_DAYS = "heating.room.silence.days";

    RunRules {
        if (debounce.isNegative() || debounce.isZero()) {
            throw new IllegalArgumentException(DEBOUNCE + " must be positive, got " + debounce);
        }
        if (lateTolerance.isNegative()) {
            throw new IllegalArgumentException(LATE_TOLERANCE + " must not be negative, got " + lateTolerance);
        }
        if (maxGap.isNegative() || maxGap.isZero()) {
            throw new IllegalArgumentException(MAX_GAP + " must be positive, got " + maxGap);
        }
        // A room forgotten while its readings could still arrive within the tolerance would start afresh mid-run.
        if (silenceDays < 1 || Duration.ofDays(silenceDays).compareTo(lateTolerance) <= 0) {
            throw new IllegalArgumentException(SILENCE_DAYS + " must be at least 1 and longer than " + LATE_TOLERANCE
                    + " (" + lateTolerance + "), got " + silenceDays);
        }
    }

    static RunRules from(Settings settings) {
        return new RunRules(settings.getDuration(DEBOUNCE), settings.getDuration(LATE_TOLERANCE),
                settings.getDuration(MAX_GAP), settings.getInt(SILENCE_DAYS));
    }
}
