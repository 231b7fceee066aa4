package org.ruraledu.producers.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.topics.Topics;

class DeadLetterTest {
    private static final Instant NOW = Instant.parse("2026-11-27T02:00:00Z");

    @Test
    void inputIsKeptUnchangedWithItsReason() {
        byte[] value = "{\"needing\": -1}".getBytes(StandardCharsets.UTF_8);
        var record = new DeadLetter("S1".getBytes(StandardCharsets.UTF_8), value, "VALIDATION", "needing",
                "needing: must not be negative", Topics.MEAL_REPORTS.name(), "cli").toProducerRecord(NOW);

        assertThat(record.value()).isEqualTo(value);
        assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("VALIDATION");
    }

    @Test
    void inputHoldingARawNumberIsWithheldAndTheReasonRedacted() {
        byte[] value = "{\"studentRef\": \"G370102201001011231\"}".getBytes(StandardCharsets.UTF_8);
        var record = new DeadLetter("370102201001011231".getBytes(StandardCharsets.UTF_8), value, "VALIDATION",
                "studentRef", "got 'G370102201001011231'", Topics.STUDENT_STATUS.name(), "test").toProducerRecord(NOW);

        assertThat(record.key()).isNull();
        assertThat(record.value()).isNull();
        assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("RAW_IDENTIFIER");
        assertThat(DeadLetterHeaders.get(record.headers(), DeadLetterHeaders.REASON))
                .isEqualTo("got '" + StudentRefs.REDACTED + "'");
    }
}
