package org.ruraledu.producers.testing;

import java.nio.file.Path;
import java.util.Map;
import org.ruraledu.config.Settings;
import org.ruraledu.embedded.SharedBroker;

/** Settings pointing at the shared test broker. */
public final class TestSettings {
    /** 32 bytes of test key material; a real key is configuration, never in a repository. */
    public static final String PSEUDONYM_KEY = "test-only-pseudonym-key-0123456789abcdef";

    private TestSettings() {}

    public static Settings sharedBroker(Map<String, String> overrides) {
        return Settings.defaults().with("bootstrap.servers", SharedBroker.get().bootstrapServers())
                .with("pseudonym.key", PSEUDONYM_KEY).with(overrides);
    }

    public static Settings gateway(Path tokens, Map<String, String> overrides) {
        return sharedBroker(Map.of("gateway.port", "0", "gateway.tokens.file", tokens.toString(),
                "gateway.instance.id", "test-" + java.util.UUID.randomUUID()))
                .with(overrides);
    }
}
