package org.ruraledu.streams.dropout;

import java.time.Duration;
import org.ruraledu.config.Settings;

/**
 * How long a case may stay open before the bureau is told again (一人一案跟进即时劝返: a case is followed up until
 * the child is persuaded to return), and how often open cases are checked against these limits.
 *
 * @param followUpLimitDays   calendar days a case may stay open; past them it is overdue (WARNING)
 * @param escalationLimitDays calendar days past which an overdue case escalates (CRITICAL)
 * @param checkInterval       wall-clock interval of the overdue check, which runs whether or not events arrive
 */
public record FollowUpLimits(int followUpLimitDays, int escalationLimitDays, Duration checkInterval) {
    public static final String FOLLOW_UP_LIMIT_DAYS = "dropout.followup.limit.days";
    public static final String ESCALATION_LIMIT_DAYS = "dropout.escalation.limit.days";
    public static final String CHECK_INTERVAL = "dropout.overdue.check.interval";

    public FollowUpLimits {
        if (followUpLimitDays < 1) {
            throw new IllegalArgumentException(FOLLOW_UP_LIMIT_DAYS + " must be at least 1, got " + followUpLimitDays);
        }
        if (escalationLimitDays <= followUpLimitDays) {
            throw new IllegalArgumentException(ESCALATION_LIMIT_DAYS + " must be more than " + FOLLOW_UP_LIMIT_DAYS
                    + " (" + followUpLimitDays + "), got " + escalationLimitDays);
        }
        if (checkInterval.isNegative() || checkInterval.isZero()) {
            throw new IllegalArgumentException(CHECK_INTERVAL + " must be positive, got " + checkInterval);
        }
    }

    public static FollowUpLimits from(Settings settings) {
        return new FollowUpLimits(settings.getInt(FOLLOW_UP_LIMIT_DAYS), settings.getInt(ESCALATION_LIMIT_DAYS),
                settings.getDuration(CHECK_INTERVAL));
    }
}
