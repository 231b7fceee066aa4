package org.ruraledu.producers.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.testing.TestData;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.RecordRules;

class RecordValidatorTest {
    /** Stopped: what a test expects of today is the validator's today, even at midnight in Weihai. */
    private final Clock clock = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    private final RecordValidator validator = new RecordValidator(RecordRules.forSenders(clock, Settings.defaults()));

    @Test
    void aTemperatureThatIsNoMeasurementIsRefusedNamingTheField() throws Exception {
        var nan = org.ruraledu.producers.client.StrictJson.READER.readTree(TestData.climate("S1").toString()
                .replace("\"temperatureC\":18.5", "\"temperatureC\":NaN"));
        assertThat(validator.fromJson(nan, InputKind.CLIMATE_READINGS, 0, false).errors()).singleElement()
                .hasToString("temperatureC: must be a finite number, got NaN (NaN and infinity are no measurement)");
        var huge = org.ruraledu.producers.client.StrictJson.READER.readTree(TestData.climate("S1").toString()
                .replace("\"temperatureC\":18.5", "\"temperatureC\":-1e999"));
        assertThat(validator.fromJson(huge, InputKind.CLIMATE_READINGS, 0, false).errors()).singleElement()
                .hasToString("temperatureC: must be a finite number, got -Infinity (NaN and infinity are no measurement)");
        assertThat(validator.fromJson(TestData.climate("S1").put("temperatureC", "Infinity"),
                InputKind.CLIMATE_READINGS, 0, true).errors()).as("a CSV cell").singleElement()
                .hasToString("temperatureC: must be a finite number, got Infinity (NaN and infinity are no measurement)");
        assertThat(validator.fromJson(TestData.climate("S1").put("temperatureC", 60.5), InputKind.CLIMATE_READINGS, 0,
                false).errors()).singleElement()
                .hasToString("temperatureC: must be a temperature between -40 and 60 °C, got 60.5");
        assertThat(validator.fromJson(TestData.climate("S1").put("temperatureC", -40), InputKind.CLIMATE_READINGS, 0,
                false).ok()).as("-40 itself").isTrue();
        assertThat(validator.fromJson(TestData.care("S1").put("contacted", 31), InputKind.CARE_REPORTS, 0, false)
                .errors()).singleElement().hasToString("contacted: must not exceed registered (31 > 30)");
    }

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
    void whatThePipelineWouldRefuseIsRefusedFromJsonNamingTheField() {
        var nul = TestData.studentStatus("S1").put("eventId", "evt\u0000 1"); // what JSON's NUL escape reads as
        assertThat(validator.fromJson(nul, InputKind.STUDENT_STATUS, 2, false).errors()).singleElement()
                .hasToString("eventId: holds a control character (U+0000) at position 4: ids and names must be "
                        + "printable text");

        LocalDate horizon = LocalDate.now(clock.withZone(RecordRules.ZONE)).minusDays(400); // retention.days' default
        var old = TestData.meal("S1").put("date", horizon.minusDays(1).toString());
        assertThat(validator.fromJson(old, InputKind.MEAL_REPORTS, 0, false).errors()).singleElement()
                .satisfies(e -> assertThat(e.toString()).startsWith("date: " + horizon.minusDays(1)
                        + " is before the retention horizon " + horizon + " (retention.days = 400)"));
        assertThat(validator.fromJson(TestData.meal("S1").put("date", horizon.toString()), InputKind.MEAL_REPORTS, 0,
                false).ok()).as("the horizon day itself").isTrue();
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
