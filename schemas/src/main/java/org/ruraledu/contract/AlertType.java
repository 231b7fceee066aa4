package org.ruraledu.contract;

/** The conditions the bureau is alerted to, each serving one item of the plan's key-project list. */
public enum AlertType {
    DROPOUT_DETECTED(38),
    DROPOUT_CASE_OVERDUE(38),
    TARGET_SLIPPED(null),
    REPORT_MISSING(null),
    HEATING_OUT_OF_RANGE(12),
    MEAL_GAP(9),
    FOOD_SAFETY_INCIDENT(9),
    CARE_ROOM_MISSING(38);

    private final Integer planItem;

    AlertType(Integer planItem) {
        this.planItem = planItem;
    }

    /** The key-project list item (1..40) this alert type serves, or null when it depends on the target. */
    public Integer planItem() {
        return planItem;
    }
}
