package org.ruraledu.streams.dropout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.schemas.DropoutReason;

/** When an open case is overdue or escalated (calendar days past the limits), and the limits' settings. */
class FollowUpLimitsTest {
    private static final FollowUpLimits LIMITS = new FollowUpLimits(7, 14, Duration.ofMinutes(1));
    private static final LocalDate OPENED = LocalDate.of(2026, 3, 2);

    @Test
    void aCaseIsOverduePastTheFollowUpLimitAndEscalatedPastTheEscalationLimit() {
        assertThat(level(7)).as("7 days open: still within the limit").isEqualTo(OverdueLevel.NONE);
        assertThat(level(8)).isEqualTo(OverdueLevel.OVERDUE);
        assertThat(level(14)).isEqualTo(OverdueLevel.OVERDUE);
        assertThat(level(15)).isEqualTo(OverdueLevel.ESCALATED);
        assertThat(OverdueLevel.OVERDUE.limitDays(LIMITS)).isEqualTo(7);
        assertThat(OverdueLevel.ESCALATED.limitDays(LIMITS)).isEqualTo(14);
    }

    @Test
    void aClosedCaseIsNeverOverdue() {
        DropoutCase closed = open().closed(OPENED.plusDays(20), Closure.RETURNED);
        assertThat(OverdueLevel.of(closed, OPENED.plusDays(60), LIMITS)).isEqualTo(OverdueLevel.NONE);
    }

    @Test
    void limitsComeFromTheSettingsAndMustMakeSense() {
        FollowUpLimits defaults = FollowUpLimits.from(Settings.defaults());
        assertThat(defaults).isEqualTo(new FollowUpLimits(7, 14, Duration.ofMinutes(1)));
        assertThat(FollowUpLimits.from(Settings.defaults().with(Map.of("dropout.followup.limit.days", "3",
                "dropout.escalation.limit.days", "5", "dropout.overdue.check.interval", "PT10S"))))
                .isEqualTo(new FollowUpLimits(3, 5, Duration.ofSeconds(10)));
        assertThatThrownBy(() -> new FollowUpLimits(7, 7, Duration.ofMinutes(1)))
                .hasMessageContaining("dropout.escalation.limit.days must be more than dropout.followup.limit.days");
        assertThatThrownBy(() -> new FollowUpLimits(0, 7, Duration.ofMinutes(1)))
                .hasMessageContaining("dropout.followup.limit.days");
        assertThatThrownBy(() -> new FollowUpLimits(7, 14, Duration.ZERO))
                .hasMessageContaining("dropout.overdue.check.interval");
    }

    private static OverdueLevel level(int daysOpen) {
        return OverdueLevel.of(open(), OPENED.plusDays(daysOpen), LIMITS);
    }

    private static DropoutCase open() {
        return new DropoutCase("dropout-x", "s", Ev.REF, OPENED, OpeningCause.DROPPED_OUT, DropoutReason.UNKNOWN, 8,
                false, null, null);
    }
}
