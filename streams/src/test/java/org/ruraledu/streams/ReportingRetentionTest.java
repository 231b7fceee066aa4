package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;
import org.ruraledu.records.RecordRules;

/**
 * What bounds {@code reporting-schools-store}: one entry per registered school (a school removed from the registry
 * is forgotten), and per school its missing periods back to the retention horizon (here 40 days).
 */
class ReportingRetentionTest {
    private static final String STORE = "reporting-schools-store";
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(TopologyFixture.reportingAndItsOwners(), Map.of("reporting.kinds", "meal-reports", "retention.days", "40"));
        fx.register(school("w1", "wendeng"), school("w2", "wendeng"));
        at("2026-03-11T09:00"); // 03-10 missing for both
        assertThat(missing()).extracting(Alert::schoolId).containsExactlyInAnyOrder("w1", "w2");
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void missingPeriodsBeforeTheHorizonAreForgotten() {
        at("2026-04-22T09:00"); // the horizon is 03-13: 03-10 is forgotten, 03-11 and 03-12 were never kept
        at("2026-04-22T09:10"); // the daily check of the new day has run, whichever ran first
        // School days from 03-13 to 04-21 (04-22's report is not due yet): weekdays but the Qingming holiday (04-06).
        int weekdays = 1 + 5 * 5 + 2; // Fri 03-13; the weeks of 03-16, 03-23, 03-30, 04-06, 04-13; Mon, Tue 04-20/21
        List<Alert> alerts = missing();
        for (String school : List.of("w1", "w2")) {
            Alert last = alerts.stream().filter(a -> a.schoolId().equals(school)).reduce((a, b) -> b).orElseThrow();
            assertThat(last.state()).as(school).isNotEqualTo(Alert.AlertState.RESOLVED);
            assertThat(last.observed()).as(school).isEqualTo(weekdays - 1.0);
        }
    }

    @Test
    void aSchoolRemovedFromTheRegistryIsForgotten() {
        assertThat(fx.keysOf(STORE)).containsExactly("w1", "w2");
        fx.registerRaw("w1", null);
        assertThat(fx.keysOf(STORE)).containsExactly("w2");
        assertThat(missing()).singleElement().satisfies(a -> {
            assertThat(a.schoolId()).isEqualTo("w1");
            assertThat(a.state()).isEqualTo(Alert.AlertState.RESOLVED);
        });
    }

    private void at(String localDateTime) {
        Instant to = LocalDateTime.parse(localDateTime).atZone(RecordRules.ZONE).toInstant();
        Duration by = Duration.between(fx.clock.instant(), to);
        fx.clock.advance(by);
        fx.driver.advanceWallClockTime(by);
    }

    private List<Alert> missing() {
        return fx.newAlerts().stream().map(kv -> kv.value).filter(a -> a.type() == AlertType.REPORT_MISSING).toList();
    }
}
