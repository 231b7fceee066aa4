package org.ruraledu.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StudentRefsTest {
    private static final String KEY = "an-example-key-of-at-least-32-bytes!!";

    @ParameterizedTest
    @ValueSource(strings = {"G370102201001011231", "j37010220100101001x", "370102201001011231",
            "37010220100101001X", " G370102201001011231 ", "G370102201001011231-2026-11-27",
            "2026-11-27/370102201001011231", "evt:L370102201001011231", "room 370102201001011231 east",
            // README, "Children's data"; then a foreigner's permanent residence card (Korea, 410) and a Taiwan
            // resident's residence permit
            "evt-G370102201001011231-1127", "370102 20100101 1231", "370-102-2010-0101-001X",
            "0037010220100101123100", "ID 370102800101123", "937410201501010013", "830000201205051238"})
    void findsANumberAnywhereInAText(String text) {
        assertThat(StudentRefs.looksLikeRawIdentifier(text)).isTrue();
        assertThat(StudentRefs.looksLikeRawIdentifier(text.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    /** 17 or 16 digits; a wrong check character (…1231 is right); no province 20; 1899; no day 32; ordinary ids. */
    @ParameterizedTest
    @ValueSource(strings = {"", "G37010220100101123", "3701022010010112", "370102201001011234",
            "G370102201001011234", "37010220100101123-4", "200102201001011235", "370102189901011238",
            "37010220100132123X", "meal-2026-11-27-0001", "q1Xq0lVr0c5-3mBzSg5m8vJm3dG0d9d3cMf3qH5wY4E"})
    void leavesOtherTextAlone(String text) {
        assertThat(StudentRefs.looksLikeRawIdentifier(text)).isFalse();
        assertThat(StudentRefs.redact(text)).isEqualTo(text);
    }

    /**
     * Limits, as the README states them: dots and doubled separators do not join digits; a 15-digit number
     * inside a longer run or next to a letter is not taken for an old ID number; births before 1900 (the
     * standard's own example 440524188001010014) are not numbers of living pupils or parents.
     */
    @ParameterizedTest
    @ValueSource(strings = {"370102.20100101.1231", "370102  20100101  1231", "370102/20100101/1231",
            "9370102800101123", "d370102800101123", "440524188001010014", "a370102800101123",
            "IMEI356938035643809", "123-2026-10-11-2345"})
    void whatIsNotDetected(String text) {
        assertThat(StudentRefs.looksLikeRawIdentifier(text)).isFalse();
    }

    @Test
    void redactReplacesEveryNumberAndKeepsTheRest() {
        assertThat(StudentRefs.redact("Unrecognized token 'G370102201001011231': was expecting a value; "
                + "also 37010220100101001X"))
                .isEqualTo("Unrecognized token '" + StudentRefs.REDACTED + "': was expecting a value; also "
                        + StudentRefs.REDACTED);
        assertThat(StudentRefs.redact(null)).isNull();
    }

    @Test
    void refIsTheHmacOfTheTrimmedUpperCasedNumber() {
        StudentRefs refs = StudentRefs.fromConfig(KEY);
        String ref = refs.refOf("G370102201001011231");
        assertThat(ref).hasSize(43).isEqualTo(refs.refOf(" g370102201001011231\n"));
        assertThat(StudentRefs.isRef(ref)).isTrue();
        // README, "Children's data":
        //   printf %s G370102201001011231 | openssl dgst -sha256 -hmac "$KEY" -binary | basenc --base64url | tr -d =
        assertThat(ref).isEqualTo("NWQGGx0NXi5cR4aeS1O2LhZujUFPTsYCOiKIiGporLQ");
    }

    @Test
    void aKeyIsBase64OnlyWithThePrefixElseItsUtf8Bytes() {
        byte[] bytes = KEY.getBytes(StandardCharsets.UTF_8);
        String expected = new StudentRefs(bytes).refOf("G370102201001011231");
        for (String setting : new String[] {KEY, "base64:" + Base64.getEncoder().encodeToString(bytes),
                "base64:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)}) {
            assertThat(StudentRefs.fromConfig(setting).refOf("G370102201001011231")).as(setting).isEqualTo(expected);
        }
        // Text that happens to be valid base64 is still text: no guessing.
        String base64Looking = Base64.getEncoder().encodeToString(new byte[33]);
        StudentRefs asText = new StudentRefs(base64Looking.getBytes(StandardCharsets.UTF_8));
        assertThat(StudentRefs.fromConfig(base64Looking).refOf("G370102201001011231"))
                .isEqualTo(asText.refOf("G370102201001011231"));
    }

    @Test
    void aShortOrMalformedKeyIsRefusedWithoutQuotingIt() {
        assertThatThrownBy(() -> StudentRefs.fromConfig("base64:" + Base64.getEncoder().encodeToString(new byte[31])))
                .hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> StudentRefs.fromConfig("base64:not*base64*at*all*but*long*enough*secret"))
                .hasMessageContaining("not base64").hasMessageNotContaining("secret");
        assertThatThrownBy(() -> StudentRefs.fromConfig("short")).hasMessageContaining("at least 32 bytes");
        assertThatThrownBy(() -> StudentRefs.fromConfig(" ")).hasMessageContaining("RURALEDU_PSEUDONYM_KEY");
    }
}
