package org.ruraledu.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.ruraledu.contract.Json;
import org.ruraledu.producers.client.InputRecords;
import org.ruraledu.producers.client.ProducerProperties;
import org.ruraledu.producers.client.SchoolClient;
import org.ruraledu.producers.testing.GatewayClient;
import org.ruraledu.producers.testing.KafkaTopics;
import org.ruraledu.producers.testing.TestData;
import org.ruraledu.producers.testing.TestSettings;
import org.ruraledu.records.InputKind;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.topics.Topics;

/**
 * Every status of the contract's ingest gateway, against the real broker.
 *
 * <p>The gateway checks records on a clock stopped when the test starts, and what the test expects of "today" (the
 * retention horizon, a report of today, next month) is taken from that clock: on real time the gateway's day (or
 * month) could turn between the test's reading of it and the gateway's, at midnight in Weihai (16:00 UTC).
 * TestData dates its records on real time, a day or an hour back, which stays valid on a clock that stopped earlier.
 */
class GatewayIT {
    private static final int RATE_PER_MINUTE = 3; // one request back every 20 s: no refill during the test
    private static final int MAX_BODY_BYTES = 20_000;
    private static final int MAX_RECORDS = 40;
    private static final Clock CLOCK = Clock.fixed(Instant.now(), ZoneOffset.UTC);
    /** The gateway's today, in Weihai. */
    private static final LocalDate TODAY = LocalDate.ofInstant(CLOCK.instant(), RecordRules.ZONE);

    @TempDir
    static Path dir;

    private static SchoolClient registry;
    /** Writes registry records past the client's checks, and with a chosen Kafka timestamp. */
    private static KafkaProducer<byte[], byte[]> rawRegistry;
    private static TokenStore tokens;
    private static Gateway gateway;
    private static GatewayClient http;
    private static School registeredBeforeStart;

    /** A school of the registry and its token. */
    record School(String id, String token) {}

    @BeforeAll
    static void start() {
        Path tokenFile = dir.resolve("tokens.properties");
        registry = new SchoolClient(TestSettings.sharedBroker(Map.of()));
        rawRegistry = new KafkaProducer<>(ProducerProperties.safe(TestSettings.sharedBroker(Map.of()),
                "gateway-it-registry"));
        tokens = new TokenStore(tokenFile);
        registeredBeforeStart = newSchool(true);
        gateway = Gateway.start(TestSettings.gateway(tokenFile, Map.of(
                "gateway.rate.limit.per.minute", String.valueOf(RATE_PER_MINUTE),
                "gateway.max.body.bytes", String.valueOf(MAX_BODY_BYTES),
                "gateway.max.records.per.request", String.valueOf(MAX_RECORDS))), CLOCK);
        http = new GatewayClient(gateway.url());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        registry.close();
        rawRegistry.close();
    }

    /** Registers a school (after the gateway started, unless called before) and issues it a token. */
    static School newSchool(boolean active) {
        String id = TestData.uniqueSchoolId();
        registry.sendAll(List.of(TestData.record(InputKind.SCHOOL_REGISTRY, TestData.school(id, active))));
        return new School(id, tokens.issue(id));
    }

    @Test
    void acceptsOneReportOnlyOnceKafkaHasIt() {
        School school = registeredBeforeStart;
        ObjectNode meal = TestData.meal(school.id());

        HttpResponse<String> response = http.post(school.id(), "meal-reports", meal.toString(), school.token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(GatewayClient.json(response)).isEqualTo(Json.MAPPER.createObjectNode().put("accepted", 1)
                .set("ids", Json.MAPPER.createArrayNode().add(meal.get("reportId").asText())));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(KafkaTopics.committedFor(InputKind.MEAL_REPORTS.topic().name(), school.id()))
                        .singleElement().satisfies(r -> assertThat(InputKind.MEAL_REPORTS.topic().valueSerde()
                                .deserializer().deserialize(r.topic(), r.value()).get("served")).isEqualTo(118)));
    }

