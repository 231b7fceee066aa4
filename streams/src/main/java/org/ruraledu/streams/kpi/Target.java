package org.ruraledu.streams.kpi;

import java.time.LocalDate;
import org.ruraledu.contract.KpiStatus;

/**
 * A dated target of the plan's key-project list for one metric, e.g. lunch coverage 1.0 by the end of 2023
 * (item 9), or open dropout cases kept at 0 (item 38).
 *
 * @param deadline  the last day by which the plan wants the target reached; figures of later periods that miss
 *                  it have SLIPPED
 * @param tolerance before the deadline, a figure this close to the target is ON_TRACK, further away AT_RISK
 */
public record Target(String targetId, int planItem, String metric, double value, Direction direction,
        LocalDate deadline, double tolerance) {

    /** Tiny slack so that a ratio computed in floating point still meets a target of exactly 1.0. */
    private static final double EPSILON = 1e-9;

    public enum Direction { AT_LEAST, AT_MOST }

    /** How a figure of the period starting {@code periodStart} stands against this target. */
    public KpiStatus judge(double observed, LocalDate periodStart) {
        if (distance(observed) <= EPSILON) {
            return KpiStatus.MET;
        }
        if (periodStart.isAfter(deadline)) {
            return KpiStatus.SLIPPED;
        }
        return distance(observed) <= tolerance + EPSILON ? KpiStatus.ON_TRACK : KpiStatus.AT_RISK;
    }

    /** How far the figure falls short of the target (0 when met). */
    private double distance(double observed) {
        return Math.max(0, direction == Direction.AT_LEAST ? value - observed : observed - value);
    }
}
