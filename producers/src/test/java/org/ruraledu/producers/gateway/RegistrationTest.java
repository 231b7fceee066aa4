package org.ruraledu.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.ruraledu.producers.testing.TestData;
import org.ruraledu.records.InputKind;
import org.ruraledu.schemas.SchoolProfile;

class RegistrationTest {
    private static final SchoolProfile OPEN = profile(true);
    private static final SchoolProfile CLOSED = profile(false);

    private static SchoolProfile profile(boolean active) {
        return (SchoolProfile) TestData.record(InputKind.SCHOOL_REGISTRY, TestData.school("S1", active));
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    @Test
    void inactiveSinceIsTheWeihaiDayOfTheClosingRecordsTimestamp() {
        // 16:30 UTC on the 9th is 00:30 on the 10th in Weihai.
        Registration closed = Registration.after(Registration.after(null, OPEN, at("2026-03-01T02:00:00Z")), CLOSED,
                at("2026-03-09T16:30:00Z"));
        assertThat(closed.active()).isFalse();
        assertThat(closed.inactiveSince()).isEqualTo(LocalDate.of(2026, 3, 10));
    }

    @Test
    void aClosureSentAgainKeepsTheEarliestDayWhateverTheOrderOfTimestamps() {
        Registration first = Registration.after(null, CLOSED, at("2026-03-05T02:00:00Z"));
        assertThat(Registration.after(first, CLOSED, at("2026-03-08T02:00:00Z")).inactiveSince())
                .isEqualTo(LocalDate.of(2026, 3, 5));
        assertThat(Registration.after(first, CLOSED, at("2026-03-02T02:00:00Z")).inactiveSince())
                .as("a producer clock behind").isEqualTo(LocalDate.of(2026, 3, 2));
    }

    @Test
    void reopeningForgetsTheClosureAndAnotherClosureStartsAfresh() {
        Registration closed = Registration.after(null, CLOSED, at("2026-03-05T02:00:00Z"));
        Registration reopened = Registration.after(closed, OPEN, at("2026-03-06T02:00:00Z"));
        assertThat(reopened.active()).isTrue();
        assertThat(reopened.refusal(TestData.record(InputKind.MEAL_REPORTS, TestData.meal("S1")))).isEmpty();
        assertThat(Registration.after(reopened, CLOSED, at("2026-03-09T02:00:00Z")).inactiveSince())
                .isEqualTo(LocalDate.of(2026, 3, 9));
        assertThat(Registration.after(Registration.unreadable("garbage"), CLOSED, at("2026-03-09T02:00:00Z"))
                .inactiveSince()).as("after an unreadable entry").isEqualTo(LocalDate.of(2026, 3, 9));
    }
}
