package org.ruraledu.producers.simulator;

import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.cli.CommonOptions;
import org.ruraledu.producers.cli.GracefulStop;
import org.ruraledu.records.StudentRefs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code simulate}: realistic schools and their reports, into Kafka. */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulates schools across the 8 districts and sends their reports, faults included.")
public final class SimulateCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--schools", defaultValue = "300", description = "Schools to simulate (default: ${DEFAULT-VALUE}).")
    int schools;

    @Option(names = "--days", defaultValue = "10", description = "School days to simulate, ending today (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--speed", defaultValue = "0",
            description = "Simulated school days per minute; 0 = as fast as Kafka takes them (default: ${DEFAULT-VALUE}).")
    double speed;

    @Option(names = "--faults", defaultValue = "1.0",
            description = "Multiplier of realistic fault rates (late, corrected, retried, broken reports); 0 = none (default: ${DEFAULT-VALUE}).")
    double faults;

    @Option(names = "--seed", defaultValue = "20230630", description = "Random seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--follow", defaultValue = "0",
            description = "Live ticks of corrections for today after the simulated days; -1 = until stopped (default: ${DEFAULT-VALUE}).")
    long follow;

    @Option(names = "--tick", defaultValue = "2000", description = "Milliseconds between live ticks (default: ${DEFAULT-VALUE}).")
    long tickMillis;

    @Override
    public Integer call() throws Exception {
        Settings settings = common.settings();
        StudentRefs refs = StudentRefs.fromConfig(settings.get("pseudonym.key"));
        SimulatorOptions options = new SimulatorOptions(schools, days, speed, faults, seed,
                follow < 0 ? Long.MAX_VALUE : follow, tickMillis);
        AtomicReference<Simulator> running = new AtomicReference<>();
        // Ctrl-C ends the current day; the sink flushes and closes before the JVM exits.
        try (GracefulStop stop = GracefulStop.install(() -> {
                    Simulator simulator = running.get();
                    if (simulator != null) {
                        simulator.stop();
                    }
                });
                KafkaReportSink sink = new KafkaReportSink(settings)) {
            Simulator simulator = new Simulator(options, refs, sink, Clock.systemUTC());
            running.set(simulator);
            SimulationStats stats = simulator.run();
            System.out.println("simulated " + schools + " schools over " + days + " school days: " + stats);
        }
        return 0;
    }
}
