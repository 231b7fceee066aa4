package org.ruraledu.streams.alert;

import java.time.LocalDate;
import org.ruraledu.contract.Alert;

/**
 * The latest word on one condition: whether it {@code holds} now, and the alert as it should read (a draft: no
 * alertId, state or times; the lifecycle adds them). The condition is identified by its type and
 * {@code subject} (e.g. {@code MEAL_GAP} of {@code school-17:2026-03-02}).
 *
 * <p>A condition about a bounded past (a school day that may be corrected for a few days) carries an
 * {@link Expiry}: once its last day has passed, the lifecycle resolves the alert by itself with the expiry's
 * message, and the condition never opens again, so open alerts stay bounded by what can still change.
 */
public record AlertCondition(String subject, boolean holds, Alert draft, Expiry expiry) {

    /**
     * The last day anything can still change the condition (e.g. a school day's correction deadline), and what the
     * alert says when it is closed because that day has passed.
     */
    public record Expiry(LocalDate lastDay, Alert.Message message) {
        boolean passedOn(LocalDate today) {
            return today.isAfter(lastDay);
        }
    }

    public AlertCondition(String subject, boolean holds, Alert draft) {
        this(subject, holds, draft, null);
    }

    public static AlertCondition holding(String subject, Alert draft) {
        return new AlertCondition(subject, true, draft);
    }

    public static AlertCondition cleared(String subject, Alert draft) {
        return new AlertCondition(subject, false, draft);
    }

    /** This condition, closed by the lifecycle after {@code lastDay} with the message {@code zh} / {@code en}. */
    public AlertCondition expiringAfter(LocalDate lastDay, String zh, String en) {
        return new AlertCondition(subject, holds, draft, new Expiry(lastDay, new Alert.Message(zh, en)));
    }

    /** One condition, one alert: the key of the lifecycle store. */
    public String key() {
        return draft.type() + ":" + subject;
    }
}
