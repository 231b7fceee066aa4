package org.ruraledu.records;

import java.time.LocalDate;
import org.ruraledu.config.Settings;

/**
 * The retention horizon's arithmetic: the oldest day still remembered is {@value #DAYS} days back from today
 * (days of the plan's city, {@link RecordRules#ZONE}). The streams application forgets state older than that and
 * dead-letters records dated earlier ({@code TOO_OLD}); the senders (client library, gateway, {@code submit})
 * refuse the same records first, with the same rule, so that no sender hears "accepted" for what the pipeline
 * will throw away. One class for both, so the two can never disagree by a day.
 */
public record RetentionHorizon(int days) {
    public static final String DAYS = "retention.days";

    public RetentionHorizon {
        if (days < 1) {
            throw new IllegalArgumentException(DAYS + " must be at least 1, got " + days);
        }
    }

    public static RetentionHorizon from(Settings settings) {
        return new RetentionHorizon(settings.getInt(DAYS));
    }

    /** The oldest day still remembered on {@code today}: that day itself is kept, the day before is not. */
    public LocalDate horizon(LocalDate today) {
        return today.minusDays(days);
    }

    /** Whether {@code day} is forgotten (or about to be) on {@code today}; a null day (no date) never is. */
    public boolean tooOld(LocalDate day, LocalDate today) {
        return day != null && day.isBefore(horizon(today));
    }
}
