package org.ruraledu.records;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldErrorTest {
    @Test
    void aRawNumberNeverSurvivesInAFieldOrAMessage() {
        FieldError error = new FieldError(2, "G370102201001011231", "must be a month, got '370102201001011231-01'");

        assertThat(error.field()).isEqualTo(StudentRefs.REDACTED);
        assertThat(error.message()).isEqualTo("must be a month, got '" + StudentRefs.REDACTED + "-01'");
        assertThat(error.withIndex(5).toString()).doesNotContain("370102201001011231");
        assertThat(new FieldError(0, null, null).message()).isNull();
    }
}
