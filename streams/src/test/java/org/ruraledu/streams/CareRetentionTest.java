package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.CareData.care;
import static org.ruraledu.streams.CareData.enrolment;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.streams.care.Care;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.kpi.CountedFigures;
import org.ruraledu.streams.revision.LatestReportWins;
import org.ruraledu.topics.DeadLetterHeaders;

/**
 * {@code retention.days} (400) for care: the daily check forgets the months that began before the horizon (report
 * histories and silent schools' fallback figures), and a report of such a month, a retry above all, is
 * dead-lettered TOO_OLD instead of counting again. The schools' care state is one entry per school and stays.
 */
class CareRetentionTest {
    private static final String REPORTS = LatestReportWins.storeName("care");
    private static final String FALLBACKS = CountedFigures.storeName("care-fallback");
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(List.of(new Dropout(), new Care()));
        fx.register(school("w1", "wendeng"), school("s1", "wendeng"));
        fx.send(care("feb", "w1", "2026-02", 10, 5, true), care("mar", "w1", "2026-03", 10, 5, true));
        fx.send(enrolment("e-s1", "s1", "2026-03-01", 4)); // silent: March's fallback
        fx.clock.advance(Duration.ofDays(25)); // 2026-04-04
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL); // April's fallback
        fx.send(care("apr", "w1", "2026-04", 10, 5, true));
        assertThat(fx.keysOf(REPORTS)).contains("w1|2026-02-01", "w1|2026-03-01", "w1|2026-04-01");
        assertThat(fx.keysOf(FALLBACKS)).containsExactly("s1|2026-03-01", "s1|2026-04-01");
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theDailyCheckForgetsTheMonthsThatBeganBeforeTheHorizon() {
        fx.clock.advance(Duration.ofDays(380)); // 2027-04-19: the horizon is 2026-03-15
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);

        assertThat(fx.keysOf(REPORTS)).doesNotContain("w1|2026-02-01", "w1|2026-03-01").contains("w1|2026-04-01");
        assertThat(fx.keysOf(FALLBACKS)).as("April 2027 has begun: s1 is still silent")
                .containsExactly("s1|2026-04-01", "s1|2027-04-01");
        assertThat(fx.keysOf("care-schools-store")).containsExactly("s1", "w1");
    }

    @Test
    void aRetryOfAForgottenMonthIsDeadLetteredAndCountsNothing() {
        fx.clock.advance(Duration.ofDays(380));
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        fx.newKpis();

        fx.send(care("feb", "w1", "2026-02", 10, 5, true));

        List<TestRecord<byte[], byte[]>> dead = fx.newDeadLetters();
        assertThat(dead).hasSize(1);
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("TOO_OLD");
        assertThat(fx.newKpis()).isEmpty();
        assertThat(fx.newAlerts()).isEmpty();
    }
}
