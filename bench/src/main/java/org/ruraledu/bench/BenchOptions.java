package org.ruraledu.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What one benchmark run does. {@link #quick()} is the CI size: every stage runs, on a workload so small that
 * the figures say the harness works, not how fast the pipeline is.
 *
 * @param schools simulated schools of the main workload
 * @param days simulated school days of the main workload
 * @param faults simulator fault multiplier (0 = every record valid, as the reviewer measured)
 * @param size2Schools schools of the second workload, which shows how state grows
 * @param size2Days days of the second workload
 * @param latencySamples dropouts posted through the gateway under background load
 * @param backgroundRate meal reports per second sent beside them
 * @param backlogRecords meal reports loaded at once before the backlog probes
 * @param backlogSamples dropouts posted while that backlog is worked off
 * @param gatewayRequests timed gateway requests
 * @param gatewayBatch records per gateway request
 * @param gatewayConcurrency requests in flight at once
 * @param quiet how long lag must stay 0 and the outputs unchanged before a stage counts as caught up
 * @param deadline longest wait for any one stage
 * @param config optional settings file layered over the defaults, or null
 * @param climateSchools share of the heating schools that send a school day of classroom readings (every room
 *                       every 5 minutes: the bulk stream, so a share of the schools keeps the workload's size)
 */
public record BenchOptions(int schools, int days, double faults, int size2Schools, int size2Days,
        int latencySamples, int backgroundRate, int backlogRecords, int backlogSamples,
        int gatewayRequests, int gatewayBatch, int gatewayConcurrency, Duration quiet, Duration deadline,
        Path config, double climateSchools) {

    /** Dropouts are posted this far apart: "a few per second". */
    public static final Duration PROBE_INTERVAL = Duration.ofMillis(200);

    public static BenchOptions full(int schools, int days) {
        return new BenchOptions(schools, days, 0, Math.max(8, schools / 2), days, 50, 10_000, 50_000, 5,
                200, 500, 8, Duration.ofSeconds(3), Duration.ofMinutes(15), null, 0.05);
    }

    public static BenchOptions quick() {
        return new BenchOptions(20, 3, 0, 10, 3, 3, 300, 300, 2, 4, 500, 2, Duration.ofMillis(500),
                Duration.ofSeconds(60), null, 0.5);
    }

    public BenchOptions withConfig(Path file) {
        return new BenchOptions(schools, days, faults, size2Schools, size2Days, latencySamples, backgroundRate,
                backlogRecords, backlogSamples, gatewayRequests, gatewayBatch, gatewayConcurrency, quiet, deadline,
                file, climateSchools);
    }

    public String workload() {
        return schools + " schools x " + days + " school days";
    }
}
