package org.ruraledu.records;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Json;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.StudentStatusEvent;

class JsonRecordsTest {

    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void convertsContractJsonToTheAvroRecordAndBack() throws Exception {
        var result = JsonRecords.fromJson(json("""
                {"reportId":"r1","schoolId":"S1","date":"2026-11-27","needing":10,"served":9,
                 "provision":"CANTEEN","foodSafetyIncidents":0}"""), MealReport.class, false);
        assertThat(result.errors()).isEmpty();
        assertThat(result.record().getDate()).isEqualTo(LocalDate.of(2026, 11, 27));
        assertThat(result.record().getProvision()).isEqualTo(MealProvision.CANTEEN);
        assertThat(JsonRecords.fromJson(JsonRecords.toJson(result.record()), MealReport.class, false).record())
                .isEqualTo(result.record());
    }

    @Test
    void namesEveryBadFieldInOneGo() throws Exception {
        var result = JsonRecords.fromJson(json("""
                {"reportId":"r1","schoolId":7,"date":"27/11/2026","needing":"ten","served":1.5,
                 "provision":"BUFFET","servd":3}"""), MealReport.class, false);
        assertThat(result.ok()).isFalse();
        assertThat(result.errors()).extracting(FieldError::field).containsExactlyInAnyOrder(
                "schoolId", "date", "needing", "served", "provision", "foodSafetyIncidents", "servd");
        assertThat(result.errors()).filteredOn(e -> e.field().equals("foodSafetyIncidents"))
                .extracting(FieldError::message).containsExactly("is required");
        assertThat(result.errors()).filteredOn(e -> e.field().equals("provision"))
                .extracting(FieldError::message).allMatch(m -> m.contains("CANTEEN, CENTRAL_KITCHEN, MIXED"));
    }

    @Test
    void optionalFieldsMayBeOmittedAndCsvCellsMayBeText() throws Exception {
        var result = JsonRecords.fromJson(json("""
                {"eventId":"e1","schoolId":"S1","studentRef":"abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQ",
                 "grade":"5","date":"2026-11-27","status":"ABSENT_UNEXCUSED","leftBehind":"true",
                 "recordedAt":"2026-11-27T01:30:00Z","reason":""}"""), StudentStatusEvent.class, true);
        assertThat(result.errors()).isEmpty();
        assertThat(result.record().getGrade()).isEqualTo(5);
        assertThat(result.record().getConsecutiveAbsentDays()).isNull();
        assertThat(result.record().getReason()).isNull();
        assertThat(result.record().getLeftBehind()).isTrue();
    }

    @Test
    void notAnObjectIsOneClearError() throws Exception {
        var result = JsonRecords.fromJson(json("[1,2]"), MealReport.class, false);
        assertThat(result.errors()).singleElement().extracting(FieldError::message)
                .asString().contains("expected a JSON object");
    }
}
