package org.ruraledu.producers.testing;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecordBase;
import org.ruraledu.contract.Json;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.JsonRecords;
import org.ruraledu.records.RecordRules;

/** Valid contract JSON for every kind, for a given school; tests change one field to break it. */
public final class TestData {
    public static final String STUDENT_REF = "q1Xq0lVr0c5-3mBzSg5m8vJm3dG0d9d3cMf3qH5wY4E";

    private TestData() {}

    public static String uniqueSchoolId() {
        return "T" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static String uniqueId(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    public static LocalDate yesterday() {
        return LocalDate.now(RecordRules.ZONE).minusDays(1);
    }

    public static ObjectNode school(String schoolId, boolean active) {
        return obj().put("schoolId", schoolId).put("name", "Test school " + schoolId).put("district", "wendeng")
                .put("level", "PRIMARY").put("rural", true).put("boarding", false).put("servesLunch", true)
                .put("active", active);
    }

    public static ObjectNode meal(String schoolId) {
        return obj().put("reportId", uniqueId("meal")).put("schoolId", schoolId)
                .put("date", yesterday().toString()).put("needing", 120).put("served", 118)
                .put("provision", "CANTEEN").put("foodSafetyIncidents", 0);
    }

    public static ObjectNode enrollment(String schoolId) {
        return obj().put("reportId", uniqueId("enr")).put("schoolId", schoolId)
                .put("asOf", yesterday().toString()).put("enrolled", 300).put("boarders", 40)
                .put("leftBehindRegistered", 25);
    }

    public static ObjectNode studentStatus(String schoolId) {
        return obj().put("eventId", uniqueId("evt")).put("schoolId", schoolId).put("studentRef", STUDENT_REF)
                .put("grade", 7).put("date", yesterday().toString()).put("status", "DROPPED_OUT")
                .put("reason", "FINANCIAL").put("leftBehind", true)
                .put("recordedAt", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString());
    }

    public static ObjectNode care(String schoolId) {
        return obj().put("reportId", uniqueId("care")).put("schoolId", schoolId)
                .put("month", YearMonth.now(RecordRules.ZONE).minusMonths(1).toString()).put("registered", 30)
                .put("contacted", 28).put("homeVisits", 5).put("counselingSessions", 3).put("parentSessions", 2)
                .put("careRoomOperating", true);
    }

    public static ObjectNode climate(String schoolId) {
        return obj().put("readingId", uniqueId("clim")).put("schoolId", schoolId).put("roomId", "R101")
                .put("measuredAt", Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString())
                .put("temperatureC", 18.5).put("heatingOn", true).put("coolingOn", false)
                .put("energySource", "HEAT_PUMP");
    }

    public static ObjectNode valid(InputKind kind, String schoolId) {
        return switch (kind) {
            case SCHOOL_REGISTRY -> school(schoolId, true);
            case ENROLLMENT -> enrollment(schoolId);
            case STUDENT_STATUS -> studentStatus(schoolId);
            case CARE_REPORTS -> care(schoolId);
            case MEAL_REPORTS -> meal(schoolId);
            case CLIMATE_READINGS -> climate(schoolId);
        };
    }

    /** The Avro record of valid JSON (fails the test if the JSON is not valid). */
    public static SpecificRecordBase record(InputKind kind, ObjectNode json) {
        @SuppressWarnings("unchecked")
        Class<SpecificRecordBase> type = (Class<SpecificRecordBase>) kind.recordClass();
        JsonRecords.Result<SpecificRecordBase> result = JsonRecords.fromJson(json, type, false);
        if (!result.ok()) {
            throw new AssertionError("test data is invalid: " + result.errors());
        }
        return result.record();
    }

    private static ObjectNode obj() {
        return Json.MAPPER.createObjectNode();
    }
}
