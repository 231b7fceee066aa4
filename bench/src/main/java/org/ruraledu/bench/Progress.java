package org.ruraledu.bench;

import java.util.function.Supplier;

/** A progress line on stderr every 10 seconds, so that a long stage shows it is alive. */
final class Progress {
    private static final long EVERY_NANOS = 10_000_000_000L;

    private final String prefix;
    private long next = System.nanoTime() + EVERY_NANOS;

    Progress(String prefix) {
        this.prefix = prefix;
    }

    void maybe(Supplier<String> line) {
        long now = System.nanoTime();
        if (now >= next) {
            next = now + EVERY_NANOS;
            say(prefix + " " + line.get());
        }
    }

    /** Set by --trace: every change of lag and outputs while a stage catches up, to see where time goes. */
    static volatile boolean tracing;

    static void trace(Supplier<String> line) {
        if (tracing) {
            say(line.get());
        }
    }

    /** Every line says when, since the JVM started, so that a slow stage shows in the log. */
    static void say(String line) {
        System.err.printf("[%6.1f s] %s%n", java.lang.management.ManagementFactory.getRuntimeMXBean().getUptime() / 1e3,
                line);
    }
}
