package org.ruraledu.streams.dropout;

import java.time.LocalDate;

/** How far an open case is past its follow-up limits on a given day. */
public enum OverdueLevel {
    /** Within the follow-up limit (or closed). */
    NONE,
    /** Open past {@code dropout.followup.limit.days}: DROPOUT_CASE_OVERDUE, WARNING. */
    OVERDUE,
    /** Open past {@code dropout.escalation.limit.days}: the overdue alert escalates to CRITICAL. */
    ESCALATED;

    public static OverdueLevel of(DropoutCase dropoutCase, LocalDate today, FollowUpLimits limits) {
        if (!dropoutCase.isOpen()) {
            return NONE;
        }
        long days = dropoutCase.daysOpen(today);
        if (days > limits.escalationLimitDays()) {
            return ESCALATED;
        }
        return days > limits.followUpLimitDays() ? OVERDUE : NONE;
    }

    /** The limit this level is past, in days (null for NONE). */
    public Integer limitDays(FollowUpLimits limits) {
        return switch (this) {
            case NONE -> null;
            case OVERDUE -> limits.followUpLimitDays();
            case ESCALATED -> limits.escalationLimitDays();
        };
    }
}
