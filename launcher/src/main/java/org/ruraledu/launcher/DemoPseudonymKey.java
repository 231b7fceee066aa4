package org.ruraledu.launcher;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.ruraledu.config.KeptOnce;
import org.ruraledu.config.Settings;
import org.ruraledu.records.StudentRefs;

/**
 * The pseudonym key of the local demo when no {@code pseudonym.key} is set. It lives beside the demo's broker
 * log, made once: the refs on the topics were made with it, so a second run over the same data must give every
 * pupil the same studentRef again (a new key per run would open every dropout case a second time). {@code --fresh}
 * deletes it with the data it belongs to.
 */
final class DemoPseudonymKey {
    static final String FILE_NAME = "demo-pseudonym.key";
    private static final int KEY_BYTES = 32;

    private DemoPseudonymKey() {}

    /** Where the demo key of this data lives: beside the broker log ({@code ./data}, or {@code --data-dir}). */
    static Path file(Settings settings) {
        Path brokerDir = settings.getPath("broker.data.dir").toAbsolutePath();
        return brokerDir.getParent() == null ? brokerDir.resolve(FILE_NAME) : brokerDir.getParent().resolve(FILE_NAME);
    }

    /** The configured key if there is one, else the demo key of this data (made on first use). */
    static String resolve(Settings settings) {
        String configured = settings.get("pseudonym.key");
        if (!configured.isBlank()) {
            return configured;
        }
        Path file = file(settings);
        String key = KeptOnce.readOrCreate(file, DemoPseudonymKey::randomKey);
        try {
            StudentRefs.fromConfig(key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the demo pseudonym key " + file + " is unusable (" + e.getMessage()
                    + "); delete it or run with --fresh");
        }
        return key;
    }

    private static String randomKey() {
        byte[] bytes = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(bytes);
        return StudentRefs.BASE64_KEY_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }
}