    @ParameterizedTest
    @EnumSource(value = InputKind.class, names = "SCHOOL_REGISTRY", mode = EnumSource.Mode.EXCLUDE)
    void acceptsAnArrayOfEveryKindInOrder(InputKind kind) {
        School school = newSchool(true); // registered and given a token after the gateway started
        ArrayNode batch = Json.MAPPER.createArrayNode().add(TestData.valid(kind, school.id()))
                .add(TestData.valid(kind, school.id())).add(TestData.valid(kind, school.id()));

        HttpResponse<String> response = http.post(school.id(), kind.path(), batch.toString(), school.token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = GatewayClient.json(response);
        assertThat(body.get("accepted").asInt()).isEqualTo(3);
        assertThat(body.get("ids")).extracting(JsonNode::asText).containsExactly(
                batch.get(0).get(kind.idField()).asText(), batch.get(1).get(kind.idField()).asText(),
                batch.get(2).get(kind.idField()).asText());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(KafkaTopics.committedFor(kind.topic().name(), school.id())).hasSize(3));
    }

    /**
     * A school whose registry records (all inactive) were written at noon (Weihai) of each of {@code closedOn}.
     * Never active first: the gateway does not wait to read the registry for a school it knows as active, so a
     * closure written just after could still be unread when the test's request arrives.
     */
    static School closedSchool(LocalDate... closedOn) throws Exception {
        String id = TestData.uniqueSchoolId();
        for (LocalDate day : closedOn) {
            writeRegistry(id, InputRecords.toProducerRecord(TestData.record(InputKind.SCHOOL_REGISTRY,
                    TestData.school(id, false))).value(), day.atTime(12, 0).atZone(RecordRules.ZONE).toInstant());
        }
        return new School(id, tokens.issue(id));
    }

    private static void writeRegistry(String schoolId, byte[] value, Instant timestamp) throws Exception {
        rawRegistry.send(new ProducerRecord<>(Topics.SCHOOL_REGISTRY.name(), null, timestamp.toEpochMilli(),
                schoolId.getBytes(StandardCharsets.UTF_8), value)).get();
    }

    @Test
    void refusesTheReportsOfASchoolWhoseRegistryEntryThePipelineCannotUse() throws Exception {
        String lineFeed = TestData.uniqueSchoolId();
        writeRegistry(lineFeed, InputRecords.toProducerRecord(TestData.record(InputKind.SCHOOL_REGISTRY,
                TestData.school(lineFeed, true).put("name", "Village\nschool"))).value(), Instant.now());
        String garbage = TestData.uniqueSchoolId();
        writeRegistry(garbage, "not a profile".getBytes(StandardCharsets.UTF_8), Instant.now());

        for (String id : List.of(lineFeed, garbage)) {
            HttpResponse<String> response = http.post(id, "meal-reports", TestData.meal(id).toString(),
                    tokens.issue(id));
            assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
            assertThat(errors(response)).singleElement().satisfies(e -> {
                assertThat(e.get("index").isNull()).isTrue();
                assertThat(e.get("field").asText()).isEqualTo("schoolId");
                assertThat(e.get("message").asText()).startsWith("the registry entry of school '" + id
                        + "' is unreadable (").contains(id.equals(lineFeed)
                                ? "name: holds a control character (U+000A)" : "single-object");
            });
            assertThat(KafkaTopics.committedFor(InputKind.MEAL_REPORTS.topic().name(), id)).isEmpty();
        }
    }

