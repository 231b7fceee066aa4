package org.ruraledu.streams.alert;

import org.ruraledu.contract.Alert;

/**
 * The latest word on one condition: whether it {@code holds} now, and the alert as it should read (a draft: no
 * alertId, state or times; the lifecycle adds them). The condition is identified by its type and
 * {@code subject} (e.g. {@code MEAL_GAP} of {@code school-17:2026-03-02}).
 */
public record AlertCondition(String subject, boolean holds, Alert draft) {

    public static AlertCondition holding(String subject, Alert draft) {
        return new AlertCondition(subject, true, draft);
    }

    public static AlertCondition cleared(String subject, Alert draft) {
        return new AlertCondition(subject, false, draft);
    }

    /** One condition, one alert: the key of the lifecycle store. */
    public String key() {
        return draft.type() + ":" + subject;
    }
}
