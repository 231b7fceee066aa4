package org.ruraledu.producers.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.cli.CommonOptions;
import org.ruraledu.producers.cli.GracefulStop;
import org.ruraledu.records.StudentRefs;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;
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

    @Option(names = "--climate-days", defaultValue = "1",
            description = "Classroom readings for the last N simulated school days whose school hours have begun; "
                    + "0 = none. Readings are the bulk: up to 12 rooms x 108 a school and day (default: ${DEFAULT-VALUE}).")
    int climateDays;

    @Option(names = "--climate-schools", defaultValue = "all", converter = SchoolShareConverter.class,
            description = "Which of the heating schools send readings: all, a count (40), a fraction (0.1) or a "
                    + "percentage (10%%); a coal-heated school is always among them (default: ${DEFAULT-VALUE}).")
    SchoolShare climateSchools;

    @Option(names = "--climate-interval", defaultValue = "PT5M",
            description = "Time between two readings of a classroom, whole minutes dividing an hour (default: ${DEFAULT-VALUE}).")
    Duration climateInterval;

    /** Picocli converter of {@code --climate-schools}. */
    public static final class SchoolShareConverter implements ITypeConverter<SchoolShare> {
        @Override
        public SchoolShare convert(String value) {
            try {
                return SchoolShare.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        Settings settings = common.settings();
        StudentRefs refs = StudentRefs.fromConfig(settings.get("pseudonym.key"));
        Clock clock = PipelineClock.from(settings);
        SimulatorOptions options = new SimulatorOptions(schools, days, speed, faults, seed,
                follow < 0 ? Long.MAX_VALUE : follow, tickMillis, climateDays, climateSchools, climateInterval);
        AtomicReference<Simulator> running = new AtomicReference<>();
        // Ctrl-C ends the current day; the sink flushes and closes before the JVM exits.
        try (GracefulStop stop = GracefulStop.install(() -> {
                    Simulator simulator = running.get();
                    if (simulator != null) {
                        simulator.stop();
                    }
                });
                KafkaReportSink sink = new KafkaReportSink(settings, clock)) {
            Simulator simulator = new Simulator(options, refs, sink, clock, SchoolCalendar.from(settings));
            running.set(simulator);
            SimulationStats stats = simulator.run();
            System.out.println("simulated " + schools + " schools over " + days + " school days: " + stats);
        }
        return 0;
    }
}
