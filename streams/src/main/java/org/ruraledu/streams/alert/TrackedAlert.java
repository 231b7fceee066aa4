package org.ruraledu.streams.alert;

import java.time.LocalDate;
import org.ruraledu.contract.Alert;
import org.ruraledu.records.RecordRules;

/**
 * The lifecycle's memory of one condition: how many alerts it has opened so far ({@code lives}), the last state
 * published, and the condition's expiry if it has one. Kept after RESOLVED so that a condition that returns opens
 * a new alert with a new id.
 */
public record TrackedAlert(int lives, Alert latest, AlertCondition.Expiry expiry) {

    public TrackedAlert(int lives, Alert latest) {
        this(lives, latest, null);
    }

    public boolean open() {
        return latest != null && latest.state() != Alert.AlertState.RESOLVED;
    }

    /** Resolved, and last updated before {@code day} (in the plan's city time). */
    public boolean resolvedBefore(LocalDate day) {
        return latest != null && !open() && LocalDate.ofInstant(latest.updatedAt(), RecordRules.ZONE).isBefore(day);
    }

    /** Open, about a past that can no longer change on {@code today}. */
    boolean expiredOn(LocalDate today) {
        return open() && expiry != null && expiry.passedOn(today);
    }
}
