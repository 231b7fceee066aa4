package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.TopologyFixture.encode;
import static org.ruraledu.streams.TopologyFixture.headers;
import static org.ruraledu.streams.TopologyFixture.key;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.streams.ingest.UnknownSchoolGrace;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.topics.Topics;

/** Bad input goes to the dead-letter topic unchanged, with headers that say why, and processing goes on. */
class IngestTopologyTest {
    private static final String MEALS = Topics.MEAL_REPORTS.name();
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        start(Map.of());
    }

    private void start(Map<String, String> overrides) {
        if (fx != null) {
            fx.close();
        }
        fx = new TopologyFixture(List.of(new Meals()), overrides);
        SchoolProfile closed = school("x1", "nanhai");
        closed.setActive(false);
        fx.register(school("w1", "wendeng"), closed);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void garbageBytesAreDeadLetteredWithOriginalBytesAndHeaders() {
        byte[] garbage = "not avro at all".getBytes(StandardCharsets.UTF_8);
        fx.reportRaw(key("w1"), garbage, headers("traceparent", "00-abc-01"));
        fx.report(meal("ok", "w1", "2026-03-02", 10, 10, 0));

        TestRecord<byte[], byte[]> dead = single(fx.newDeadLetters());
        assertThat(dead.key()).isEqualTo(key("w1"));
        assertThat(dead.value()).isEqualTo(garbage);
        Headers h = dead.headers();
        assertThat(header(h, "traceparent")).as("original headers kept").isEqualTo("00-abc-01");
        assertThat(header(h, DeadLetterHeaders.ERROR_CODE)).isEqualTo("DECODE");
        assertThat(header(h, DeadLetterHeaders.REASON)).contains("not Avro single-object encoding");
        assertThat(header(h, DeadLetterHeaders.FIELD)).isNull();
        assertThat(header(h, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(MEALS);
        assertThat(header(h, DeadLetterHeaders.SOURCE_PARTITION)).isEqualTo("0");
        assertThat(header(h, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(h, DeadLetterHeaders.REJECTED_BY)).isEqualTo(TopologyFixture.APP_ID);
        assertThat(header(h, DeadLetterHeaders.REJECTED_AT)).isEqualTo(TopologyFixture.NOW.toString());
        assertThat(fx.latestKpis()).as("the next good record is processed")
                .containsKey("wendeng|meals.coverage|day|2026-03-02");
        assertThat(fx.meters.get("ruraledu.dead.letters").tag("topic", MEALS).tag("error", "DECODE").counter()
                .count()).isEqualTo(1.0);
    }

    @Test
    void ruleViolationIsDeadLetteredNamingTheField() {
        byte[] bytes = encode(meal("bad", "w1", "2026-03-02", 10, 12, 0));
        fx.reportRaw(key("w1"), bytes, null);
        fx.report(meal("ok", "w1", "2026-03-02", 10, 10, 0));

        TestRecord<byte[], byte[]> dead = single(fx.newDeadLetters());
        assertThat(dead.value()).isEqualTo(bytes);
        assertThat(header(dead.headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("VALIDATION");
        assertThat(header(dead.headers(), DeadLetterHeaders.FIELD)).isEqualTo("served");
        assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).isEqualTo("served: must not exceed needing (12 > 10)");
        assertThat(fx.latestKpis()).containsKey("wendeng|meals.coverage|day|2026-03-02");
    }

    @Test
    void futureDateIsARuleViolation() {
        fx.report(meal("future", "w1", "2026-03-11", 10, 10, 0));

        TestRecord<byte[], byte[]> dead = single(fx.newDeadLetters());
        assertThat(header(dead.headers(), DeadLetterHeaders.FIELD)).isEqualTo("date");
        assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).contains("must not be in the future");
    }

    /** Without a grace period for unknown schools (see {@link UnknownSchoolGraceTest}), all three at once. */
    @Test
    void unknownInactiveAndMisKeyedSchoolsAreDeadLettered() {
        start(Map.of(UnknownSchoolGrace.GRACE, "PT0S"));
        fx.report(meal("u", "nobody", "2026-03-02", 10, 10, 0), meal("c", "x1", "2026-03-10", 10, 10, 0));
        byte[] misKeyed = encode(meal("m", "w1", "2026-03-02", 10, 10, 0));
        fx.reportRaw(key("x1"), misKeyed, null);
        fx.report(meal("ok", "w1", "2026-03-02", 10, 10, 0));

        List<TestRecord<byte[], byte[]>> dead = fx.newDeadLetters();
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.ERROR_CODE))
                .containsExactly("UNKNOWN_SCHOOL", "INACTIVE_SCHOOL", "KEY_MISMATCH");
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.FIELD)).containsOnly("schoolId");
        assertThat(header(dead.get(0).headers(), DeadLetterHeaders.REASON)).contains("unknown school 'nobody'");
        assertThat(dead.get(2).key()).isEqualTo(key("x1"));
        assertThat(dead.get(2).value()).isEqualTo(misKeyed);
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly("0", "1", "2");
        // Only w1's report counts: its day (2026-03-02, a Monday), week, month and the spring term (from 03-02).
        List<String> counted = new java.util.ArrayList<>();
        for (String scope : List.of("wendeng", "city", "school:w1")) {
            for (String metric : List.of("meals.coverage", "meals.food_safety_incidents")) {
                for (String cell : List.of("day|2026-03-02", "week|2026-03-02", "month|2026-03-01", "term|2026-03-02")) {
                    counted.add(scope + "|" + metric + "|" + cell);
                }
            }
        }
        assertThat(fx.latestKpis().keySet()).containsExactlyInAnyOrderElementsOf(counted);
    }

    @Test
    void registryToleratesGarbageAndNamesTheProblem() {
        fx.registerRaw("g1", new byte[] {1, 2, 3});
        fx.report(meal("g", "g1", "2026-03-02", 10, 10, 0));
        fx.register(school("g1", "rushan"));
        fx.report(meal("g2", "g1", "2026-03-02", 10, 10, 0));

        List<TestRecord<byte[], byte[]>> letters = fx.newDeadLetters();
        assertThat(letters).hasSize(2);
        // The unusable registry record itself, unchanged, then the report of its school.
        assertThat(header(letters.get(0).headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.SCHOOL_REGISTRY.name());
        assertThat(header(letters.get(0).headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("VALIDATION");
        assertThat(letters.get(0).value()).isEqualTo(new byte[] {1, 2, 3});
        TestRecord<byte[], byte[]> dead = letters.get(1);
        assertThat(header(dead.headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("UNKNOWN_SCHOOL");
        assertThat(header(dead.headers(), DeadLetterHeaders.REASON))
                .contains("registry entry of school 'g1' is unreadable");
        assertThat(fx.latestKpis()).as("a later good registry entry heals the school")
                .containsKey("rushan|meals.coverage|day|2026-03-02");
    }

    private static TestRecord<byte[], byte[]> single(List<TestRecord<byte[], byte[]>> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static String header(Headers headers, String name) {
        return headers == null ? null : DeadLetterHeaders.get(headers, name);
    }
}
