package org.ruraledu.streams.alert;

import java.time.Instant;
import java.util.Optional;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Alert.AlertState;

/**
 * The lifecycle rules, free of Kafka: a condition that starts to hold opens an alert (once); while it holds, any
 * change to what the alert says (severity, observed value, message, ...: every field of the draft) updates it,
 * and the same draft again changes nothing; when it clears, the alert is resolved. The alertId is
 * {@code {type}:{subject}:{life}} and never changes during one life, nor does its district: an alert of a school
 * that moved keeps the district it opened in, so that all its records are on one partition of the alert topic.
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
                    draft.district(), now, now)));
        }
        Alert open = tracked.latest();
        if (!condition.holds()) {
            return Optional.of(new TrackedAlert(tracked.lives(),
                    stamped(draft, open.alertId(), AlertState.RESOLVED, open.district(), open.openedAt(), now)));
        }
        // The draft stamped like the open alert differs from it exactly where the alert's content changed.
        boolean changed = !stamped(draft, open.alertId(), open.state(), open.district(), open.openedAt(),
                open.updatedAt()).equals(open);
        return changed
                ? Optional.of(new TrackedAlert(tracked.lives(),
                        stamped(draft, open.alertId(), AlertState.UPDATED, open.district(), open.openedAt(), now)))
                : Optional.empty();
    }

    /** {@code district}: the one the alert opened in, for its whole life (one partition of the alert topic, in order). */
    private static Alert stamped(Alert d, String alertId, AlertState state, String district, Instant openedAt,
            Instant updatedAt) {
        return new Alert(alertId, d.type(), state, d.severity(), district, d.schoolId(), d.subjectRef(),
                d.metric(), d.observed(), d.threshold(), d.targetId(), d.periodStart(), d.planItem(), openedAt,
                updatedAt, d.message());
    }
}
