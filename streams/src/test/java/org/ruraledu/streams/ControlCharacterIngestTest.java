package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.TopologyFixture.encode;
import static org.ruraledu.streams.TopologyFixture.key;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.topics.DeadLetterHeaders;

/**
 * A control character in a text field, written straight to an input topic (past the senders' checks), is
 * refused by the same shared rule: a VALIDATION dead letter naming the field, the bytes kept for the bureau.
 */
class ControlCharacterIngestTest {

    @Test
    void aNulInAReportIdIsAValidationDeadLetterNamingTheField() {
        try (TopologyFixture fx = new TopologyFixture(List.of(new Meals()))) {
            fx.register(school("w1", "wendeng"));
            byte[] bad = encode(meal("r\u0000-0302", "w1", "2026-03-02", 10, 5, 0));
            fx.reportRaw(key("w1"), bad, null);
            fx.report(meal("r-0302", "w1", "2026-03-02", 10, 10, 0));

            assertThat(fx.newDeadLetters()).singleElement().satisfies(dead -> {
                assertThat(dead.value()).isEqualTo(bad);
                assertThat(header(dead, DeadLetterHeaders.ERROR_CODE)).isEqualTo("VALIDATION");
                assertThat(header(dead, DeadLetterHeaders.FIELD)).isEqualTo("reportId");
                assertThat(header(dead, DeadLetterHeaders.REASON)).isEqualTo("reportId: holds a control character "
                        + "(U+0000) at position 2: ids and names must be printable text");
            });
            assertThat(fx.latestKpis().get("wendeng|meals.coverage|day|2026-03-02").value())
                    .as("only the valid report counts").isEqualTo(1.0);
        }
    }

    @Test
    void anEscapeInASchoolIdIsRefusedBeforeTheRegistryIsAsked() {
        try (TopologyFixture fx = new TopologyFixture(List.of(new Meals()))) {
            String schoolId = "w1\u001b[2J";
            fx.reportRaw(key(schoolId), encode(meal("r", schoolId, "2026-03-02", 10, 10, 0)), null);

            assertThat(fx.newDeadLetters()).as("at once, not after the unknown-school grace").singleElement()
                    .satisfies(dead -> {
                        assertThat(header(dead, DeadLetterHeaders.ERROR_CODE)).isEqualTo("VALIDATION");
                        assertThat(header(dead, DeadLetterHeaders.FIELD)).isEqualTo("schoolId");
                    });
        }
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return DeadLetterHeaders.get(record.headers(), name);
    }
}
