package org.ruraledu.producers.cli;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.ruraledu.config.Settings;
import picocli.CommandLine.Option;

/**
 * Options every command takes: where Kafka is, and an optional settings file. Mixed into each command with
 * {@code @Mixin CommonOptions common;} so that the layering of {@link Settings} is the same everywhere.
 */
public final class CommonOptions {
    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka brokers (default: the local embedded broker, 127.0.0.1:9092; "
                    + "env RURALEDU_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file (.properties) layered over the defaults; env RURALEDU_CONFIG.")
    Path config;

    /** Defaults, then the settings file, then the environment, then these flags and the given overrides. */
    public Settings settings(Map<String, String> overrides) {
        Map<String, String> flags = new HashMap<>(overrides);
        if (bootstrapServers != null) {
            flags.put("bootstrap.servers", bootstrapServers);
        }
        return load(config, flags);
    }

    /**
     * The layering every command shares: defaults, then {@code configFile} (or the file named by
     * {@code RURALEDU_CONFIG} when it is null), then the environment, then {@code flags}.
     */
    public static Settings load(Path configFile, Map<String, String> flags) {
        Path file = configFile;
        if (file == null) {
            String fromEnv = System.getenv(Settings.CONFIG_FILE_ENV);
            file = fromEnv == null || fromEnv.isBlank() ? null : Path.of(fromEnv);
        }
        return Settings.load(file, System.getenv(), flags);
    }

    public Settings settings() {
        return settings(Map.of());
    }
}
