package org.ruraledu.launcher;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ruraledu.config.Settings;

/**
 * {@code ruraledu streams} in a JVM of its own, configured through the environment like an operator would, so
 * that a test can kill it the way a crash does (SIGKILL: no shutdown hook, no leaving the group, no checkpoint).
 */
final class StreamsProcess implements AutoCloseable {
    private static final Pattern QUERY_PORT = Pattern.compile("query API on port (\\d+)");

    private final Process process;
    private final Path output;

    private StreamsProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /** Starts {@code ruraledu streams} with these settings (as RURALEDU_* variables, nothing else inherited). */
    static StreamsProcess start(Map<String, String> settings, Path output) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                // The console an operator sees (the tests' own logback-test.xml comes first on this class path).
                "-Dlogback.configurationFile=" + Path.of("target", "classes", "logback.xml").toAbsolutePath(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "streams"));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith(Settings.ENV_PREFIX));
        settings.forEach((key, value) -> builder.environment().put(Settings.envName(key), value));
        return new StreamsProcess(builder.start(), output);
    }

    /** The port of its query API, once it has said it (it binds before joining the group). */
    int awaitQueryPort(Duration patience) {
        return await().atMost(patience).pollInterval(Duration.ofMillis(100)).until(() -> {
            Matcher said = QUERY_PORT.matcher(output());
            if (said.find()) {
                return Integer.parseInt(said.group(1));
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("ruraledu streams exited: " + output());
            }
            return null;
        }, Objects::nonNull);
    }

    /** Everything it has printed so far (log and stdout). */
    String output() {
        try {
            return Files.readString(output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SIGKILL, as the OOM killer or a power cut would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM, as Ctrl-C or a supervisor's stop: the command stops cleanly. Returns its exit code. */
    int stop(Duration patience) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("ruraledu streams did not stop within " + patience);
        }
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
