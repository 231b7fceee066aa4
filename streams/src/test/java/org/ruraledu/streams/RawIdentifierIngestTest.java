package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.TopologyFixture.headers;
import static org.ruraledu.streams.TopologyFixture.key;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.AlertType;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.topics.Topics;

/**
 * A raw student or ID card number written straight to an input topic (past the client, gateway and CLI checks)
 * is rejected, and its dead letter withholds it: it reaches no store, changelog, KPI, alert or dead letter.
 */
class RawIdentifierIngestTest {
    private static final String NUMBER = "G370102201001011231";
    /** The ID card number inside the student number: what must appear nowhere. */
    private static final String DIGITS = NUMBER.substring(1);

    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(List.of(new Meals(), new Dropout()));
        fx.register(school("w1", "wendeng"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aNumberInAnEventIdIsRejectedAndWithheld() {
        fx.send(DropoutInput.status("evt-" + NUMBER + "-0309", "w1", "ann", "2026-03-09", StudentStatus.DROPPED_OUT)
                .build());
        fx.send(DropoutInput.status("evt-ok", "w1", "bob", "2026-03-09", StudentStatus.DROPPED_OUT).build());

        Map<String, List<TestRecord<byte[], byte[]>>> written = everythingWritten();
        assertNowhere(written, DIGITS);
        TestRecord<byte[], byte[]> dead = single(written.get(Topics.DEAD_LETTERS.name()));
        assertThat(dead.key()).as("the key is kept").isEqualTo(key("w1"));
        assertThat(dead.value()).as("the value is withheld").isNull();
        assertThat(header(dead.headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("RAW_IDENTIFIER");
        assertThat(header(dead.headers(), DeadLetterHeaders.FIELD)).isEqualTo("eventId");
        assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).startsWith("eventId: looks like a raw student");
        assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.STUDENT_STATUS.name());
        assertThat(header(dead.headers(), DeadLetterHeaders.SOURCE_OFFSET)).as("finds the original").isEqualTo("0");
        // (The open case also slips the dropout target, 常态清零: TARGET_SLIPPED of the district and the city.)
        assertThat(written.get(Topics.ALERTS.name()).stream()
                .map(r -> Topics.ALERTS.valueSerde().deserializer().deserialize(Topics.ALERTS.name(), r.value()))
                .filter(alert -> alert.type() != AlertType.TARGET_SLIPPED))
                .as("only the valid event opens a case").singleElement()
                .satisfies(alert -> {
                    assertThat(alert.type()).isEqualTo(AlertType.DROPOUT_DETECTED);
                    assertThat(alert.subjectRef()).isEqualTo(DropoutInput.ref("bob"));
                });
        assertThat(written.keySet()).as("the stores' changelogs were searched too")
                .anyMatch(topic -> topic.endsWith("-changelog"));
        assertThat(fx.meters.get("ruraledu.dead.letters").tag("error", "RAW_IDENTIFIER").counter().count())
                .isEqualTo(1.0);
    }

    @Test
    void undecodableBytesHoldingANumberAreWithheldToo() {
        byte[] json = ("{\"reportId\":\"r1\",\"schoolId\":\"w1\",\"studentRef\":\"" + NUMBER + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        fx.reportRaw(key("w1"), json, headers("traceparent", "00-abc-01"));

        Map<String, List<TestRecord<byte[], byte[]>>> written = everythingWritten();
        assertNowhere(written, DIGITS);
        TestRecord<byte[], byte[]> dead = single(written.get(Topics.DEAD_LETTERS.name()));
        assertThat(dead.key()).isEqualTo(key("w1"));
        assertThat(dead.value()).isNull();
        assertThat(header(dead.headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("RAW_IDENTIFIER");
        assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).contains("not Avro single-object encoding");
        assertThat(header(dead.headers(), "traceparent")).isEqualTo("00-abc-01");
    }

    @Test
    void headersHoldingANumberAreDroppedAndTheRecordGoesOn() {
        Headers headers = headers("traceparent", "00-abc-01");
        headers.add("x-pupil", NUMBER.getBytes(StandardCharsets.UTF_8));
        headers.add("x-" + DIGITS, "1".getBytes(StandardCharsets.UTF_8));
        byte[] bad = TopologyFixture.encode(meal("bad", "w1", "2026-03-02", 10, 12, 0));
        fx.reportRaw(key("w1"), bad, headers);
        fx.reportRaw(key("w1"), TopologyFixture.encode(meal("ok", "w1", "2026-03-02", 10, 10, 0)), headers);

        Map<String, List<TestRecord<byte[], byte[]>>> written = everythingWritten();
        assertNowhere(written, DIGITS);
        TestRecord<byte[], byte[]> dead = single(written.get(Topics.DEAD_LETTERS.name()));
        assertThat(dead.value()).as("nothing to withhold in the value").isEqualTo(bad);
        assertThat(header(dead.headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("VALIDATION");
        assertThat(header(dead.headers(), "traceparent")).isEqualTo("00-abc-01");
        assertThat(written.get(Topics.KPIS.name())).as("the valid record is counted")
                .anySatisfy(r -> assertThat(latin1(r.key())).isEqualTo("wendeng|meals.coverage|day|2026-03-02"));
        assertThat(written.keySet()).as("the stores' changelogs were searched too")
                .anyMatch(topic -> topic.endsWith("-changelog"));
    }

    @Test
    void aKeyHoldingANumberIsWithheld() {
        fx.reportRaw(key(NUMBER), TopologyFixture.encode(meal("r", "w1", "2026-03-02", 10, 10, 0)), null);

        Map<String, List<TestRecord<byte[], byte[]>>> written = everythingWritten();
        assertNowhere(written, DIGITS);
        TestRecord<byte[], byte[]> dead = single(written.get(Topics.DEAD_LETTERS.name()));
        assertThat(dead.key()).isNull();
        assertThat(dead.value()).isNull();
        assertThat(header(dead.headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("RAW_IDENTIFIER");
        assertThat(header(dead.headers(), DeadLetterHeaders.REASON)).contains("record key '" + StudentRefs.REDACTED);
    }

    /** Every record the topology wrote, by topic: outputs, dead letters and the changelogs of every store. */
    private Map<String, List<TestRecord<byte[], byte[]>>> everythingWritten() {
        ByteArrayDeserializer bytes = new ByteArrayDeserializer();
        Map<String, List<TestRecord<byte[], byte[]>>> written = new TreeMap<>();
        fx.driver.producedTopicNames().forEach(topic -> written.put(topic,
                fx.driver.createOutputTopic(topic, bytes, bytes).readRecordsToList()));
        return written;
    }

    private static void assertNowhere(Map<String, List<TestRecord<byte[], byte[]>>> written, String text) {
        written.forEach((topic, records) -> assertThat(records).as(topic)
                .noneSatisfy(r -> assertThat(asText(r)).contains(text)));
    }

    private static String asText(TestRecord<byte[], byte[]> record) {
        StringBuilder text = new StringBuilder(latin1(record.key())).append('|').append(latin1(record.value()));
        for (Header header : record.headers()) {
            text.append('|').append(header.key()).append('=').append(latin1(header.value()));
        }
        return text.toString();
    }

    private static String latin1(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static TestRecord<byte[], byte[]> single(List<TestRecord<byte[], byte[]>> records) {
        assertThat(records).hasSize(1);
        return records.get(0);
    }

    private static String header(Headers headers, String name) {
        return headers == null ? null : DeadLetterHeaders.get(headers, name);
    }
}
