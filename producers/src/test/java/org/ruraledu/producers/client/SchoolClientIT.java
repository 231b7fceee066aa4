package org.ruraledu.producers.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruraledu.producers.testing.KafkaTopics;
import org.ruraledu.producers.testing.TestData;
import org.ruraledu.producers.testing.TestSettings;
import org.ruraledu.records.FieldError;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.StudentStatusEvent;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.topics.Topics;

class SchoolClientIT {
    private static SchoolClient client;

    @BeforeAll
    static void start() {
        client = new SchoolClient(TestSettings.sharedBroker(Map.of()));
    }

    @AfterAll
    static void stop() {
        client.close();
    }

    @Test
    void recordsArriveOnTheirKindsTopicKeyedBySchool() throws Exception {
        String school = TestData.uniqueSchoolId();
        MealReport meal = (MealReport) TestData.record(InputKind.MEAL_REPORTS, TestData.meal(school));
        SpecificRecordBase status = TestData.record(InputKind.STUDENT_STATUS, TestData.studentStatus(school));

        List<RecordMetadata> acks = client.sendAll(List.of(meal, status));
        RecordMetadata single = client.send(TestData.record(InputKind.ENROLLMENT, TestData.enrollment(school)))
                .get();

        assertThat(acks).extracting(RecordMetadata::topic)
                .containsExactly(Topics.MEAL_REPORTS.name(), Topics.STUDENT_STATUS.name());
        assertThat(single.topic()).isEqualTo(Topics.ENROLLMENT.name());
        var meals = KafkaTopics.committedFor(Topics.MEAL_REPORTS.name(), school);
        assertThat(meals).singleElement().satisfies(r -> assertThat(
                Topics.MEAL_REPORTS.valueSerde().deserializer().deserialize(r.topic(), r.value())).isEqualTo(meal));
        assertThat(KafkaTopics.committedFor(Topics.STUDENT_STATUS.name(), school)).hasSize(1);
        assertThat(KafkaTopics.committedFor(Topics.ENROLLMENT.name(), school)).hasSize(1);
    }

    @Test
    void aRawStudentNumberIsRefusedAndNothingOfTheBatchIsSent() {
        String school = TestData.uniqueSchoolId();
        SpecificRecordBase fine = TestData.record(InputKind.MEAL_REPORTS, TestData.meal(school));
        StudentStatusEvent raw = (StudentStatusEvent) TestData.record(InputKind.STUDENT_STATUS,
                TestData.studentStatus(school));
        raw.setStudentRef("G370102201001011231");

        assertThatThrownBy(() -> client.sendAll(List.of(fine, raw)))
                .isInstanceOfSatisfying(InvalidRecordsException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::index, FieldError::field).containsExactly(
                                org.assertj.core.groups.Tuple.tuple(1, "studentRef")))
                .hasMessageContaining("record 1: studentRef: looks like a raw student or ID card number");
        assertThatThrownBy(() -> client.send(raw)).isInstanceOf(InvalidRecordsException.class);

