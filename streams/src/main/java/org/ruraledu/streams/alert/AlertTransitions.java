package org.ruraledu.streams.alert;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Alert.AlertState;
import org.ruraledu.records.RecordRules;

/**
 * The lifecycle rules, free of Kafka: a condition that starts to hold opens an alert (once); while it holds, any
 * change to what the alert says (severity, observed value, message, ...: every field of the draft) updates it,
 * and the same draft again changes nothing; when it clears, the alert is resolved. The alertId is
 * {@code {type}:{subject}:{life}} and never changes during one life, nor does its district: an alert of a school
 * that moved keeps the district it opened in, so that all its records are on one partition of the alert topic.
 *
 * <p>A condition past its {@link AlertCondition.Expiry expiry} opens nothing and changes nothing; an alert still
 * open then is resolved with the expiry's message ({@link #expired}).
 */
final class AlertTransitions {
    private AlertTransitions() {}

    /** The new tracked state if the condition changes anything, else empty. */
    static Optional<TrackedAlert> next(TrackedAlert tracked, AlertCondition condition, Instant now) {
        Alert draft = condition.draft();
        boolean open = tracked != null && tracked.open();
        if (condition.expiry() != null && condition.expiry().passedOn(LocalDate.ofInstant(now, RecordRules.ZONE))) {
            return open ? Optional.of(expired(tracked, now)) : Optional.empty();
        }
        if (!open) {
            if (!condition.holds()) {
                return Optional.empty();
            }
            int life = tracked == null ? 1 : tracked.lives() + 1;
            return Optional.of(new TrackedAlert(life, stamped(draft, condition.key() + ":" + life, AlertState.OPEN,
                    draft.district(), now, now), condition.expiry()));
        }
        Alert current = tracked.latest();
        if (!condition.holds()) {
            return Optional.of(new TrackedAlert(tracked.lives(),
                    stamped(draft, current.alertId(), AlertState.RESOLVED, current.district(), current.openedAt(), now),
                    condition.expiry()));
        }
        // The draft stamped like the open alert differs from it exactly where the alert's content changed.
        boolean changed = !stamped(draft, current.alertId(), current.state(), current.district(), current.openedAt(),
                current.updatedAt()).equals(current);
        return changed
                ? Optional.of(new TrackedAlert(tracked.lives(), stamped(draft, current.alertId(), AlertState.UPDATED,
                        current.district(), current.openedAt(), now), condition.expiry()))
                : Optional.empty();
    }

    /** An open alert whose condition can no longer change: resolved as it stands, saying why. */
    static TrackedAlert expired(TrackedAlert tracked, Instant now) {
        Alert current = tracked.latest();
        Alert resolved = new Alert(current.alertId(), current.type(), AlertState.RESOLVED, current.severity(),
                current.district(), current.schoolId(), current.subjectRef(), current.metric(), current.observed(),
                current.threshold(), current.targetId(), current.periodStart(), current.planItem(),
                current.openedAt(), now, tracked.expiry().message());
        return new TrackedAlert(tracked.lives(), resolved, tracked.expiry());
    }

    /** {@code district}: the one the alert opened in, for its whole life (one partition of the alert topic, in order). */
    private static Alert stamped(Alert d, String alertId, AlertState state, String district, Instant openedAt,
            Instant updatedAt) {
        return new Alert(alertId, d.type(), state, d.severity(), district, d.schoolId(), d.subjectRef(),
                d.metric(), d.observed(), d.threshold(), d.targetId(), d.periodStart(), d.planItem(), openedAt,
                updatedAt, d.message());
    }
}
