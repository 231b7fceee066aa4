package org.ruraledu.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;

class RetentionHorizonTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    @Test
    void theHorizonDayIsKeptAndTheDayBeforeIsTooOld() {
        RetentionHorizon horizon = new RetentionHorizon(400);
        // 2026-03-10 minus 400 days, by hand: 2025-03-10 is 365 days back, 35 more is 2025-02-03.
        assertThat(horizon.horizon(TODAY)).isEqualTo(LocalDate.of(2025, 2, 3));
        assertThat(horizon.tooOld(LocalDate.of(2025, 2, 3), TODAY)).isFalse();
        assertThat(horizon.tooOld(LocalDate.of(2025, 2, 2), TODAY)).isTrue();
        assertThat(horizon.tooOld(null, TODAY)).as("a record without a day is never too old").isFalse();
    }

    @Test
    void theDaysComeFromTheSettingWhoseDefaultIs400() {
        assertThat(RetentionHorizon.from(Settings.defaults()).days()).isEqualTo(400);
        assertThat(RetentionHorizon.from(Settings.defaults().with(RetentionHorizon.DAYS, "1")).horizon(TODAY))
                .isEqualTo(LocalDate.of(2026, 3, 9));
        assertThatThrownBy(() -> new RetentionHorizon(0)).hasMessageContaining("retention.days must be at least 1");
    }
}