        client.flush();
        assertThat(KafkaTopics.committedFor(Topics.MEAL_REPORTS.name(), school)).isEmpty();
        assertThat(KafkaTopics.committedFor(Topics.STUDENT_STATUS.name(), school)).isEmpty();
    }

    @Test
    void aRecordThatCannotBeEncodedStopsTheWholeBatchBeforeAnythingIsSent() {
        String school = TestData.uniqueSchoolId();
        SpecificRecordBase fine = TestData.record(InputKind.MEAL_REPORTS, TestData.meal(school));
        // Within the rules (recordedAt is only checked against the future), beyond timestamp-millis. A classroom
        // reading at Instant.MIN no longer serves: it is before the reading window, which the rules check.
        StudentStatusEvent unencodable = (StudentStatusEvent) TestData.record(InputKind.STUDENT_STATUS,
                TestData.studentStatus(school));
        unencodable.setRecordedAt(Instant.MIN);
        StudentStatusEvent incomplete = (StudentStatusEvent) TestData.record(InputKind.STUDENT_STATUS,
                TestData.studentStatus(school));
        incomplete.put("status", null); // as a record built with put or the no-arg constructor may be

        assertThatThrownBy(() -> client.sendAll(List.of(fine, unencodable, incomplete)))
                .isInstanceOfSatisfying(InvalidRecordsException.class, e -> assertThat(e.errors()).satisfiesExactly(
                        first -> assertThat(first.index() + " " + first).startsWith("1 cannot be encoded"),
                        second -> assertThat(second.index() + " " + second).isEqualTo("2 status: is required")));

        client.flush();
        assertThat(KafkaTopics.committedFor(Topics.MEAL_REPORTS.name(), school)).as("nothing of the batch").isEmpty();
        assertThat(KafkaTopics.committedFor(Topics.STUDENT_STATUS.name(), school)).isEmpty();
    }

    @Test
    void whatThePipelineWouldRefuseIsRefusedBeforeAnythingIsSent() {
        String school = TestData.uniqueSchoolId();
        MealReport fine = (MealReport) TestData.record(InputKind.MEAL_REPORTS, TestData.meal(school));
        MealReport old = (MealReport) TestData.record(InputKind.MEAL_REPORTS, TestData.meal(school));
        old.setDate(LocalDate.of(1999, 3, 1));
        MealReport loneSurrogate = (MealReport) TestData.record(InputKind.MEAL_REPORTS, TestData.meal(school));
        loneSurrogate.setReportId("meal-\ud83d"); // Avro would write it as "meal-?": another report's id, maybe

        assertThatThrownBy(() -> client.sendAll(List.of(fine, old, loneSurrogate)))
                .isInstanceOfSatisfying(InvalidRecordsException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::index, FieldError::field).containsExactly(
                                org.assertj.core.groups.Tuple.tuple(1, "date"),
                                org.assertj.core.groups.Tuple.tuple(2, "reportId")))
                .hasMessageContaining("record 1: date: 1999-03-01 is before the retention horizon")
                .hasMessageContaining("record 2: reportId: holds a lone surrogate (U+D83D) at position 6");

        client.flush();
        assertThat(KafkaTopics.committedFor(Topics.MEAL_REPORTS.name(), school)).isEmpty();
    }

    @Test
    void aNanOrInfiniteTemperatureBuiltInJavaIsRefusedNamingTheField() {
        String school = TestData.uniqueSchoolId();
        List<ClimateReading> readings = new java.util.ArrayList<>();
        for (double t : new double[] {19.5, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 60.01,
            -40.5}) {
            ClimateReading r = (ClimateReading) TestData.record(InputKind.CLIMATE_READINGS, TestData.climate(school));
            r.setTemperatureC(t);
            readings.add(r);
        }
        ClimateReading future = (ClimateReading) TestData.record(InputKind.CLIMATE_READINGS, TestData.climate(school));
        future.setMeasuredAt(java.time.Instant.now().plus(java.time.Duration.ofMinutes(10)));
        readings.add(future);

        assertThatThrownBy(() -> client.sendAll(readings))
                .isInstanceOfSatisfying(InvalidRecordsException.class, e -> assertThat(e.errors())
                        .extracting(FieldError::index, FieldError::field).containsExactly(
                                org.assertj.core.groups.Tuple.tuple(1, "temperatureC"),
                                org.assertj.core.groups.Tuple.tuple(2, "temperatureC"),
                                org.assertj.core.groups.Tuple.tuple(3, "temperatureC"),
                                org.assertj.core.groups.Tuple.tuple(4, "temperatureC"),
                                org.assertj.core.groups.Tuple.tuple(5, "temperatureC"),
                                org.assertj.core.groups.Tuple.tuple(6, "measuredAt")))
                .hasMessageContaining("record 1: temperatureC: must be a temperature between -40 and 60 °C, got NaN")
                .hasMessageContaining("record 2: temperatureC: must be a temperature between -40 and 60 °C, got Infinity");
        assertThatThrownBy(() -> client.send(readings.get(1))).isInstanceOf(InvalidRecordsException.class)
                .hasMessageContaining("temperatureC");

        client.flush();
        assertThat(KafkaTopics.committedFor(Topics.CLIMATE_READINGS.name(), school)).isEmpty();
    }

    @Test
    void anInvalidRecordIsRefusedNamingTheField() {
        MealReport meal = (MealReport) TestData.record(InputKind.MEAL_REPORTS, TestData.meal("S1"));
        meal.setServed(meal.getNeeding() + 1);
        assertThatThrownBy(() -> client.send(meal)).isInstanceOf(InvalidRecordsException.class)
                .hasMessageContaining("served: must not exceed needing");
    }

    @Test
    void studentRefIsTheHmacOfTheNumberUnderTheConfiguredKey() {
        String ref = client.studentRef("G370102201001011231");
        assertThat(StudentRefs.isRef(ref)).isTrue();
        assertThat(client.studentRef("g370102201001011231")).isEqualTo(ref);
        assertThat(ref).isEqualTo(StudentRefs.fromConfig(TestSettings.PSEUDONYM_KEY).refOf("G370102201001011231"));
        assertThat(client.studentRef("G370102201001011235")).isNotEqualTo(ref);
    }

    @Test
    void withoutAKeyStudentRefRefusesToGuess() {
        try (SchoolClient keyless = new SchoolClient(TestSettings.sharedBroker(Map.of("pseudonym.key", "")))) {
            assertThatThrownBy(() -> keyless.studentRef("G370102201001011231"))
                    .hasMessageContaining("RURALEDU_PSEUDONYM_KEY");
        }
    }

    @Test
    void deadLettersKeepTheInputBytesAndSayWhy() throws Exception {
        String school = TestData.uniqueSchoolId();
        byte[] input = ("{\"schoolId\":\"" + school + "\",\"needing\":-1}").getBytes();
        client.sendDeadLetter(new DeadLetter(school.getBytes(), input, "VALIDATION", "needing", "needing: negative",
                Topics.MEAL_REPORTS.name(), "test")).get();

        var letters = KafkaTopics.committedFor(Topics.DEAD_LETTERS.name(), school);
        assertThat(letters).singleElement().satisfies(r -> {
            assertThat(r.value()).isEqualTo(input);
            assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.FIELD)).isEqualTo("needing");
            assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SOURCE_TOPIC))
                    .isEqualTo(Topics.MEAL_REPORTS.name());
        });
    }

    @Test
    void aSendThatKafkaRefusesIsReportedByItsFutureAndAgainByFlush() {
        // A record bigger than the producer may send: Kafka refuses it, the client must not swallow that.
        try (SchoolClient small = new SchoolClient(TestSettings.sharedBroker(Map.of("kafka.max.request.size", "600")))) {
            String school = TestData.uniqueSchoolId();
            SpecificRecordBase big = TestData.record(InputKind.CLIMATE_READINGS,
                    TestData.climate(school).put("roomId", "R".repeat(2_000)));
            var future = small.send(big);
            await().atMost(Duration.ofSeconds(10)).until(future::isDone);
            assertThat(future).isCompletedExceptionally();
            assertThatThrownBy(small::flush).isInstanceOf(KafkaSendException.class)
                    .hasMessageContaining("1 of 1 records").hasMessageContaining("RecordTooLargeException");
            small.flush(); // reported once
            assertThatThrownBy(() -> small.sendAll(List.of(big))).isInstanceOf(KafkaSendException.class);
        }
    }
}
