package org.ruraledu.streams.heating;

import java.util.ArrayList;
import java.util.List;

/**
 * HEATING_OUT_OF_RANGE of one room, free of Kafka: the debounce on measuredAt, the order of arrival, the night.
 *
 * <p><b>The rule.</b> A room's counted readings (those the standard judges; outside school hours or season none
 * is) in measuredAt order form runs: consecutive readings all in range or all out of range, none more than
 * {@code heating.run.max.gap} after the one before; a run's span is its last minus its first measuredAt. While no
 * alert is open, an out-of-range run whose span reaches {@code heating.debounce} opens one, at the reading where
 * it does (CRITICAL if a reading of the run up to there is critical, else WARNING). While open, a critical
 * out-of-range reading raises it to CRITICAL (UPDATED; it never goes back down), and an in-range run whose span
 * reaches the debounce resolves it. So one odd reading (span 0) never opens an alert, and a sensor flapping in and
 * out at every reading opens none (no run spans anything).
 *
 * <p><b>The night.</b> The gap breaks runs: a cold evening and a cold next morning are two runs, never one of
 * fifteen hours, so neither opens an alert before it spans the debounce itself. It does not close an alert: no
 * reading says anything about the night, so an alert open at 17:00 stays open until the next school day's readings
 * speak: it resolves once the morning has been warm for the debounce (08:20 by default), and stays open through a
 * cold one, so that a boiler out for three days is one alert, not three.
 *
 * <p><b>Order of arrival.</b> The room keeps its readings of the last {@code heating.late.tolerance} before its
 * newest in measuredAt order ({@link RoomState}); a late reading is put at its place and the runs are walked again
 * from the run the older readings left off in. What was published is never taken back (hysteresis): the alert
 * opens or resolves only at a reading measured after the one it last opened or resolved at (the cursor). Hence:
 * <ul>
 *   <li>In order, and for a room whose readings arrive late but in order (a delayed room): exactly the rule.</li>
 *   <li>A shuffled batch within the tolerance gives the same records (OPEN, UPDATED to CRITICAL, RESOLVED, each
 *       once per episode, in that order) when the episode's runs are clean: no reading of the other kind inside
 *       the runs that open and resolve it, and its first critical reading after the opening run's first debounce
 *       and before the in-range run that resolves it. A boiler failure is like that.</li>
 *   <li>Not covered, and what happens instead: (a) a batch that brings a critical reading of the opening run before
 *       the readings at which in order the alert opened opens it CRITICAL at once (in order: WARNING, then UPDATED;
 *       the final severity is the same); (b) a reading of the other kind that arrives after readings on both sides
 *       of it already spanned the debounce does not undo what they did. The worst case is a flapping sensor whose
 *       readings arrive as shuffled batches: each batch can open an alert (its out-of-range readings first, the
 *       in-range ones between them later) and resolve it again, where in order none opens (measured: hourly
 *       batches of a sensor flapping every 5 minutes opened 5 alerts in a school day). Only waiting out the
 *       tolerance before judging would avoid it; a real temperature near the limit with noise on it, sent in
 *       shuffled batches, is the case where this shows; (c) a critical reading that arrives after the alert resolved does not
 *       raise it.</li>
 *   <li>A reading later than the tolerance (measured before the room's newest minus {@code heating.late.tolerance},
 *       or before the last reading the room settled) no longer reshapes the runs: it changes nothing here (it still
 *       counts in the KPIs).</li>
 * </ul>
 * Per reading: the buffer is walked once (a dozen readings at the usual five-minute cadence).
 */
final class RoomRuns {
    /**
     * Most readings a room keeps in its buffer (an hour at one reading every 15 s): beyond, the oldest settle early
     * and a reading older than them no longer reshapes the runs. Bounds the state of a room that reports too often.
     */
    static final int MAX_BUFFERED = 240;

    private RoomRuns() {}

    /**
     * Adds {@code reading} to {@code room} and returns the changes of its alert, in order (usually none), or null
     * when the reading is too late to reshape the runs (the room is then unchanged: nothing to write).
     * {@code judged}, {@code district} and {@code schoolName}: of this reading, for an alert it opens.
     */
    static List<Change> add(RoomState room, RoomReading reading, Judgment judged, String district, String schoolName,
            RunRules rules) {
        long tolerance = rules.lateTolerance().toMillis();
        long newest = room.newest();
        if (newest != Long.MIN_VALUE && reading.measuredAt() < newest - tolerance
                || room.settled != null && reading.measuredAt() < room.settled.last()) {
            return null;
        }
        insert(room.buffer, reading);
        long maxGap = rules.maxGap().toMillis();
        long horizon = room.newest() - tolerance;
        while (room.buffer.get(0).measuredAt() < horizon || room.buffer.size() > MAX_BUFFERED) {
            room.settled = Run.next(room.settled, room.buffer.remove(0), maxGap);
        }
        return walk(room, judged, district, schoolName, rules.debounce().toMillis(), maxGap);
    }

    /** The changes when the room is forgotten (fallen silent): its open alert resolved, if it has one. */
    static List<Change> forget(RoomState room) {
        if (room.alert == null) {
            return List.of();
        }
        return List.of(new Change(Change.Kind.FORGET, room.alert, room.newest(), room.alert.observedC(), 0));
    }

    /** The runs walked again over the buffer: the rule applied where it has not been yet (after the cursor). */
    private static List<Change> walk(RoomState room, Judgment judged, String district, String schoolName,
            long debounce, long maxGap) {
        List<Change> changes = List.of();
        Run run = room.settled;
        for (RoomReading r : room.buffer) {
            run = Run.next(run, r, maxGap);
            OpenAlert open = room.alert;
            Change change = null;
            if (open == null) {
                if (!run.inRange() && run.span() >= debounce && r.measuredAt() > room.cursor) {
                    room.alert = new OpenAlert(run.start(), run.critical(), r.temperatureC(), judged.limitC(),
                            judged.season(), district, schoolName);
                    room.cursor = r.measuredAt();
                    change = new Change(Change.Kind.OPEN, room.alert, r.measuredAt(), r.temperatureC(), run.start());
                }
            } else if (!run.inRange()) {
                // Not bound to the cursor: a late critical reading of the episode still raises it.
                if (run.critical() && !open.critical() && r.measuredAt() >= open.anchor()) {
                    room.alert = open.escalated(r.temperatureC());
                    change = new Change(Change.Kind.ESCALATE, room.alert, r.measuredAt(), r.temperatureC(),
                            run.start());
                }
            } else if (run.span() >= debounce && r.measuredAt() > room.cursor) {
                room.alert = null;
                room.cursor = r.measuredAt();
                change = new Change(Change.Kind.RESOLVE, open, r.measuredAt(), r.temperatureC(), run.start());
            }
            if (change != null) {
                if (changes.isEmpty()) {
                    changes = new ArrayList<>(2);
                }
                changes.add(change);
            }
        }
        return changes;
    }

    /** At its place in measuredAt order, after the readings that sort the same. */
    private static void insert(List<RoomReading> buffer, RoomReading reading) {
        int at = buffer.size();
        while (at > 0 && RoomReading.ORDER.compare(buffer.get(at - 1), reading) > 0) {
            at--;
        }
        buffer.add(at, reading);
    }
}
