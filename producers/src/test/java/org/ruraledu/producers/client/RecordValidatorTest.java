package org.ruraledu.producers.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ruraledu.producers.testing.TestData;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InputKind;

class RecordValidatorTest {
    private final RecordValidator validator = RecordValidator.systemClock();

    @Test
    void aValidRecordPasses() {
        var result = validator.fromJson(TestData.meal("S1"), InputKind.MEAL_REPORTS, 3, false);
        assertThat(result.ok()).isTrue();
    }

    @Test
    void everyErrorCarriesTheIndexAndNamesItsField() {
        var json = TestData.meal("S1").put("served", 500).put("needing", -1);
        json.remove("provision");
        var result = validator.fromJson(json, InputKind.MEAL_REPORTS, 3, false);
        assertThat(result.errors()).extracting(FieldError::index).containsOnly(3);
        assertThat(result.errors()).extracting(FieldError::field).containsExactly("provision");

        result = validator.fromJson(TestData.meal("S1").put("served", 500), InputKind.MEAL_REPORTS, 3, false);
        assertThat(result.errors()).extracting(FieldError::field).containsExactly("served");
    }

    @Test
    void aRawStudentNumberIsRefusedInAnyTextField() {
        var inStudentRef = TestData.studentStatus("S1").put("studentRef", "G370102201001011231");
        assertThat(validator.fromJson(inStudentRef, InputKind.STUDENT_STATUS, 0, false).errors())
                .extracting(FieldError::field).containsExactly("studentRef");

        var inEventId = TestData.studentStatus("S1").put("eventId", "37010220100101001X");
        assertThat(validator.fromJson(inEventId, InputKind.STUDENT_STATUS, 0, false).errors())
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("eventId");
                    assertThat(e.message()).contains("raw student or ID card number");
                });

        var inRoom = TestData.climate("S1").put("roomId", "l370102201001011231");
        assertThat(validator.fromJson(inRoom, InputKind.CLIMATE_READINGS, 0, false).errors())
                .extracting(FieldError::field).containsExactly("roomId");
    }
}
