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
    @ValueSource(strings = {"G370102201001011234", "j37010220100101123x", "370102201001011234",
            "37010220100101123X", " G370102201001011234 ", "G370102201001011234-2026-11-27",
            "2026-11-27/370102201001011234", "evt:L370102201001011234", "room 370102201001011234 east"})
    void findsANumberAnywhereInAText(String text) {
        assertThat(StudentRefs.looksLikeRawIdentifier(text)).isTrue();
        assertThat(StudentRefs.looksLikeRawIdentifier(text.getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "G37010220100101123", "3701022010010112", "37010220100101123456",
            "G3701022010010112345", "meal-2026-11-27-0001", "q1Xq0lVr0c5-3mBzSg5m8vJm3dG0d9d3cMf3qH5wY4E",
            "37010220100101123-4"})
    void leavesOtherTextAlone(String text) {
        assertThat(StudentRefs.looksLikeRawIdentifier(text)).isFalse();
        assertThat(StudentRefs.redact(text)).isEqualTo(text);
    }

    @Test
    void redactReplacesEveryNumberAndKeepsTheRest() {
        assertThat(StudentRefs.redact("Unrecognized token 'G370102201001011234': was expecting a value; "
                + "also 37010220100101123X"))
                .isEqualTo("Unrecognized token '" + StudentRefs.REDACTED + "': was expecting a value; also "
                        + StudentRefs.REDACTED);
        assertThat(StudentRefs.redact(null)).isNull();
    }

    @Test
    void refIsTheHmacOfTheTrimmedUpperCasedNumber() {
        StudentRefs refs = StudentRefs.fromConfig(KEY);
        String ref = refs.refOf("G370102201001011234");
        assertThat(ref).hasSize(43).isEqualTo(refs.refOf(" g370102201001011234\n"));
        assertThat(StudentRefs.isRef(ref)).isTrue();
        // README, "Children's data":
        //   printf %s G370102201001011234 | openssl dgst -sha256 -hmac "$KEY" -binary | basenc --base64url | tr -d =
        assertThat(ref).isEqualTo("O3pOjCC7zptsaGrrBt0AnojFIwVAjARi2mukn4c6mdo");
    }

    @Test
    void aKeyIsBase64OnlyWithThePrefixElseItsUtf8Bytes() {
        byte[] bytes = KEY.getBytes(StandardCharsets.UTF_8);
        String expected = new StudentRefs(bytes).refOf("G370102201001011234");
        for (String setting : new String[] {KEY, "base64:" + Base64.getEncoder().encodeToString(bytes),
                "base64:" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)}) {
            assertThat(StudentRefs.fromConfig(setting).refOf("G370102201001011234")).as(setting).isEqualTo(expected);
        }
        // Text that happens to be valid base64 is still text: no guessing.
        String base64Looking = Base64.getEncoder().encodeToString(new byte[33]);
        StudentRefs asText = new StudentRefs(base64Looking.getBytes(StandardCharsets.UTF_8));
        assertThat(StudentRefs.fromConfig(base64Looking).refOf("G370102201001011234"))
                .isEqualTo(asText.refOf("G370102201001011234"));
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
