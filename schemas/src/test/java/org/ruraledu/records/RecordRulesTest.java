package org.ruraledu.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolLevel;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;

class RecordRulesTest {
    static {
        org.ruraledu.serde.AvroTrust.ensureInstalled(); // the test copies records
    }

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
        assertThat(rules.check(event("G370102201301011233").build()))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("studentRef");
                    assertThat(e.message()).contains("raw student");
                });
        assertThat(rules.check(event("37010220130101002X").build())).extracting(FieldError::field)
                .containsExactly("studentRef");
        String ref = new StudentRefs(new byte[32]).refOf("G370102201301011233");
        assertThat(ref).hasSize(43);
        assertThat(rules.check(event(ref).build())).isEmpty();
    }

    @Test
    void pseudonymsAreStableAndKeyDependent() {
        StudentRefs a = new StudentRefs("a-key-of-at-least-thirty-two-bytes!!".getBytes());
        StudentRefs b = new StudentRefs("another-key-of-at-least-32-bytes....".getBytes());
        assertThat(a.refOf("G370102201301011233")).isEqualTo(a.refOf("g370102201301011233"))
                .isNotEqualTo(b.refOf("G370102201301011233"));
    }

    /** A valid record of every input kind, with every text field filled. */
    private static Stream<SpecificRecordBase> validRecords() {
        String ref = new StudentRefs(new byte[32]).refOf("G370102201301011233");
        return Stream.of(
                SchoolProfile.newBuilder().setSchoolId("S1").setName("Village school").setDistrict("rushan")
                        .setTownship("Xiachu").setLevel(SchoolLevel.PRIMARY).setRural(true).setBoarding(false)
                        .setServesLunch(true).setActive(true).build(),
                EnrollmentReport.newBuilder().setReportId("e").setSchoolId("S1").setAsOf(LocalDate.of(2026, 11, 27))
                        .setEnrolled(300).setBoarders(40).setLeftBehindRegistered(25).build(),
                event(ref).build(),
                CareReport.newBuilder().setReportId("c").setSchoolId("S1").setMonth("2026-10").setRegistered(30)
                        .setContacted(28).setHomeVisits(5).setCounselingSessions(3).setParentSessions(2)
                        .setCareRoomOperating(true).build(),
                meal().build(),
                ClimateReading.newBuilder().setReadingId("t").setSchoolId("S1").setRoomId("R101")
                        .setMeasuredAt(Instant.parse("2026-11-27T02:00:00Z")).setTemperatureC(18.5).setHeatingOn(true)
                        .setCoolingOn(false).setEnergySource(EnergySource.HEAT_PUMP).build());
    }

    /** Every text field of every kind, with a raw number inside an otherwise plausible value. */
    static Stream<Arguments> textFields() {
        return validRecords().flatMap(record -> record.getSchema().getFields().stream()
                .filter(f -> f.schema().getType() == Schema.Type.STRING
                        || f.schema().isNullable() && f.schema().getTypes().stream()
                                .anyMatch(t -> t.getType() == Schema.Type.STRING))
                .map(f -> Arguments.of(record.getSchema().getName() + "." + f.name(), record, f.name())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("textFields")
    void aRawNumberInAnyTextFieldIsRefusedWithoutBeingQuoted(String name, SpecificRecordBase valid, String field) {
        assertThat(rules.check(valid)).isEmpty();
        for (String raw : new String[] {"G370102201001011231-2026-11-27", "2026-11/37010220100101001X"}) {
            SpecificRecordBase record = SpecificData.get().deepCopy(valid.getSchema(), valid);
            record.put(field, raw);

            assertThat(rules.check(record)).as(raw).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.message()).contains("raw student or ID card number", "PIPL art. 28")
                        .doesNotContain("37010220100101");
            });
        }
    }

    @Test
    void theStudentRefMessageAsksForTheHmacReference() {
        assertThat(rules.check(event("evt G370102201301011233").build())).singleElement()
                .satisfies(e -> assertThat(e.message()).contains("send only the pseudonymous HMAC reference"));
    }

    @Test
    void nullsInRequiredFieldsAreReportedNotThrown() {
        StudentStatusEvent event = new StudentStatusEvent(); // no-arg constructor: every object field null
        event.setGrade(4);
        assertThat(rules.check(event)).extracting(FieldError::toString).containsExactlyInAnyOrder(
                "eventId: is required", "schoolId: is required", "studentRef: is required", "date: is required",
                "status: is required", "recordedAt: is required");

        MealReport meal = meal().build();
        meal.put("provision", null);
        meal.put("date", null);
        assertThat(rules.check(meal)).extracting(FieldError::toString)
                .containsExactly("date: is required", "provision: is required");

        CareReport care = CareReport.newBuilder((CareReport) validRecords().toList().get(3)).build();
        care.setMonth(null);
        assertThat(rules.check(care)).extracting(FieldError::toString).containsExactly("month: is required");
    }
}