    @Test
    void theRetentionHorizonDayItselfIsAccepted() {
        School school = newSchool(true);
        String horizon = TODAY.minusDays(400).toString(); // retention.days' default
        HttpResponse<String> response = http.post(school.id(), "meal-reports",
                TestData.meal(school.id()).put("date", horizon).toString(), school.token());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    /** A request that must be refused with 400, naming the problem. */
    record Invalid(String name, InputKind kind, Function<String, String> body, Integer index, String field,
            String message) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Invalid> invalidRequests() {
        return Stream.of(
                new Invalid("invalid JSON", InputKind.MEAL_REPORTS, s -> "{\"reportId\": ", null, null,
                        "invalid JSON"),
                new Invalid("missing field", InputKind.MEAL_REPORTS, s -> without(TestData.meal(s), "served"),
                        0, "served", "is required"),
                new Invalid("wrong type", InputKind.MEAL_REPORTS, s -> TestData.meal(s).put("needing", "many")
                        .toString(), 0, "needing", "must be a whole number"),
                new Invalid("unknown field", InputKind.MEAL_REPORTS, s -> TestData.meal(s).put("remark", "late")
                        .toString(), 0, "remark", "is not a field of MealReport"),
                new Invalid("negative count", InputKind.MEAL_REPORTS, s -> TestData.meal(s)
                        .put("foodSafetyIncidents", -1).toString(), 0, "foodSafetyIncidents", "must not be negative"),
                new Invalid("served more than needing", InputKind.MEAL_REPORTS, s -> TestData.meal(s)
                        .put("served", 121).toString(), 0, "served", "must not exceed needing"),
                new Invalid("date in the future", InputKind.MEAL_REPORTS, s -> TestData.meal(s)
                        .put("date", TestData.yesterday().plusDays(3).toString()).toString(), 0, "date",
                        "must not be in the future"),
                new Invalid("date before the retention horizon", InputKind.MEAL_REPORTS, s -> TestData.meal(s)
                        .put("date", "1999-03-01").toString(), 0, "date", "1999-03-01 is before the retention horizon "
                        + TODAY.minusDays(400) + " (retention.days = 400)"),
                new Invalid("event before the retention horizon", InputKind.STUDENT_STATUS, s -> TestData
                        .studentStatus(s).put("status", "RETURNED").put("date", "1999-03-01").toString(), 0, "date",
                        "is before the retention horizon"),
                new Invalid("NUL in an id", InputKind.MEAL_REPORTS, s -> TestData.meal(s).put("reportId", "r\u00001")
                        .toString(), 0, "reportId", "control character (U+0000) at position 2"),
                new Invalid("line feed in a room", InputKind.CLIMATE_READINGS, s -> TestData.climate(s)
                        .put("roomId", "R101\nR102").toString(), 0, "roomId", "control character (U+000A)"),
                new Invalid("classroom too hot", InputKind.CLIMATE_READINGS, s -> TestData.climate(s)
                        .put("temperatureC", 75).toString(), 0, "temperatureC",
                        "must be a temperature between -40 and 60 °C, got 75.0"),
                new Invalid("classroom too cold", InputKind.CLIMATE_READINGS, s -> TestData.climate(s)
                        .put("temperatureC", -41).toString(), 0, "temperatureC",
                        "must be a temperature between -40 and 60 °C, got -41.0"),
                new Invalid("reading from the future", InputKind.CLIMATE_READINGS, s -> TestData.climate(s)
                        .put("measuredAt", Instant.now().plus(Duration.ofMinutes(10)).toString()).toString(), 0,
                        "measuredAt", "must not be in the future"),
                new Invalid("NaN literal", InputKind.CLIMATE_READINGS, s -> TestData.climate(s).toString()
                        .replace("\"temperatureC\":18.5", "\"temperatureC\":NaN"), 0, "temperatureC",
                        "must be a finite number, got NaN"),
                new Invalid("NaN as a string", InputKind.CLIMATE_READINGS, s -> TestData.climate(s)
                        .put("temperatureC", "NaN").toString(), 0, "temperatureC", "must be a number, not a string"),
                new Invalid("a number too large for a double", InputKind.CLIMATE_READINGS, s -> TestData.climate(s)
                        .toString().replace("\"temperatureC\":18.5", "\"temperatureC\":1e999"), 0, "temperatureC",
                        "must be a finite number, got Infinity"),
                new Invalid("one bad reading in a batch", InputKind.CLIMATE_READINGS, s -> "[" + TestData.climate(s)
                        + "," + TestData.climate(s).put("temperatureC", 60.5) + "]", 1, "temperatureC",
                        "between -40 and 60"),
                new Invalid("more children contacted than registered", InputKind.CARE_REPORTS, s -> TestData.care(s)
                        .put("contacted", 31).toString(), 0, "contacted", "must not exceed registered (31 > 30)"),
                new Invalid("care month in the future", InputKind.CARE_REPORTS, s -> TestData.care(s)
                        .put("month", java.time.YearMonth.from(TODAY).plusMonths(1).toString()).toString(),
                        0, "month", "must not be in the future"),
                new Invalid("not a month", InputKind.CARE_REPORTS, s -> TestData.care(s).put("month", "2026-13")
                        .toString(), 0, "month", "must be a month \"YYYY-MM\""),
                new Invalid("raw student number", InputKind.STUDENT_STATUS, s -> TestData.studentStatus(s)
                        .put("studentRef", "G37010220100101001X").toString(), 0, "studentRef",
                        "raw student or ID card number"),
                new Invalid("another school in the body", InputKind.ENROLLMENT, s -> TestData.enrollment("OTHER")
                        .toString(), 0, "schoolId", "must be the school in the path"),
                new Invalid("one bad record in a batch", InputKind.MEAL_REPORTS, s -> "[" + TestData.meal(s) + ","
                        + TestData.meal(s).put("needing", -5).put("served", 0) + "]", 1, "needing",
                        "must not be negative"),
                new Invalid("empty array", InputKind.MEAL_REPORTS, s -> "[]", null, null, "empty"),
                new Invalid("too many records", InputKind.MEAL_REPORTS, s -> manyMeals(s, MAX_RECORDS + 1), null,
                        null, "at most " + MAX_RECORDS + " records"));
    }

    @ParameterizedTest
    @MethodSource("invalidRequests")
    void refusesInvalidRequestsNamingTheProblemAndWritesNothing(Invalid invalid) {
        School school = newSchool(true);

        HttpResponse<String> response = http.post(school.id(), invalid.kind().path(), invalid.body().apply(school.id()),
                school.token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(errors(response)).anySatisfy(error -> {
            assertThat(error.get("index").isNull() ? null : error.get("index").asInt()).isEqualTo(invalid.index());
            assertThat(error.get("field").isNull() ? null : error.get("field").asText()).isEqualTo(invalid.field());
            assertThat(error.get("message").asText()).contains(invalid.message());
        });
        assertThat(KafkaTopics.committedFor(invalid.kind().topic().name(), school.id())).isEmpty();
    }

    @Test
    void noRefusalRepeatsARawStudentNumber() {
        String number = "G370102201001011231";
        School school = newSchool(true);
        List<String> bodies = List.of(
                "{\"reportId\": " + number + "}", // not JSON: the parser quotes the token
                TestData.meal(school.id()).put("reportId", "meal-" + number).put(number, 1).toString());
        for (String body : bodies) {
            HttpResponse<String> response = http.post(school.id(), "meal-reports", body, school.token());
            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).contains(StudentRefs.REDACTED).doesNotContain(number.substring(1));
        }
        HttpResponse<String> wrongSchool = http.post(number, "meal-reports", bodies.get(1), school.token());
        assertThat(wrongSchool.statusCode()).isEqualTo(403);
        assertThat(wrongSchool.body()).contains(StudentRefs.REDACTED).doesNotContain(number.substring(1));
    }

    @Test
    void refusesAnUnknownKind() {
        School school = newSchool(true);
        HttpResponse<String> response = http.post(school.id(), "school-registry",
                TestData.school(school.id(), true).toString(), school.token());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errors(response)).singleElement().satisfies(e -> {
            assertThat(e.get("field").asText()).isEqualTo("kind");
            assertThat(e.get("message").asText()).contains("unknown kind 'school-registry'", "meal-reports");
        });
        assertThat(KafkaTopics.committedFor(InputKind.SCHOOL_REGISTRY.topic().name(), school.id())).hasSize(1);
    }

