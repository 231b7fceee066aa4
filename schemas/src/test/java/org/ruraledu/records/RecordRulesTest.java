package org.ruraledu.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;

class RecordRulesTest {
    // 2026-11-27 23:30 UTC is already 2026-11-28 in Weihai.
    private final RecordRules rules = new RecordRules(Clock.fixed(Instant.parse("2026-11-27T23:30:00Z"), ZoneOffset.UTC));

    private static MealReport.Builder meal() {
        return MealReport.newBuilder().setReportId("r").setSchoolId("S1").setDate(LocalDate.of(2026, 11, 27))
                .setNeeding(10).setServed(10).setProvision(MealProvision.CANTEEN).setFoodSafetyIncidents(0);
    }

    private static StudentStatusEvent.Builder event(String ref) {
        return StudentStatusEvent.newBuilder().setEventId("e").setSchoolId("S1").setStudentRef(ref).setGrade(4)
                .setDate(LocalDate.of(2026, 11, 27)).setStatus(StudentStatus.DROPPED_OUT).setLeftBehind(false)
                .setRecordedAt(Instant.parse("2026-11-27T02:00:00Z"));
    }

    @Test
    void aValidReportPasses() {
        assertThat(rules.check(meal().build())).isEmpty();
    }

    @Test
    void servedAboveNeedingNegativeCountsAndFutureDatesAreNamed() {
        assertThat(rules.check(meal().setServed(11).build())).extracting(FieldError::field).containsExactly("served");
        assertThat(rules.check(meal().setNeeding(-1).setServed(0).build())).extracting(FieldError::field)
                .contains("needing");
        assertThat(rules.check(meal().setFoodSafetyIncidents(-2).build())).extracting(FieldError::field)
                .containsExactly("foodSafetyIncidents");
        assertThat(rules.check(meal().setDate(LocalDate.of(2026, 11, 28)).build())).isEmpty(); // today in Weihai
        assertThat(rules.check(meal().setDate(LocalDate.of(2026, 11, 29)).build())).extracting(FieldError::field)
                .containsExactly("date");
    }

    @Test
    void rawStudentNumbersAreRefused() {
        assertThat(rules.check(event("G370102201301011234").build()))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("studentRef");
                    assertThat(e.message()).contains("raw student");
                });
        assertThat(rules.check(event("37010220130101123X").build())).extracting(FieldError::field)
                .containsExactly("studentRef");
        String ref = new StudentRefs(new byte[32]).refOf("G370102201301011234");
        assertThat(ref).hasSize(43);
        assertThat(rules.check(event(ref).build())).isEmpty();
    }

    @Test
    void pseudonymsAreStableAndKeyDependent() {
        StudentRefs a = new StudentRefs("a-key-of-at-least-thirty-two-bytes!!".getBytes());
        StudentRefs b = new StudentRefs("another-key-of-at-least-32-bytes....".getBytes());
        assertThat(a.refOf("G370102201301011234")).isEqualTo(a.refOf("g370102201301011234"))
                .isNotEqualTo(b.refOf("G370102201301011234"));
    }
}
