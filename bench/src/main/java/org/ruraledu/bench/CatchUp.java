package org.ruraledu.bench;

import java.time.Duration;
import java.util.Collection;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;

/**
 * Waits for a streams application to take its first record and then to catch up: lag 0 on every topic its
 * group reads (inputs and repartition topics) and its outputs unchanged, both for a quiet period. A rate counts
 * only then, never on input offsets alone: records still in a repartition topic are not processed yet.
 */
final class CatchUp {
    private static final long POLL_MILLIS = 50;

    private final KafkaStreams streams;
    private final Admin admin;
    private final GroupLag lag;
    private final Collection<String> outputs;
    private final Runnable healthCheck;

    CatchUp(KafkaStreams streams, Admin admin, GroupLag lag, Collection<String> outputs, Runnable healthCheck) {
        this.streams = streams;
        this.admin = admin;
        this.lag = lag;
        this.outputs = outputs;
        this.healthCheck = healthCheck;
    }

    /** A whole run from a fresh start: start-up until the first record, then busy until caught up. */
    record Timing(long startNanos, long firstRecordNanos, long caughtUpNanos) {
        double startupSeconds() {
            return Context.seconds(startNanos, firstRecordNanos);
        }

        double busySeconds() {
            return Context.seconds(firstRecordNanos, caughtUpNanos);
        }
    }

    /** Waits for the first record, then for caught up; {@code startNanos} is when the application was started. */
    Timing time(long startNanos, BenchOptions o) {
        long first = awaitFirstRecord(o.deadline());
        return new Timing(startNanos, first, awaitCaughtUp(o.quiet(), o.deadline()));
    }

    /** System.nanoTime when the first record was processed. */
    long awaitFirstRecord(Duration deadline) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (StreamsMetrics.processed(streams) == 0) {
            check(giveUp, "its first record");
            sleep(20); // metrics() builds a map of hundreds: not too often while the app starts
        }
        return System.nanoTime();
    }

    /**
     * System.nanoTime of the last change seen (lag falling to 0, or an output written) before a quiet period
     * with lag 0 and no output written. Polled every 50 ms, so it is late by at most that plus one look-up.
     */
    long awaitCaughtUp(Duration quiet, Duration deadline) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        long lastChange = System.nanoTime();
        long lastLag = Long.MIN_VALUE;
        long lastOutputs = Long.MIN_VALUE;
        Progress progress = new Progress("  lag");
        while (true) {
            check(giveUp, "lag 0 (last seen " + lastLag + ")");
            long nowLag = lag.total();
            long nowOutputs = Offsets.endOffsetSum(admin, outputs);
            long now = System.nanoTime();
            if (nowLag != lastLag || nowOutputs != lastOutputs) {
                lastChange = now;
                lastLag = nowLag;
                lastOutputs = nowOutputs;
                Progress.trace(() -> String.format("  %.3f s lag %d, output offsets %d",
                        (now - giveUp + deadline.toNanos()) / 1e9, nowLag, nowOutputs));
            }
            if (nowLag == 0 && now - lastChange >= quiet.toNanos()) {
                return lastChange;
            }
            progress.maybe(() -> nowLag + " records behind");
            sleep(POLL_MILLIS);
        }
    }

    private void check(long giveUp, String what) {
        healthCheck.run();
        if (System.nanoTime() > giveUp) {
            throw new IllegalStateException("streams application did not reach " + what + " in time");
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
