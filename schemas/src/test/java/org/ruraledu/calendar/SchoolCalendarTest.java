package org.ruraledu.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class SchoolCalendarTest {
    private final SchoolCalendar calendar = SchoolCalendar.builtIn();

    @Test
    void weekdaysOfATermAreSchoolDaysWeekendsAndHolidaysAreNot() {
        assertThat(calendar.isSchoolDay(LocalDate.of(2026, 12, 1))).as("a Tuesday in term").isTrue();
        assertThat(calendar.isSchoolDay(LocalDate.of(2026, 12, 5))).as("a Saturday").isFalse();
        assertThat(calendar.isSchoolDay(LocalDate.of(2026, 10, 5))).as("National Day week").isFalse();
        assertThat(calendar.isSchoolDay(LocalDate.of(2026, 10, 10))).as("a make-up Saturday").isTrue();
        assertThat(calendar.isSchoolDay(LocalDate.of(2026, 8, 3))).as("summer vacation").isFalse();
    }

    @Test
    void schoolHoursRunFromEightToBeforeFiveInShanghaiTime() {
        // 2026-12-01 08:00 in Shanghai is 00:00 UTC.
        assertThat(calendar.isSchoolTime(Instant.parse("2026-12-01T00:00:00Z"))).isTrue();
        assertThat(calendar.isSchoolTime(Instant.parse("2026-11-30T23:59:59Z"))).as("07:59:59").isFalse();
        assertThat(calendar.isSchoolTime(Instant.parse("2026-12-01T08:59:59Z"))).as("16:59:59").isTrue();
        assertThat(calendar.isSchoolTime(Instant.parse("2026-12-01T09:00:00Z"))).as("17:00").isFalse();
        assertThat(calendar.isSchoolTime(Instant.parse("2026-12-05T02:00:00Z"))).as("Saturday 10:00").isFalse();
    }

    @Test
    void termsAndLastSchoolDays() {
        assertThat(calendar.term(LocalDate.of(2026, 12, 1))).get().extracting(SchoolCalendar.Term::id)
                .isEqualTo("2026-2027-1");
        // Across the National Day holiday (1-7 October 2026) and a make-up Saturday (10 October).
        assertThat(calendar.lastSchoolDays(LocalDate.of(2026, 10, 10), 4)).containsExactly(LocalDate.of(2026, 9, 30),
                LocalDate.of(2026, 10, 8), LocalDate.of(2026, 10, 9), LocalDate.of(2026, 10, 10));
    }

    @Test
    void aBrokenFileIsRefusedNamingWhatIsWrong() {
        String json = """
                {"schoolDays": [], "schoolHours": {"from": "17:00", "to": "08:00"},
                 "terms": [{"id": "t", "from": "2026-09-01", "to": "2026-01-01"}]}""";
        assertThatThrownBy(() -> SchoolCalendar.parse(json.getBytes(StandardCharsets.UTF_8), "my.json"))
                .hasMessageContaining("my.json").hasMessageContaining("schoolDays")
                .hasMessageContaining("schoolHours").hasMessageContaining("term 't'");
    }
}
