package org.ruraledu.streams.alert;

import java.time.LocalDate;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;

/** Builds the draft of an alert: what a domain knows; the lifecycle fills in alertId, state and times. */
public final class AlertDraft {
    private final AlertType type;
    private final Alert.Severity severity;
    private final String district;
    private String schoolId;
    private String subjectRef;
    private String metric;
    private Double observed;
    private Double threshold;
    private String targetId;
    private LocalDate periodStart;
    private Integer planItem;
    private Alert.Message message;

    private AlertDraft(AlertType type, Alert.Severity severity, String district) {
        this.type = type;
        this.severity = severity;
        this.district = district;
        this.planItem = type.planItem();
    }

    public static AlertDraft of(AlertType type, Alert.Severity severity, String district) {
        return new AlertDraft(type, severity, district);
    }

    public AlertDraft school(String id) {
        this.schoolId = id;
        return this;
    }

    /** Pseudonymous student reference, never a student number. */
    public AlertDraft subjectRef(String ref) {
        this.subjectRef = ref;
        return this;
    }

    public AlertDraft metric(String metricId, Double observedValue, Double thresholdValue, String target) {
        this.metric = metricId;
        this.observed = observedValue;
        this.threshold = thresholdValue;
        this.targetId = target;
        return this;
    }

    public AlertDraft periodStart(LocalDate date) {
        this.periodStart = date;
        return this;
    }

    /** For alert types whose plan item depends on the target (TARGET_SLIPPED, REPORT_MISSING). */
    public AlertDraft planItem(Integer item) {
        this.planItem = item;
        return this;
    }

    public AlertDraft message(String zh, String en) {
        this.message = new Alert.Message(zh, en);
        return this;
    }

    public Alert build() {
        if (message == null) {
            throw new IllegalStateException("every alert speaks the plan's words in zh and en: message missing");
        }
        return new Alert(null, type, null, severity, district, schoolId, subjectRef, metric, observed, threshold,
                targetId, periodStart, planItem, null, null, message);
    }
}
