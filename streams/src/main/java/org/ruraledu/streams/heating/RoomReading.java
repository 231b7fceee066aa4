package org.ruraledu.streams.heating;

import java.util.Comparator;

/**
 * What a room's runs keep of one counted reading: when it was measured (epoch millis), whether the standard
 * found it in range and critical, and its temperature for the alert's words.
 */
record RoomReading(long measuredAt, boolean inRange, boolean critical, double temperatureC) {
    /** measuredAt first; the rest only so that readings of the same instant sort the same in any arrival order. */
    static final Comparator<RoomReading> ORDER = Comparator.comparingLong(RoomReading::measuredAt)
            .thenComparing(RoomReading::inRange).thenComparing(RoomReading::critical)
            .thenComparingDouble(RoomReading::temperatureC);
}
