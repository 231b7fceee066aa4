package org.ruraledu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

class PipelineClockTest {

    @Test
    void byDefaultTheClockIsRealTime() {
        PipelineClock clock = PipelineClock.from(Settings.defaults());
        assertThat(clock.shift()).isZero();
        assertThat(clock.instant()).isCloseTo(Instant.now(), within(2, ChronoUnit.SECONDS));
        assertThat(PipelineClock.timeOf(clock, 1_000L)).isEqualTo(1_000L);
    }

    @Test
    void aStartInstantOrACityDateTimeStartsTheClockThereAtRealSpeed() {
        for (String start : new String[] {"2026-01-05T15:58:00Z", "2026-01-05T23:58:00+08:00", "2026-01-05T23:58"}) {
            PipelineClock clock = PipelineClock.from(Settings.defaults().with(PipelineClock.START, start));
            assertThat(clock.instant()).as(start)
                    .isCloseTo(Instant.parse("2026-01-05T15:58:00Z"), within(2, ChronoUnit.SECONDS));
        }
    }

    @Test
    void kafkaTimestampsWhichAreRealTimeAreReadShiftedAsTheClockIs() {
        PipelineClock clock = PipelineClock.from(Settings.defaults().with(PipelineClock.START, "2026-01-05T23:58"));
        long writtenNow = System.currentTimeMillis();
        assertThat(PipelineClock.timeOf(clock, writtenNow))
                .isCloseTo(Instant.parse("2026-01-05T15:58:00Z").toEpochMilli(), within(2_000L));
        Clock inZone = clock.withZone(ZoneId.of("Asia/Shanghai"));
        assertThat(PipelineClock.timeOf(inZone, writtenNow)).as("the shift survives a change of zone")
                .isEqualTo(PipelineClock.timeOf(clock, writtenNow));

        Clock handMoved = Clock.fixed(Instant.parse("2026-03-10T02:00:00Z"), ZoneOffset.UTC);
        assertThat(PipelineClock.timeOf(handMoved, 42L)).as("a test's clock stamps its own records").isEqualTo(42L);
    }

    @Test
    void aBadStartStopsTheStartNamingTheSetting() {
        Settings settings = Settings.defaults().with(PipelineClock.START, "tomorrow");
        assertThatThrownBy(() -> PipelineClock.from(settings))
                .hasMessageContaining("clock.start").hasMessageContaining("'tomorrow'");
    }
}
