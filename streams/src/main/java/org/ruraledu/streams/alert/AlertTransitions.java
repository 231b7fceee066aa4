package org.ruraledu.streams.alert;

import java.time.Instant;
import java.util.Optional;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Alert.AlertState;

/**
 * The lifecycle rules, free of Kafka: a condition that starts to hold opens an alert (once); while it holds, any
 * change to what the alert says (severity, observed value, message, ...: every field of the draft) updates it,
 * and the same draft again changes nothing; when it clears, the alert is resolved. The alertId is
 * {@code {type}:{subject}:{life}} and never changes during one life.
 */
final class AlertTransitions {
    private AlertTransitions() {}

    /** The new tracked state if the condition changes anything, else empty. */
    static Optional<TrackedAlert> next(TrackedAlert tracked, AlertCondition condition, Instant now) {
        Alert draft = condition.draft();
        if (tracked == null || !tracked.open()) {
            if (!condition.holds()) {
                return Optional.empty();
            }
            int life = tracked == null ? 1 : tracked.lives() + 1;
            return Optional.of(new TrackedAlert(life, stamped(draft, condition.key() + ":" + life, AlertState.OPEN,
                    now, now)));
        }
        Alert open = tracked.latest();
        if (!condition.holds()) {
            return Optional.of(new TrackedAlert(tracked.lives(),
                    stamped(draft, open.alertId(), AlertState.RESOLVED, open.openedAt(), now)));
        }
        // The draft stamped like the open alert differs from it exactly where the alert's content changed.
        boolean changed = !stamped(draft, open.alertId(), open.state(), open.openedAt(), open.updatedAt()).equals(open);
        return changed
                ? Optional.of(new TrackedAlert(tracked.lives(),
                        stamped(draft, open.alertId(), AlertState.UPDATED, open.openedAt(), now)))
                : Optional.empty();
    }

    private static Alert stamped(Alert d, String alertId, AlertState state, Instant openedAt, Instant updatedAt) {
        return new Alert(alertId, d.type(), state, d.severity(), d.district(), d.schoolId(), d.subjectRef(),
                d.metric(), d.observed(), d.threshold(), d.targetId(), d.periodStart(), d.planItem(), openedAt,
                updatedAt, d.message());
    }
}
