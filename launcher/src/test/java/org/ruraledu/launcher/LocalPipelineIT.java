package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Kpi;
import org.ruraledu.producers.gateway.TokenStore;
import org.ruraledu.producers.simulator.SimulatedSchool;
import org.ruraledu.producers.simulator.SimulatorOptions;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.topics.Topics;

/**
 * The whole pipeline as the local run starts it (real broker, streams, gateway, simulator), checked the way
 * the bureau would use it: figures for every district, a school's report through the gateway moving its
 * district's coverage within seconds, corrections replacing, retries changing nothing, garbage dead-lettered.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPipelineIT {
    private static LocalPipeline pipeline;
    private static List<SimulatedSchool> schools;

    @BeforeAll
    static void startPipelineAndSimulateSchools() throws Exception {
        pipeline = PipelineTesting.startPipeline("e2e");
        schools = PipelineTesting.simulate(pipeline, new SimulatorOptions(40, 3, 0, 1.0, 99, 0, 0),
                new StudentRefs("e2e-test-key-e2e-test-key-e2e-test-key".getBytes()));
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    @Order(1)
    void simulatedSchoolsYieldLunchCoverageForEveryDistrictAndTheCity() {
        Set<String> expected = new java.util.HashSet<>();
        expected.add(District.CITY);
        for (District d : District.values()) {
            expected.add(d.key());
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Kpi> kpis = kpis("metric=meals.coverage&period=day");
            assertThat(kpis.stream().map(Kpi::scope).collect(Collectors.toSet())).containsAll(expected);
            assertThat(kpis("metric=meals.coverage&period=month").stream().map(Kpi::scope)
                    .collect(Collectors.toSet())).containsAll(expected);
        });
    }

    @Test
    @Order(2)
    void aReportThroughTheGatewayMovesItsDistrictWithinSecondsAndACorrectionReplacesIt() throws Exception {
        SimulatedSchool school = schools.get(0);
        String token = new TokenStore(pipeline.settings().getPath("gateway.tokens.file")).issue(school.id());
        // A day no simulated school reported: the district's figure is exactly this school's.
        LocalDate day = LocalDate.now(RecordRules.ZONE).minusDays(40);
        String kpiKey = Kpi.key(school.district(), "meals.coverage", "day", day);

        assertThat(postMeal(school.id(), token, "gw-1", day, 100, 90).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(latestKpi(kpiKey)).isNotNull().satisfies(k -> {
                    assertThat(k.numerator()).isEqualTo(90.0);
                    assertThat(k.denominator()).isEqualTo(100.0);
                }));

        assertThat(postMeal(school.id(), token, "gw-2", day, 100, 95).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(latestKpi(kpiKey)).isNotNull().satisfies(k -> {
                    assertThat(k.numerator()).isEqualTo(95.0);
                    assertThat(k.denominator()).isEqualTo(100.0);
                    assertThat(k.value()).isEqualTo(0.95);
                }));

        // The first report again (a retry) must change nothing; a later report of the same school on
        // another day tells us when the retry has been processed.
        assertThat(postMeal(school.id(), token, "gw-1", day, 100, 90).statusCode()).isEqualTo(202);
        LocalDate sentinelDay = day.minusDays(1);
        assertThat(postMeal(school.id(), token, "gw-3", sentinelDay, 10, 10).statusCode()).isEqualTo(202);
        String sentinelKey = Kpi.key(school.district(), "meals.coverage", "day", sentinelDay);
        await().atMost(Duration.ofSeconds(5)).until(() -> latestKpi(sentinelKey) != null);

        List<Kpi> history = kpiHistory(kpiKey);
        assertThat(history.get(history.size() - 1).numerator()).isEqualTo(95.0);
        assertThat(history).noneMatch(k -> k.denominator() != null && k.denominator() > 100.0);
    }

    @Test
    @Order(3)
    void garbageOnAnInputTopicIsDeadLetteredUnchangedAndProcessingGoesOn() throws Exception {
        byte[] garbage = "\u0000\u0001 definitely not a meal report".getBytes(StandardCharsets.UTF_8);
        try (var producer = new KafkaProducer<>(pipeline.settings().kafkaClientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.MEAL_REPORTS.name(), "garbage".getBytes(), garbage)).get();
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<byte[], byte[]>> letters = readAll(Topics.DEAD_LETTERS.name());
            assertThat(letters).anySatisfy(r -> {
                assertThat(r.value()).isEqualTo(garbage);
                assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.REASON)).isNotBlank();
                assertThat(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SOURCE_TOPIC))
                        .isEqualTo(Topics.MEAL_REPORTS.name());
            });
        });

        SimulatedSchool school = schools.get(1);
        String token = new TokenStore(pipeline.settings().getPath("gateway.tokens.file")).issue(school.id());
        LocalDate day = LocalDate.now(RecordRules.ZONE).minusDays(50);
        assertThat(postMeal(school.id(), token, "after-garbage", day, 50, 50).statusCode()).isEqualTo(202);
        String key = Kpi.key(school.district(), "meals.coverage", "day", day);
        await().atMost(Duration.ofSeconds(5)).until(() -> latestKpi(key) != null);
    }

    @Test
    @Order(4)
    void noTopicHoldsARawStudentNumberAfterASimulatorRun() throws Exception {
        // Every topic: inputs, outputs, dead letters and the streams application's changelogs and repartitions.
        Set<String> topics;
        try (var admin = pipeline.broker().admin()) {
            topics = admin.listTopics(new org.apache.kafka.clients.admin.ListTopicsOptions().listInternal(false))
                    .names().get();
        }
        assertThat(topics).anyMatch(t -> t.endsWith("-changelog")).contains(Topics.STUDENT_STATUS.name());
        // The scan would see one: the shapes the simulator makes up, in JSON and in Avro framing.
        assertThat(RAW_IDENTIFIER.matcher("{\"ref\":\"G371001000100000042\"}").find()).isTrue();
        assertThat(RAW_IDENTIFIER.matcher("\u0026A37100100010000004X").find()).isTrue();
        long scanned = 0;
        for (String topic : topics) {
            for (ConsumerRecord<byte[], byte[]> r : readAll(topic)) {
                for (byte[] bytes : new byte[][] {r.key(), r.value()}) {
                    if (bytes != null) {
                        String text = new String(bytes, StandardCharsets.ISO_8859_1);
                        assertThat(RAW_IDENTIFIER.matcher(text).find())
                                .as("raw student or ID card number in %s at offset %d", topic, r.offset()).isFalse();
                        scanned++;
                    }
                }
            }
        }
        assertThat(scanned).isGreaterThan(1000);
    }

    /** A student number (G/J/L + 18 characters) or an ID card number, not inside a longer run of digits. */
    private static final java.util.regex.Pattern RAW_IDENTIFIER =
            java.util.regex.Pattern.compile("(?<![0-9])[GJLgjl]?\\d{17}[0-9Xx](?![0-9])");

    private static HttpResponse<String> postMeal(String schoolId, String token, String reportId, LocalDate day,
            int needing, int served) throws Exception {
        String body = String.format("{\"reportId\":\"%s\",\"schoolId\":\"%s\",\"date\":\"%s\",\"needing\":%d,"
                + "\"served\":%d,\"provision\":\"CANTEEN\",\"foodSafetyIncidents\":0}", reportId, schoolId, day, needing, served);
        return PipelineTesting.post(pipeline, schoolId, "meal-reports", token, body);
    }

    private static List<Kpi> kpis(String query) throws Exception {
        return PipelineTesting.kpis(pipeline, query);
    }

    /** The latest value of a KPI key on the KPI topic, or null. */
    private static Kpi latestKpi(String key) {
        List<Kpi> history = kpiHistory(key);
        return history.isEmpty() ? null : history.get(history.size() - 1);
    }

    /** A key lives in one partition, so its records come in order. */
    private static List<Kpi> kpiHistory(String key) {
        List<Kpi> history = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : readAll(Topics.KPIS.name())) {
            if (key.equals(new String(r.key(), StandardCharsets.UTF_8))) {
                history.add(Topics.KPIS.valueSerde().deserializer().deserialize(Topics.KPIS.name(), r.value()));
            }
        }
        return history;
    }

    private static List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        return PipelineTesting.readAll(pipeline, topic);
    }
}
