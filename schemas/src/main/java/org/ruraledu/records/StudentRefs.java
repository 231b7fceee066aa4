package org.ruraledu.records;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Pseudonymous student references. The national student number (学籍号, {@code G} + ID card number for most
 * pupils) is sensitive personal information of minors (PIPL art. 28): it never travels in clear. A school
 * replaces it with HMAC-SHA256 under the bureau-held key, base64url without padding (43 characters).
 */
public final class StudentRefs {
    private static final Pattern REF = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** What {@link #redact} puts in place of each raw identifier. */
    public static final String REDACTED = "[redacted student number]";
    /** A key setting that starts with this is base64 (standard or url-safe alphabet, padding optional). */
    public static final String BASE64_KEY_PREFIX = "base64:";
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

    /**
     * A key given as configuration text: {@code base64:} followed by base64 (standard or url-safe) is those bytes;
     * any other text is its UTF-8 bytes, exactly as written. Explicit, so that a school system in any language
     * derives the same key from the same setting.
     */
    public static StudentRefs fromConfig(String keyText) {
        if (keyText == null || keyText.isBlank()) {
            throw new IllegalArgumentException("no pseudonym key configured (set RURALEDU_PSEUDONYM_KEY)");
        }
        return new StudentRefs(keyText.startsWith(BASE64_KEY_PREFIX)
                ? decodeBase64(keyText.substring(BASE64_KEY_PREFIX.length()).trim())
                : keyText.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text.replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            // Not the decoder's message: it may quote a character of the key.
            throw new IllegalArgumentException("the pseudonym key starts with '" + BASE64_KEY_PREFIX
                    + "' but the rest is not base64 (set RURALEDU_PSEUDONYM_KEY)");
        }
    }

    /**
     * The studentRef of a national student number: HMAC-SHA256 of the trimmed, upper-cased number (so that
     * {@code g…} and {@code G…} map to the same pupil), base64url without padding.
     */
    public String refOf(String studentNumber) {
        if (studentNumber == null || studentNumber.isBlank()) {
            throw new IllegalArgumentException("studentNumber: is required");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal(studentNumber.trim().toUpperCase(Locale.ROOT)
                    .getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /**
     * True if the text holds a raw student number or ID card number anywhere: a resident ID number by its
     * structure (address code, birth date, check character; see {@link IdNumberScan}), alone, after G, J or L,
     * inside a longer value or digit run, in full-width digits or with spaces or hyphens between its digits.
     */
    public static boolean looksLikeRawIdentifier(String text) {
        return text != null && IdNumberScan.scan(text, (start, end) -> { });
    }

    /**
     * True if bytes of unknown encoding (undecodable input, a header) hold a raw identifier: read as ISO-8859-1,
     * which maps every byte to one character, so the ASCII digits of any ASCII-compatible text (UTF-8, GBK, ...)
     * are found; bytes that are not all ASCII are read as UTF-8 too, for full-width digits and separators.
     */
    public static boolean looksLikeRawIdentifier(byte[] bytes) {
        return bytes != null && (looksLikeRawIdentifier(new String(bytes, StandardCharsets.ISO_8859_1))
                || !isAscii(bytes) && looksLikeRawIdentifier(new String(bytes, StandardCharsets.UTF_8)));
    }

    private static boolean isAscii(byte[] bytes) {
        for (byte b : bytes) {
            if (b < 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * The text with every raw student or ID card number (as {@link #looksLikeRawIdentifier(String)} finds them)
     * replaced by {@link #REDACTED}, with its G, J or L and the separators inside it; null stays null.
     */
    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(text.length());
        int[] copied = {0};
        IdNumberScan.scan(text, (start, end) -> {
            if (start >= copied[0]) {
                out.append(text, copied[0], start).append(REDACTED);
            }
            copied[0] = Math.max(copied[0], end);  // numbers that overlap in a run share one mark
        });
        return copied[0] == 0 ? text : out.append(text, copied[0], text.length()).toString();
    }

    /** True if the value has the shape of a studentRef. */
    public static boolean isRef(String value) {
        return value != null && REF.matcher(value).matches();
    }
}
