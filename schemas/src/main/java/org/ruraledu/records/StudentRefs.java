package org.ruraledu.records;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous student references. The national student number (学籍号, {@code G} + ID card number for most
 * pupils) is sensitive personal information of minors (PIPL art. 28): it never travels in clear. A school
 * replaces it with HMAC-SHA256 under the bureau-held key, base64url without padding (43 characters).
 */
public final class StudentRefs {
    /** A student number: G, J or L followed by an 18-character ID card number. */
    private static final Pattern STUDENT_NUMBER = Pattern.compile("[GJLgjl]\\d{17}[\\dXx]");
    /** A resident ID card number: 17 digits and a check character. */
    private static final Pattern ID_CARD = Pattern.compile("\\d{17}[\\dXx]");
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_-]{43}");
    public static final int MIN_KEY_BYTES = 32;

    private final SecretKeySpec key;

    /** @param key the bureau's HMAC key, at least 32 bytes; it is configuration, never in the repository */
    public StudentRefs(byte[] key) {
        if (key == null || key.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("the pseudonym key must have at least " + MIN_KEY_BYTES
                    + " bytes (set RURALEDU_PSEUDONYM_KEY)");
        }
        this.key = new SecretKeySpec(key.clone(), "HmacSHA256");
    }

    /** A key given as configuration text: base64 (standard or url-safe) if it decodes to 32+ bytes, else UTF-8. */
    public static StudentRefs fromConfig(String keyText) {
        if (keyText == null || keyText.isBlank()) {
            throw new IllegalArgumentException("no pseudonym key configured (set RURALEDU_PSEUDONYM_KEY)");
        }
        byte[] bytes;
        try {
            bytes = keyText.contains("-") || keyText.contains("_")
                    ? Base64.getUrlDecoder().decode(keyText.trim()) : Base64.getDecoder().decode(keyText.trim());
        } catch (IllegalArgumentException notBase64) {
            bytes = keyText.getBytes(StandardCharsets.UTF_8);
        }
        if (bytes.length < MIN_KEY_BYTES) {
            bytes = keyText.getBytes(StandardCharsets.UTF_8);
        }
        return new StudentRefs(bytes);
    }

    /** The studentRef of a national student number. Normalises case so that g… and G… map to the same pupil. */
    public String refOf(String studentNumber) {
        if (studentNumber == null || studentNumber.isBlank()) {
            throw new IllegalArgumentException("studentNumber: is required");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(studentNumber.trim().toUpperCase(java.util.Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** True if the value looks like a raw student number or ID card number, which must never be sent. */
    public static boolean looksLikeRawIdentifier(String value) {
        if (value == null) {
            return false;
        }
        String v = value.trim();
        return STUDENT_NUMBER.matcher(v).matches() || ID_CARD.matcher(v).matches();
    }

    /** True if the value has the shape of a studentRef. */
    public static boolean isRef(String value) {
        return value != null && REF.matcher(value).matches();
    }
}
