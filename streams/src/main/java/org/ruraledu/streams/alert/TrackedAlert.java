package org.ruraledu.streams.alert;

import java.time.LocalDate;
import org.ruraledu.contract.Alert;
import org.ruraledu.records.RecordRules;

/**
 * The lifecycle's memory of one condition: how many alerts it has opened so far ({@code lives}), and the last
 * state published. Kept after RESOLVED so that a condition that returns opens a new alert with a new id.
 */
public record TrackedAlert(int lives, Alert latest) {
    public boolean open() {
        return latest != null && latest.state() != Alert.AlertState.RESOLVED;
    }

    /** Resolved, and last updated before {@code day} (in the plan's city time). */
    public boolean resolvedBefore(LocalDate day) {
        return latest != null && !open() && LocalDate.ofInstant(latest.updatedAt(), RecordRules.ZONE).isBefore(day);
    }
}
