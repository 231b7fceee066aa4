package org.ruraledu.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ruraledu.config.Settings;
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
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-27T23:30:00Z"), ZoneOffset.UTC);
    private final RecordRules rules = new RecordRules(CLOCK);
    private final RecordRules senders = RecordRules.forSenders(CLOCK, Settings.defaults()); // retention.days = 400
    /** 400 days before 2026-11-28, counted by hand: 2025-11-28 is 365 days back, 35 more is 2025-10-24. */
    private static final LocalDate HORIZON = LocalDate.of(2025, 10, 24);

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
        assertThat(REF).hasSize(43);
        assertThat(rules.check(event(REF).build())).isEmpty();
    }

    @Test
    void pseudonymsAreStableAndKeyDependent() {
        StudentRefs a = new StudentRefs("a-key-of-at-least-thirty-two-bytes!!".getBytes());
        StudentRefs b = new StudentRefs("another-key-of-at-least-32-bytes....".getBytes());
        assertThat(a.refOf("G370102201301011233")).isEqualTo(a.refOf("g370102201301011233"))
                .isNotEqualTo(b.refOf("G370102201301011233"));
    }

    private static final String REF = new StudentRefs(new byte[32]).refOf("G370102201301011233");

    /** A valid record of every input kind, with every text field filled. */
    private static Stream<SpecificRecordBase> validRecords() {
        return Stream.of(
                SchoolProfile.newBuilder().setSchoolId("S1").setName("Village school").setDistrict("rushan")
                        .setTownship("Xiachu").setLevel(SchoolLevel.PRIMARY).setRural(true).setBoarding(false)
                        .setServesLunch(true).setActive(true).build(),
                EnrollmentReport.newBuilder().setReportId("e").setSchoolId("S1").setAsOf(LocalDate.of(2026, 11, 27))
                        .setEnrolled(300).setBoarders(40).setLeftBehindRegistered(25).build(),
                event(REF).build(),
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

    @ParameterizedTest(name = "{0}")
    @MethodSource("textFields")
    void aControlCharacterOrLoneSurrogateInAnyTextFieldIsRefusedNamingTheField(String name, SpecificRecordBase valid,
            String field) {
        String[][] cases = {{"\u0000", "control character (U+0000)"}, {"\u0007", "control character (U+0007)"},
                {"\t", "control character (U+0009)"}, {"\n", "control character (U+000A)"},
                {"\u001b", "control character (U+001B)"}, {"\u007f", "control character (U+007F)"},
                {"\u0085", "control character (U+0085)"}, {"\u009f", "control character (U+009F)"},
                {"\ud83d", "lone surrogate (U+D83D)"}, {"\ude00", "lone surrogate (U+DE00)"}};
        for (String[] c : cases) {
            SpecificRecordBase record = SpecificData.get().deepCopy(valid.getSchema(), valid);
            record.put(field, "ab" + c[0] + "cd");

            assertThat(rules.check(record)).as(c[1]).singleElement().satisfies(e -> {
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.message()).contains(c[1], "at position 3").doesNotContain(c[0]);
            });
        }
    }

    @Test
    void printableTextPassesAndSurrogatePairsAreNotLone() {
        assertThat(RecordRules.unprintable("乳山市 school 😀 𠀀|R-1 é")).isNull();
        assertThat(RecordRules.unprintable("😀\ud83d")).contains("lone surrogate (U+D83D) at position 3");
        assertThat(RecordRules.unprintable("\ude00😀")).contains("lone surrogate (U+DE00) at position 1");
        assertThat(rules.check(meal().setReportId("r|2026-11-27|canteen").setSchoolId("S|1").build())).isEmpty();
    }

    @Test
    void sendersRefuseReportsAndEventsDatedBeforeTheRetentionHorizonNamingTheDate() {
        LocalDate dayBefore = HORIZON.minusDays(1);
        String expected = "date: 2025-10-23 is before the retention horizon 2025-10-24 (retention.days = 400): "
                + "records that old are no longer kept, so the pipeline would dead-letter it (TOO_OLD)";
        assertThat(senders.check(meal().setDate(dayBefore).build())).extracting(FieldError::toString)
                .containsExactly(expected);
        assertThat(senders.check(event(REF).setDate(dayBefore).build())).extracting(FieldError::toString)
                .containsExactly(expected);
        assertThat(senders.check(meal().setDate(LocalDate.of(1999, 3, 1)).build())).extracting(FieldError::field)
                .containsExactly("date");
    }

    @Test
    void theHorizonDayItselfIsStillAccepted() {
        assertThat(senders.check(meal().setDate(HORIZON).build())).isEmpty();
        assertThat(senders.check(event(REF).setDate(HORIZON).build())).isEmpty();
    }

    @Test
    void theHorizonFollowsTheRetentionSetting() {
        RecordRules shortMemory = RecordRules.forSenders(CLOCK, Settings.defaults().with("retention.days", "10"));
        assertThat(shortMemory.check(meal().setDate(LocalDate.of(2026, 11, 18)).build())).isEmpty();
        assertThat(shortMemory.check(meal().setDate(LocalDate.of(2026, 11, 17)).build()))
                .extracting(FieldError::message).singleElement().asString()
                .startsWith("2026-11-17 is before the retention horizon 2026-11-18 (retention.days = 10)");
    }

    /**
     * The streams application's rules leave the horizon to it: it dead-letters such records TOO_OLD, not
     * VALIDATION. And only what it ages is refused by the senders: enrolment has no period; care reports are aged by
     * their month and climate readings have a window of their own (below).
     */
    @Test
    void onlyTheSendersCheckTheHorizonAndOnlyForWhatThePipelineAges() {
        LocalDate old = LocalDate.of(1999, 3, 1);
        assertThat(rules.check(meal().setDate(old).build())).isEmpty();
        assertThat(rules.check(event(REF).setDate(old).build())).isEmpty();
        assertThat(rules.check(climate().setMeasuredAt(Instant.parse("1999-03-01T02:00:00Z")).build())).isEmpty();
        List<SpecificRecordBase> notAged = validRecords().filter(r -> !(r instanceof MealReport)
                && !(r instanceof StudentStatusEvent) && !(r instanceof ClimateReading)
                && !(r instanceof CareReport)).toList();
        for (SpecificRecordBase record : notAged) {
            SpecificRecordBase copy = SpecificData.get().deepCopy(record.getSchema(), record);
            if (copy.getSchema().getField("asOf") != null) {
                copy.put("asOf", old);
            } else if (copy.getSchema().getField("month") != null) {
                copy.put("month", "1999-03");
            } else if (copy.getSchema().getField("measuredAt") != null) {
                copy.put("measuredAt", Instant.parse("1999-03-01T02:00:00Z"));
            }
            assertThat(senders.check(copy)).as(copy.getSchema().getName()).isEmpty();
        }
    }

    private static ClimateReading.Builder climate() {
        return ClimateReading.newBuilder().setReadingId("t").setSchoolId("S1").setRoomId("R101")
                .setMeasuredAt(Instant.parse("2026-11-27T02:00:00Z")).setTemperatureC(18.5).setHeatingOn(true)
                .setCoolingOn(false).setEnergySource(EnergySource.HEAT_PUMP);
    }

    /** The care domain keeps a school's months from the one that starts on or after the horizon (2025-10-24). */
    @Test
    void theSendersRefuseACareReportOfAMonthBeforeTheHorizon() {
        CareReport november = (CareReport) validRecords().filter(CareReport.class::isInstance).findFirst().orElseThrow();
        assertThat(senders.check(CareReport.newBuilder(november).setMonth("2025-11").build())).isEmpty();
        assertThat(senders.check(CareReport.newBuilder(november).setMonth("2025-10").build())).singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("month");
                    assertThat(e.message()).startsWith("2025-10-01 is before the retention horizon 2025-10-24");
                });
        assertThat(rules.check(CareReport.newBuilder(november).setMonth("1999-03").build())).isEmpty();
    }

    /** Readings are told from their retries for heating.reading.window.days (default 2): today and 2 days back. */
    @Test
    void theSendersRefuseAReadingMeasuredBeforeTheReadingWindow() {
        // Today in Weihai is 2026-11-28: the window starts on 2026-11-26 at 00:00 there (2026-11-25T16:00Z).
        assertThat(senders.check(climate().setMeasuredAt(Instant.parse("2026-11-25T16:00:00Z")).build())).isEmpty();
        assertThat(senders.check(climate().setMeasuredAt(Instant.parse("2026-11-25T15:59:59Z")).build()))
                .singleElement().satisfies(e -> {
                    assertThat(e.field()).isEqualTo("measuredAt");
                    assertThat(e.message()).contains("before the reading window, which starts on 2026-11-26",
                            "heating.reading.window.days = 2", "TOO_OLD");
                });
        RecordRules longer = RecordRules.forSenders(CLOCK, Settings.defaults().with("heating.reading.window.days", "5"));
        assertThat(longer.check(climate().setMeasuredAt(Instant.parse("2026-11-23T02:00:00Z")).build())).isEmpty();
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
