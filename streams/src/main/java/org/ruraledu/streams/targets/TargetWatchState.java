package org.ruraledu.streams.targets;

import java.time.LocalDate;
import org.ruraledu.contract.KpiStatus;

/**
 * What the watch of one scope and target remembers between KPI changes: the open TARGET_SLIPPED alert's status
 * ({@code SLIPPED} or {@code AT_RISK}, null when none is open) and the period it opened in (part of its subject),
 * the latest period judged and whether it was good (MET or ON_TRACK), and how many consecutive good periods came
 * right before it.
 */
public record TargetWatchState(KpiStatus open, LocalDate openedIn, LocalDate latest, boolean latestGood,
        int goodBefore) {

    static final TargetWatchState NONE = new TargetWatchState(null, null, null, false, 0);

    /** Whether a status counts towards resolving: met, or on the straight path to the target. */
    static boolean good(KpiStatus status) {
        return status == KpiStatus.MET || status == KpiStatus.ON_TRACK;
    }

    /** Whether a status opens (or keeps open) a TARGET_SLIPPED alert. */
    static boolean bad(KpiStatus status) {
        return status == KpiStatus.SLIPPED || status == KpiStatus.AT_RISK;
    }

    /**
     * The state once the period starting {@code period} is judged {@code status}; null when the period is older
     * than the latest judged (a late correction of history changes no alert). A new period moves the run on; the
     * latest period judged again (its figures changed) replaces its own verdict.
     */
    TargetWatchState judged(LocalDate period, KpiStatus status) {
        if (latest != null && period.isBefore(latest)) {
            return null;
        }
        int before = latest == null || period.equals(latest) ? goodBefore : (latestGood ? goodBefore + 1 : 0);
        return new TargetWatchState(open, openedIn, period, good(status), before);
    }

    /** Consecutive good periods, the latest included (0 when the latest is not good). */
    int goodRun() {
        return latestGood ? goodBefore + 1 : 0;
    }

    TargetWatchState opened(KpiStatus status, LocalDate period) {
        return new TargetWatchState(status, open == null ? period : openedIn, latest, latestGood,
                goodBefore);
    }

    TargetWatchState closed() {
        return new TargetWatchState(null, null, latest, latestGood, goodBefore);
    }
}
