package org.ruraledu.contract;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One state of an alert as published on {@code ruraledu.alerts.v1} (key: district). {@code alertId} stays the
 * same from OPEN through UPDATED to RESOLVED; every state change is a new record.
 */
public record Alert(
        String alertId,
        AlertType type,
        AlertState state,
        Severity severity,
        String district,
        String schoolId,
        String subjectRef,
        String metric,
        Double observed,
        Double threshold,
        String targetId,
        LocalDate periodStart,
        Integer planItem,
        Instant openedAt,
        Instant updatedAt,
        Message message) {

    /** Every alert speaks the plan's words in both languages. */
    public record Message(String zh, String en) {}

    public enum AlertState { OPEN, UPDATED, RESOLVED }

    public enum Severity { INFO, WARNING, CRITICAL }

    public Alert withState(AlertState newState, Instant at) {
        return new Alert(alertId, type, newState, severity, district, schoolId, subjectRef, metric, observed,
                threshold, targetId, periodStart, planItem, openedAt, at, message);
    }
}
