package org.ruraledu.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Every setting of the project, resolved in layers: the documented defaults
 * ({@code org/ruraledu/config/defaults.properties}), then a properties file ({@code --config} or
 * {@code RURALEDU_CONFIG}), then environment variables ({@code gateway.port} is {@code RURALEDU_GATEWAY_PORT}),
 * then explicit overrides such as command-line flags. Keys under {@code kafka.} pass through to every Kafka
 * client ({@code RURALEDU_KAFKA_SECURITY_PROTOCOL} is {@code kafka.security.protocol}).
 */
public final class Settings {
    public static final String ENV_PREFIX = "RURALEDU_";
    public static final String CONFIG_FILE_ENV = "RURALEDU_CONFIG";
    public static final String KAFKA_PREFIX = "kafka.";

    private final Map<String, String> values;

    private Settings(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /** Defaults, then the file named by RURALEDU_CONFIG (if any), then the process environment. */
    public static Settings fromEnvironment() {
        String file = System.getenv(CONFIG_FILE_ENV);
        return load(file == null || file.isBlank() ? null : Path.of(file), System.getenv(), Map.of());
    }

    public static Settings defaults() {
        return load(null, Map.of(), Map.of());
    }

    public static Settings load(Path file, Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> values = new TreeMap<>(readDefaults());
        if (file != null) {
            Map<String, String> fromFile = readFile(file);
            fromFile.keySet().forEach(key -> requireKnown(values, key, file.toString()));
            values.putAll(fromFile);
        }
        environment.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX + "KAFKA_")) {
                values.put(KAFKA_PREFIX + name.substring((ENV_PREFIX + "KAFKA_").length())
                        .toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        for (String key : readDefaults().keySet()) {
            String value = environment.get(envName(key));
            if (value != null) {
                values.put(key, value);
            }
        }
        overrides.forEach((key, value) -> {
            requireKnown(values, key, "override");
            values.put(key, value);
        });
        return new Settings(values);
    }

    /** The environment variable that sets a key: {@code gateway.port} → {@code RURALEDU_GATEWAY_PORT}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    public Settings with(String key, String value) {
        return with(Map.of(key, value));
    }

    public Settings with(Map<String, String> overrides) {
        Map<String, String> copy = new TreeMap<>(values);
        overrides.forEach((key, value) -> {
            requireKnown(copy, key, "override");
            copy.put(key, value);
        });
        return new Settings(copy);
    }

    public String get(String key) {
        String value = values.get(key);
        if (value == null) {
            throw new IllegalArgumentException("unknown setting '" + key + "'");
        }
        return value;
    }

    public int getInt(String key) {
        try {
            return Integer.parseInt(get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be an integer, got '" + get(key) + "'");
        }
    }

    public long getLong(String key) {
        try {
            return Long.parseLong(get(key).trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be an integer, got '" + get(key) + "'");
        }
    }

    public boolean getBoolean(String key) {
        String value = get(key).trim();
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException("setting '" + key + "' must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    /** A duration in ISO-8601 ({@code PT30S}) or as a plain number of milliseconds. */
    public Duration getDuration(String key) {
        String value = get(key).trim();
        try {
            return value.matches("\\d+") ? Duration.ofMillis(Long.parseLong(value)) : Duration.parse(value);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("setting '" + key + "' must be a duration like PT30S, got '" + value + "'");
        }
    }

    public Path getPath(String key) {
        return Path.of(get(key));
    }

    /** Kafka client properties: bootstrap servers plus every {@code kafka.*} pass-through. */
    public Properties kafkaClientProperties() {
        Properties props = new Properties();
        props.put("bootstrap.servers", get("bootstrap.servers"));
        values.forEach((key, value) -> {
            if (key.startsWith(KAFKA_PREFIX)) {
                props.put(key.substring(KAFKA_PREFIX.length()), value);
            }
        });
        return props;
    }

    public Map<String, String> asMap() {
        return values;
    }

    private static void requireKnown(Map<String, String> known, String key, String source) {
        if (!known.containsKey(key) && !key.startsWith(KAFKA_PREFIX)) {
            throw new IllegalArgumentException("unknown setting '" + key + "' in " + source
                    + " (see the README's configuration table)");
        }
    }

    private static Map<String, String> readDefaults() {
        try (InputStream in = Settings.class.getResourceAsStream("defaults.properties")) {
            return toMap(in, "defaults.properties");
        } catch (IOException e) {
            throw new IllegalStateException("cannot read built-in defaults", e);
        }
    }

    private static Map<String, String> readFile(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return toMap(in, file.toString());
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read settings file " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, String> toMap(InputStream in, String name) throws IOException {
        if (in == null) {
            throw new IOException(name + " not found");
        }
        Properties props = new Properties();
        try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
            props.load(reader);
        }
        Map<String, String> map = new TreeMap<>();
        props.stringPropertyNames().forEach(k -> map.put(k, props.getProperty(k).trim()));
        return map;
    }
}
