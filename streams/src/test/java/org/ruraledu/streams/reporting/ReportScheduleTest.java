package org.ruraledu.streams.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruraledu.config.Settings;

class ReportScheduleTest {

    /** A school day that ends late: its hours must stop at the end, not wrap past midnight into the morning. */
    @Test
    void schoolHoursThatEndLateEndTheirLastHourWithTheSchoolDay(@TempDir Path dir) throws Exception {
        Path calendar = dir.resolve("calendar.json");
        Files.writeString(calendar, """
                {"schoolDays": ["MONDAY","TUESDAY","WEDNESDAY","THURSDAY","FRIDAY"],
                 "schoolHours": {"from": "08:00", "to": "23:59:59"},
                 "terms": [{"id": "t", "from": "2025-12-23", "to": "2026-01-31"}], "holidays": [], "makeUpDays": []}
                """);
        ReportSchedule schedule = ReportSchedule.from(Settings.defaults().with(
                Map.of("calendar.file", calendar.toString(), "reporting.kinds", "climate-readings")));

        List<ReportSchedule.Due> due = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> schedule.due(
                Instant.parse("2026-01-05T14:30:00Z"), Instant.parse("2026-01-05T16:30:00Z"))); // 22:30 to 00:30
        assertThat(due).extracting(ReportSchedule.Due::period).containsExactly("2026-01-05T22:00", "2026-01-05T23:00");
        assertThat(due).extracting(ReportSchedule.Due::deadline).containsExactly(
                Instant.parse("2026-01-05T15:00:00Z"), Instant.parse("2026-01-05T15:59:59Z"));
    }
}
