package org.ruraledu.producers.simulator;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Something the simulator made happen in classrooms, as the ground truth a test compares the pipeline's alerts
 * with. {@code start} and {@code end} are the measuredAt of the episode's first and last reading, both included.
 *
 * <ul>
 * <li>{@link Kind#BOILER_FAILURE}: every reading of every listed room from start to end is below 18 °C (some below
 *     14), every reading of those rooms before and after it on that day is at or above 18 °C (but a cold
 *     morning's, before 08:15, which never span 20 minutes), and after end at least 20 minutes of in-range
 *     readings follow. One HEATING_OUT_OF_RANGE per room, resolved after end, is the expected outcome.
 * <li>{@link Kind#FLAPPING_SENSOR}: one room alternating 17.5 / 18.5 °C reading by reading: no run of out-of-range
 *     readings spans any time, so it must open no alert.
 * <li>{@link Kind#LATE_READINGS}: one room's readings of an hour held back and sent, shuffled, right after the
 *     school's readings measured at {@code end} plus one interval, i.e. after later readings, at most an hour late.
 * </ul>
 */
public record ClimateEpisode(Kind kind, String schoolId, LocalDate day, List<String> rooms, Instant start,
        Instant end) {

    public enum Kind {
        BOILER_FAILURE, FLAPPING_SENSOR, LATE_READINGS;

        /** e.g. {@code boiler_failure}, as in the stats' {@code episodes.boiler_failure}. */
        public String statName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public ClimateEpisode {
        rooms = List.copyOf(rooms);
    }

    @Override
    public String toString() {
        return kind.statName() + " " + schoolId + " " + rooms + " " + start + ".." + end;
    }
}