    @Test
    void refusesSchoolsThatAreNotInTheRegistry() {
        String unregistered = TestData.uniqueSchoolId();
        HttpResponse<String> response = http.post(unregistered, "meal-reports", TestData.meal(unregistered).toString(),
                tokens.issue(unregistered));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(errors(response)).singleElement().satisfies(e -> {
            assertThat(e.get("index").isNull()).isTrue();
            assertThat(e.get("field").asText()).isEqualTo("schoolId");
            assertThat(e.get("message").asText()).isEqualTo("unknown school '" + unregistered
                    + "': not in the school registry");
        });
        assertThat(KafkaTopics.committedFor(InputKind.MEAL_REPORTS.topic().name(), unregistered)).isEmpty();
    }

    @Test
    void anInactiveSchoolGetsNewReportsRefusedNamingItButCorrectionsOfItsOpenDaysAccepted() throws Exception {
        LocalDate closedOn = TODAY.minusDays(10);
        School school = closedSchool(closedOn);
        ObjectNode today = TestData.meal(school.id()).put("date", TODAY.toString());
        ObjectNode ofTheClosingDay = TestData.meal(school.id()).put("date", closedOn.toString());
        ObjectNode correction = TestData.meal(school.id()).put("date", closedOn.minusDays(1).toString());

        HttpResponse<String> refused = http.post(school.id(), "meal-reports",
                Json.MAPPER.createArrayNode().add(today).add(correction).add(ofTheClosingDay).toString(), school.token());

        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(errors(refused)).extracting(e -> e.get("index").asInt()).containsExactly(0, 2);
        assertThat(errors(refused)).allSatisfy(e -> {
            assertThat(e.get("field").asText()).isEqualTo("schoolId");
            assertThat(e.get("message").asText()).startsWith("school '" + school.id() + "' is inactive (closed or "
                    + "merged) since " + closedOn + " in the registry: it takes no new reports");
        });
        assertThat(KafkaTopics.committedFor(InputKind.MEAL_REPORTS.topic().name(), school.id())).as("nothing")
                .isEmpty();

        HttpResponse<String> accepted = http.post(school.id(), "meal-reports", correction.toString(), school.token());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                KafkaTopics.committedFor(InputKind.MEAL_REPORTS.topic().name(), school.id())).hasSize(1));
    }

    @Test
    void anInactiveSchoolMayStillSendTheEventsThatCloseItsOpenCasesButNoNewDropout() throws Exception {
        School school = closedSchool(TODAY.minusDays(10));
        ArrayNode closing = Json.MAPPER.createArrayNode();
        for (String status : List.of("RETURNED", "ATTENDING", "TRANSFERRED_OUT")) {
            closing.add(TestData.studentStatus(school.id()).put("status", status));
        }

        HttpResponse<String> accepted = http.post(school.id(), "student-status", closing.toString(), school.token());
        HttpResponse<String> dropout = http.post(school.id(), "student-status",
                TestData.studentStatus(school.id()).toString(), school.token());

        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(dropout.statusCode()).as(dropout.body()).isEqualTo(400);
        assertThat(errors(dropout)).singleElement().satisfies(e -> {
            assertThat(e.get("index").asInt()).isZero();
            assertThat(e.get("field").asText()).isEqualTo("schoolId");
            assertThat(e.get("message").asText()).contains("is inactive", "RETURNED");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                KafkaTopics.committedFor(InputKind.STUDENT_STATUS.topic().name(), school.id())).hasSize(3));
    }

    @Test
    void aClosureSentAgainKeepsItsFirstDayAndReopeningLiftsIt() throws Exception {
        LocalDate today = TODAY;
        School school = closedSchool(today.minusDays(10), today.minusDays(3)); // the same closure, restated

        // Dated after the first closure day, before the restated one: refused only if the first day holds.
        HttpResponse<String> between = http.post(school.id(), "meal-reports",
                TestData.meal(school.id()).put("date", today.minusDays(5).toString()).toString(), school.token());
        registry.sendAll(List.of(TestData.record(InputKind.SCHOOL_REGISTRY, TestData.school(school.id(), true))));
        HttpResponse<String> reopened = http.post(school.id(), "meal-reports",
                TestData.meal(school.id()).put("date", today.minusDays(5).toString()).toString(), school.token());

        assertThat(between.statusCode()).as(between.body()).isEqualTo(400);
        assertThat(errors(between)).singleElement().satisfies(e -> assertThat(e.get("message").asText())
                .contains("since " + today.minusDays(10)));
        assertThat(reopened.statusCode()).as(reopened.body()).isEqualTo(202);
    }

    @Test
    void refusesRequestsWithoutAKnownToken() {
        School school = newSchool(true);
        String body = TestData.meal(school.id()).toString();
        for (String token : new String[] {null, "rte_madeup", "Basic " + school.token(), school.token() + "x"}) {
            HttpResponse<String> response = http.post(school.id(), "meal-reports", body, token);
            assertThat(response.statusCode()).as("token %s", token).isEqualTo(401);
            assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v)
                    .startsWith("Bearer"));
            assertThat(GatewayClient.json(response).get("error").asText()).contains("token");
        }
        assertThat(KafkaTopics.committedFor(InputKind.MEAL_REPORTS.topic().name(), school.id())).isEmpty();
    }

    @Test
    void refusesTheTokenOfAnotherSchool() {
        School school = newSchool(true);
        School other = newSchool(true);
        HttpResponse<String> response = http.post(school.id(), "meal-reports", TestData.meal(school.id()).toString(),
                other.token());
        assertThat(response.statusCode()).isEqualTo(403);
        assertThat(GatewayClient.json(response).get("error").asText()).contains("another school");
        assertThat(KafkaTopics.committedFor(InputKind.MEAL_REPORTS.topic().name(), school.id())).isEmpty();
    }

    @Test
    void refusesABodyOverTheLimit() {
        School school = newSchool(true);
        String body = manyMeals(school.id(), MAX_RECORDS);
        body = body + " ".repeat(MAX_BODY_BYTES + 1 - body.length());
        HttpResponse<String> response = http.post(school.id(), "meal-reports", body, school.token());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(GatewayClient.json(response).get("error").asText()).contains(String.valueOf(MAX_BODY_BYTES));
        assertThat(KafkaTopics.committedFor(InputKind.MEAL_REPORTS.topic().name(), school.id())).isEmpty();
    }

    @Test
    void refusesAChunkedBodyOverTheLimitWithoutAContentLength() {
        School school = newSchool(true);
        String body = manyMeals(school.id(), MAX_RECORDS);
        body = body + " ".repeat(MAX_BODY_BYTES + 1 - body.length());
        HttpResponse<String> response = http.postChunked(school.id(), "meal-reports", body, school.token());
        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(KafkaTopics.committedFor(InputKind.MEAL_REPORTS.topic().name(), school.id())).isEmpty();

        String small = TestData.meal(school.id()).toString();
        assertThat(http.postChunked(school.id(), "meal-reports", small, school.token()).statusCode()).isEqualTo(202);
    }

    @Test
    void refusesASchoolOverItsRateWithoutSlowingOthers() {
        School busy = newSchool(true);
        for (int i = 0; i < RATE_PER_MINUTE; i++) {
            assertThat(http.post(busy.id(), "meal-reports", "{}", busy.token()).statusCode()).isEqualTo(400);
        }
        HttpResponse<String> refused = http.post(busy.id(), "meal-reports", TestData.meal(busy.id()).toString(),
                busy.token());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(v ->
                assertThat(Integer.parseInt(v)).isBetween(1, 60));
        assertThat(KafkaTopics.committedFor(InputKind.MEAL_REPORTS.topic().name(), busy.id())).isEmpty();

        School calm = newSchool(true);
        assertThat(http.post(calm.id(), "meal-reports", TestData.meal(calm.id()).toString(), calm.token())
                .statusCode()).isEqualTo(202);
    }

    @Test
    void healthSaysKafkaIsUp() {
        HttpResponse<String> response = http.get("/v1/health");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = GatewayClient.json(response);
        assertThat(body.get("status").asText()).isEqualTo("UP");
        assertThat(body.at("/kafka/status").asText()).isEqualTo("UP");
        assertThat(body.get("schools").asInt()).isPositive();
    }

    @Test
    void countsRequestsByStatus() {
        http.post("nobody", "meal-reports", "{}", null);
        assertThat(gateway.requestCounts()).containsKey(401);
        assertThat(http.get("/metrics").body()).contains("ruraledu_gateway_requests_total{status=\"401\"}");
    }

    private static List<JsonNode> errors(HttpResponse<String> response) {
        JsonNode body = GatewayClient.json(response);
        assertThat(body.fieldNames()).toIterable().containsExactly("errors");
        return Stream.of(body.get("errors")).flatMap(a -> java.util.stream.StreamSupport.stream(a.spliterator(), false))
                .toList();
    }

    private static String without(ObjectNode json, String field) {
        json.remove(field);
        return json.toString();
    }

    private static String manyMeals(String schoolId, int n) {
        ArrayNode meals = Json.MAPPER.createArrayNode();
        for (int i = 0; i < n; i++) {
            meals.add(TestData.meal(schoolId));
        }
        return meals.toString();
    }
}
