package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import picocli.CommandLine;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Kpi;
import org.ruraledu.producers.client.InvalidRecordsException;
import org.ruraledu.producers.client.SchoolClient;
import org.ruraledu.producers.gateway.TokenStore;
import org.ruraledu.producers.simulator.SimulatedSchool;
import org.ruraledu.producers.simulator.SimulatorOptions;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.JsonRecords;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.streams.RuralEduTopology;
import org.ruraledu.topics.Topic;
import org.ruraledu.topics.Topics;

/**
 * The whole pipeline as the local run starts it (real broker, streams, gateway, simulator), checked the way
 * the bureau would use it: figures for every district, a school's report through the gateway moving its
 * district's coverage, corrections replacing, retries changing nothing, garbage dead-lettered. How fast is the
 * benchmark's to say (alert latency, BENCHMARKS.md): the waits here are generous, so a busy machine (the simulated
 * load still being worked off) does not fail them.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalPipelineIT {
    private static LocalPipeline pipeline;
    private static List<SimulatedSchool> schools;
    private static final int SIMULATED_DAYS = 3;
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /**
     * The first school day the simulator reports. The days the tests below own are counted back from it, not from
     * today: in the summer vacation the last school days lie up to two months back (on 11 August 2026, today - 40
     * was 2 July, a simulated day, and the district's figure of that day was not the test school's alone).
     */
    private static LocalDate firstSimulatedDay;

    @BeforeAll
    static void startPipelineAndSimulateSchools() throws Exception {
        pipeline = PipelineTesting.startPipeline("e2e");
        // Taken before the simulator takes its own: if the day turns between them, its days start later, not earlier.
        firstSimulatedDay = SchoolCalendar.from(pipeline.settings()).lastSchoolDays(
                LocalDate.now(pipeline.clock().withZone(RecordRules.ZONE)), SIMULATED_DAYS).get(0);
        schools = PipelineTesting.simulate(pipeline, new SimulatorOptions(40, SIMULATED_DAYS, 0, 1.0, 99, 0, 0),
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
    void aReportThroughTheGatewayMovesItsDistrictAndACorrectionReplacesIt() throws Exception {
        SimulatedSchool school = schools.get(0);
        String token = new TokenStore(pipeline.settings().getPath("gateway.tokens.file")).issue(school.id());
        // A day no simulated school reported: the district's figure is exactly this school's.
        LocalDate day = firstSimulatedDay.minusDays(40);
        String kpiKey = Kpi.key(school.district(), "meals.coverage", "day", day);

        assertThat(postMeal(school.id(), token, "gw-1", day, 100, 90).statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
                .untilAsserted(() -> assertThat(latestKpi(kpiKey)).isNotNull().satisfies(k -> {
                    assertThat(k.numerator()).isEqualTo(90.0);
                    assertThat(k.denominator()).isEqualTo(100.0);
                }));

        assertThat(postMeal(school.id(), token, "gw-2", day, 100, 95).statusCode()).isEqualTo(202);
        await().atMost(PATIENCE).pollInterval(Duration.ofMillis(50))
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
        await().atMost(PATIENCE).until(() -> latestKpi(sentinelKey) != null);

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
        LocalDate day = firstSimulatedDay.minusDays(50);
        assertThat(postMeal(school.id(), token, "after-garbage", day, 50, 50).statusCode()).isEqualTo(202);
        String key = Kpi.key(school.district(), "meals.coverage", "day", day);
        await().atMost(PATIENCE).until(() -> latestKpi(key) != null);
    }

    /**
     * No student number travels in clear (README, Children's data). Raw numbers (valid ID numbers: bare, after a
     * G, inside longer ids) in every text field of every kind, sent on every path: the client library, the gateway
     * and {@code submit} refuse them before anything is written; records written straight to the input topics (in
     * fields, the key, undecodable bytes, headers, a registry entry) are dead-lettered with the value withheld.
     * Then every topic is scanned for the very numbers sent, as bytes: only the records this test wrote straight to
     * the input topics may hold them. The detector is the test's own (the literal numbers), not the production
     * pattern. Checked by mutation (issue 6): with {@code DeadLetterWriter} copying the value of a RAW_IDENTIFIER
     * dead letter, the old scan (after a simulation that sends no raw number) passed and this test fails; with
     * {@code DecodeAndCheck} keeping input headers that hold a number, the scan finds them on the meals repartition
     * topics.
     */
    @Test
    @Order(4)
    void rawStudentNumbersSentOnEveryPathAreRefusedAndReachNoTopic() throws Exception {
        IdNumbers ids = new IdNumbers(new Random());
        Map<String, String> numbers = new LinkedHashMap<>(); // what was sent where → the ID number inside it
        SimulatedSchool school = schools.get(2);
        String token = new TokenStore(pipeline.settings().getPath("gateway.tokens.file")).issue(school.id());

        try (SchoolClient client = new SchoolClient(pipeline.settings())) {
            for (var sent : RawRecords.of(school.id(), ids, numbers, "client").entrySet()) {
                assertThatThrownBy(() -> client.send(sent.getValue())).as(sent.getKey())
                        .isInstanceOf(InvalidRecordsException.class)
                        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(numbers.values()));
            }
        }

        for (var sent : RawRecords.of(school.id(), ids, numbers, "gateway").entrySet()) {
            assertRefusedByGateway(school.id(), token, sent.getValue(), JsonRecords.toJson(sent.getValue()).toString(),
                    numbers);
        }
        // A JSON escape hides nothing; a valid record beside a raw one is not written either.
        String escaped = numberOf(ids, numbers, "gateway JSON escape");
        ClimateReading reading = RawRecords.climate(school.id(), "gw-" + UUID.randomUUID(), "room-G" + escaped);
        assertRefusedByGateway(school.id(), token, reading, JsonRecords.toJson(reading).toString()
                .replace("room-G" + escaped, "room-G\\u00" + Integer.toHexString(escaped.charAt(0)) + escaped.substring(1)),
                numbers);
        LocalDate yesterday = LocalDate.now(RecordRules.ZONE).minusDays(1);
        MealReport valid = RawRecords.meal(school.id(), "valid-" + UUID.randomUUID(), yesterday);
        MealReport raw = RawRecords.meal(school.id(), "G" + numberOf(ids, numbers, "gateway batch"), yesterday);
        assertRefusedByGateway(school.id(), token, raw, "[" + JsonRecords.toJson(valid) + "," + JsonRecords.toJson(raw)
                + "]", numbers);

        Path dir = Files.createTempDirectory("ruraledu-raw-numbers-");
        for (var sent : RawRecords.of(school.id(), ids, numbers, "submit").entrySet()) {
            InputKind kind = InputKind.forRecord(sent.getValue());
            String validLine = kind == InputKind.MEAL_REPORTS ? JsonRecords.toJson(valid) + "\n" : "";
            Path file = Files.writeString(dir.resolve(kind.path() + "-" + UUID.randomUUID() + ".jsonl"),
                    validLine + JsonRecords.toJson(sent.getValue()) + "\n");
            StringWriter printed = new StringWriter();
            CommandLine cli = Main.commandLine();
            cli.setOut(new PrintWriter(printed, true));
            cli.setErr(new PrintWriter(printed, true));
            assertThat(cli.execute("submit", "--kind", kind.path(), "--skip-invalid", "--bootstrap-servers",
                    pipeline.bootstrapServers(), file.toString())).as("submit refuses %s", sent.getKey()).isEqualTo(1);
            assertThat(printed.toString()).doesNotContain(numbers.values());
        }

        Map<String, RecordMetadata> straight = sendStraightToInputTopics(school, ids, numbers);
        Set<String> read = topicsTheStreamsApplicationReads();
        assertThat(read).contains(Topics.MEAL_REPORTS.name(), Topics.STUDENT_STATUS.name(), Topics.ENROLLMENT.name());
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, ConsumerRecord<byte[], byte[]>> letters = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : readAll(Topics.DEAD_LETTERS.name())) {
                letters.put(DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SOURCE_TOPIC) + "/"
                        + DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SOURCE_PARTITION) + "/"
                        + DeadLetterHeaders.get(r.headers(), DeadLetterHeaders.SOURCE_OFFSET), r);
            }
            straight.forEach((what, sent) -> {
                ConsumerRecord<byte[], byte[]> letter = letters.get(where(sent));
                if (what.equals(REPORT_OF_THAT_SCHOOL)) { // its school's registry entry is unusable
                    assertThat(letter).as("dead letter of %s", what).isNotNull();
                } else if (!what.equals(COUNTED) && read.contains(sent.topic())) {
                    assertThat(letter).as("dead letter of %s", what).isNotNull();
                    assertThat(DeadLetterHeaders.get(letter.headers(), DeadLetterHeaders.ERROR_CODE)).as(what)
                            .isEqualTo("RAW_IDENTIFIER");
                    assertThat(letter.value()).as("value of the dead letter of %s", what).isNull();
                }
            });
            assertThat(latestKpi(Kpi.key(school.district(), "meals.coverage", "day", headerDay())))
                    .as("the valid record with raw numbers in its headers counts").isNotNull();
        });
        byte[] validId = valid.getReportId().getBytes(StandardCharsets.UTF_8);
        assertThat(readAll(Topics.MEAL_REPORTS.name())).as("the valid report sent beside raw ones is not written")
                .noneMatch(r -> r.value() != null && contains(r.value(), validId));

        Set<String> topics;
        try (var admin = pipeline.broker().admin()) {
            topics = admin.listTopics(new ListTopicsOptions().listInternal(false)).names().get();
        }
        assertThat(topics).anyMatch(t -> t.endsWith("-changelog")).anyMatch(t -> t.endsWith("-repartition"))
                .contains(Topics.DEAD_LETTERS.name(), Topics.KPIS.name(), Topics.ALERTS.name());
        Set<String> ours = straight.values().stream().map(LocalPipelineIT::where).collect(Collectors.toSet());
        List<String> leaks = new ArrayList<>();
        long scanned = 0;
        for (String topic : topics) {
            for (ConsumerRecord<byte[], byte[]> r : readAll(topic)) {
                String at = topic + "/" + r.partition() + "/" + r.offset();
                Set<String> found = numbersIn(r, numbers);
                if (ours.contains(at)) {
                    if (!at.equals(where(straight.get(REPORT_OF_THAT_SCHOOL)))) {
                        assertThat(found).as("the scan finds the number in what was sent straight to %s", at)
                                .isNotEmpty();
                    }
                } else if (!found.isEmpty()) {
                    leaks.add(at + " holds the number of " + found);
                }
                scanned++;
            }
        }
        assertThat(scanned).isGreaterThan(1000);
        assertThat(leaks).as("raw student numbers outside what was sent straight to input topics").isEmpty();
    }

    /**
     * The input topics the streams application consumes, as its topology says (the registry is one: an entry holding
     * a raw number is dead-lettered with its value withheld, and its school's reports too). A
     * topic no domain reads yet (care reports and climate readings, today) dead-letters nothing: what is written to
     * it stays there, unread, and the scan still checks that nothing copies it.
     */
    private static Set<String> topicsTheStreamsApplicationReads() {
        Set<String> topics = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : RuralEduTopology.buildTopology(pipeline.settings(),
                java.time.Clock.systemUTC()).describe().subtopologies()) {
            sub.nodes().stream().filter(n -> n instanceof TopologyDescription.Source)
                    .forEach(n -> topics.addAll(((TopologyDescription.Source) n).topicSet()));
        }
        return topics;
    }

    /** The day of the valid meal report with raw numbers in its headers: no other record is of that day. */
    private static LocalDate headerDay() {
        return firstSimulatedDay.minusDays(60);
    }

    private static final String COUNTED = "straight: a valid report with raw numbers in its headers";
    private static final String REGISTRY_ENTRY = "straight: a registry entry with a raw number in the name";
    private static final String REPORT_OF_THAT_SCHOOL = "straight: a report of that school";

    /**
     * Writes records holding raw numbers straight to the input topics with a plain producer, as a school system
     * that bypasses every client would: in each text field of each kind, in the key, in undecodable bytes, in the
     * headers of a valid record, and in a school's registry entry (its reports must be refused without it).
     */
    private static Map<String, RecordMetadata> sendStraightToInputTopics(SimulatedSchool school, IdNumbers ids,
            Map<String, String> numbers) throws Exception {
        Map<String, RecordMetadata> sent = new LinkedHashMap<>();
        byte[] key = school.id().getBytes(StandardCharsets.UTF_8);
        try (var producer = new KafkaProducer<>(pipeline.settings().kafkaClientProperties(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            for (var record : RawRecords.of(school.id(), ids, numbers, "straight").entrySet()) {
                sent.put(record.getKey(), send(producer, key, record.getValue()));
            }
            MealReport meal = RawRecords.meal(school.id(), "keyed-" + UUID.randomUUID(), headerDay().minusDays(1));
            sent.put("straight key", send(producer,
                    ("G" + numberOf(ids, numbers, "straight key")).getBytes(StandardCharsets.UTF_8), meal));
            sent.put("straight undecodable", producer.send(new ProducerRecord<>(Topics.MEAL_REPORTS.name(), key,
                    ("{\"studentNumber\": \"" + numberOf(ids, numbers, "straight undecodable") + "\"}")
                            .getBytes(StandardCharsets.UTF_8))).get());

            ProducerRecord<byte[], byte[]> counted = new ProducerRecord<>(Topics.MEAL_REPORTS.name(), key,
                    encode(RawRecords.meal(school.id(), "headers-" + UUID.randomUUID(), headerDay())));
            counted.headers().add("x-student-number", ("G" + numberOf(ids, numbers, "straight header value"))
                    .getBytes(StandardCharsets.UTF_8));
            counted.headers().add("x-" + numberOf(ids, numbers, "straight header key"), new byte[] {1});
            sent.put(COUNTED, producer.send(counted).get());

            String newSchool = "raw-registry-" + UUID.randomUUID().toString().substring(0, 8);
            byte[] newKey = newSchool.getBytes(StandardCharsets.UTF_8);
            sent.put(REGISTRY_ENTRY, send(producer, newKey, SchoolProfile.newBuilder(school.profile())
                    .setSchoolId(newSchool).setName("School of G" + numberOf(ids, numbers, REGISTRY_ENTRY)).build()));
            sent.put(REPORT_OF_THAT_SCHOOL, send(producer, newKey, RawRecords.meal(newSchool, "r-" + newSchool,
                    headerDay())));
        }
        return sent;
    }

    private static void assertRefusedByGateway(String schoolId, String token, SpecificRecordBase record, String body,
            Map<String, String> numbers) throws Exception {
        HttpResponse<String> response = PipelineTesting.post(pipeline, schoolId, InputKind.forRecord(record).path(),
                token, body);
        assertThat(response.statusCode()).as("gateway refuses %s", body).isEqualTo(400);
        assertThat(response.body()).doesNotContain(numbers.values());
    }

    private static String numberOf(IdNumbers ids, Map<String, String> numbers, String where) {
        String number = ids.next();
        numbers.put(where, number);
        return number;
    }

    /** Where in which of the numbers the record holds: in its key, value, header keys or values, as UTF-8 bytes. */
    private static Set<String> numbersIn(ConsumerRecord<byte[], byte[]> record, Map<String, String> numbers) {
        List<byte[]> parts = new ArrayList<>(Arrays.asList(record.key(), record.value()));
        for (Header header : record.headers()) {
            parts.add(header.key().getBytes(StandardCharsets.UTF_8));
            parts.add(header.value());
        }
        Set<String> found = new TreeSet<>();
        numbers.forEach((where, number) -> {
            byte[] needle = number.getBytes(StandardCharsets.UTF_8);
            if (parts.stream().anyMatch(part -> part != null && contains(part, needle))) {
                found.add(where);
            }
        });
        return found;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
                return true;
            }
        }
        return false;
    }

    private static String where(RecordMetadata sent) {
        return sent.topic() + "/" + sent.partition() + "/" + sent.offset();
    }

    /** One input record, encoded as its topic's serde does, written as it is with a plain producer. */
    private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, byte[] key, SpecificRecordBase record)
            throws Exception {
        return producer.send(new ProducerRecord<>(InputKind.forRecord(record).topic().name(), key, encode(record)))
                .get();
    }

    @SuppressWarnings("unchecked")
    private static byte[] encode(SpecificRecordBase record) {
        Topic<String, SpecificRecordBase> topic = (Topic<String, SpecificRecordBase>) InputKind.forRecord(record).topic();
        return topic.valueSerde().serializer().serialize(topic.name(), record);
    }

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
