package org.ruraledu.streams.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;

/** The grace period's settings, and when a waiting record has waited it out. */
class UnknownSchoolGraceSettingsTest {

    @Test
    void settingsAreReadAndMustMakeSense() {
        assertThat(UnknownSchoolGrace.from(Settings.defaults()))
                .isEqualTo(new UnknownSchoolGrace(Duration.ofSeconds(60), Duration.ofSeconds(1)));
        UnknownSchoolGrace none = UnknownSchoolGrace.from(Settings.defaults().with(Map.of(UnknownSchoolGrace.GRACE,
                "PT0S", UnknownSchoolGrace.CHECK_INTERVAL, "PT5S")));
        assertThat(none).isEqualTo(new UnknownSchoolGrace(Duration.ZERO, Duration.ofSeconds(5)));
        assertThat(none.waits()).isFalse();
        assertThatThrownBy(() -> new UnknownSchoolGrace(Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .hasMessageContaining(UnknownSchoolGrace.GRACE);
        assertThatThrownBy(() -> new UnknownSchoolGrace(Duration.ofSeconds(60), Duration.ZERO))
                .hasMessageContaining(UnknownSchoolGrace.CHECK_INTERVAL);
    }

    @Test
    void theGraceIsOverOnceItHasFullyPassed() {
        UnknownSchoolGrace grace = new UnknownSchoolGrace(Duration.ofSeconds(60), Duration.ofSeconds(1));
        Instant since = Instant.parse("2026-03-10T02:00:00Z");
        assertThat(grace.waits()).isTrue();
        assertThat(grace.over(since, since.plusSeconds(59))).isFalse();
        assertThat(grace.over(since, since.plusSeconds(60))).isTrue();
    }

    @Test
    void storeKeysSortASchoolsRecordsByOffsetAndGiveTheSchoolBack() {
        assertThat(AwaitingRecord.key("w1", 9)).isLessThan(AwaitingRecord.key("w1", 10));
        assertThat(AwaitingRecord.schoolOf(AwaitingRecord.key("a|b", 42))).isEqualTo("a|b");
    }
}
