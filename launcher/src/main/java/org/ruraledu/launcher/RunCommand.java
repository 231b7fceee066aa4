package org.ruraledu.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.Callable;
import org.ruraledu.calendar.SchoolCalendar;
import org.ruraledu.config.PipelineClock;
import org.ruraledu.config.Settings;
import org.ruraledu.embedded.Directories;
import org.ruraledu.producers.cli.CommonOptions;
import org.ruraledu.producers.cli.GracefulStop;
import org.ruraledu.producers.simulator.KafkaReportSink;
import org.ruraledu.producers.simulator.SchoolShare;
import org.ruraledu.producers.simulator.SimulateCommand;
import org.ruraledu.producers.simulator.Simulator;
import org.ruraledu.producers.simulator.SimulatorOptions;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the whole pipeline on this machine, with simulated schools unless told otherwise. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on this machine: an embedded Kafka broker, the streams application "
                + "(KPIs, alerts, query API) and the ingest gateway, plus simulated schools unless --no-simulator.",
            "Stop with Ctrl-C. State (broker.data.dir, streams.state.dir, the demo pseudonym key beside the broker "
                + "log) is kept across runs; --fresh starts from nothing."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE",
            description = "Settings file layered over the defaults; env RURALEDU_CONFIG.")
    Path config;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Keep broker log, streams state and token hashes under DIR (sets broker.data.dir, "
                    + "streams.state.dir, gateway.tokens.file; default: the settings, ./data/...).")
    Path dataDir;

    @Option(names = "--fresh", description = "Delete the broker log, the streams state and the demo pseudonym key "
            + "first (tokens are kept).")
    boolean fresh;

    @Option(names = "--no-simulator", description = "Run only broker, streams and gateway, for real school systems.")
    boolean noSimulator;

    @Option(names = "--schools", defaultValue = "300", description = "Simulated schools (default: ${DEFAULT-VALUE}).")
    int schools;

    @Option(names = "--days", defaultValue = "10", description = "Simulated school days up to today (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--faults", defaultValue = "1.0", description = "Fault-rate multiplier of the simulator (default: ${DEFAULT-VALUE}).")
    double faults;

    @Option(names = "--climate-days", defaultValue = "1",
            description = "Classroom readings for the last N simulated school days whose school hours have begun; "
                    + "0 = none (default: ${DEFAULT-VALUE}).")
    int climateDays;

    @Option(names = "--climate-schools", defaultValue = "0.1",
            converter = SimulateCommand.SchoolShareConverter.class,
            description = "Which heating schools send classroom readings (the bulk of the volume): all, a count, "
                    + "a fraction or a percentage (default: ${DEFAULT-VALUE}, quick on 2 cores).")
    SchoolShare climateSchools;

    @Option(names = "--summary-every", defaultValue = "10", description = "Seconds between console summaries; 0 = none (default: ${DEFAULT-VALUE}).")
    int summaryEvery;

    @Override
    public Integer call() throws Exception {
        Settings settings = CommonOptions.load(config,
                dataDir == null ? Map.of() : LocalPipeline.dataDirSettings(dataDir));
        if (fresh) {
            deleteState(settings);
        }
        try (GracefulStop stop = GracefulStop.install(() -> { });
                LocalPipeline pipeline = LocalPipeline.start(settings)) {
            printWhereToLook(pipeline);
            SimulatedSchools simulated = noSimulator ? null : startSimulator(pipeline);
            try {
                PipelineSummary summary = new PipelineSummary(pipeline.queryUrl());
                while (!stop.requested(Duration.ofSeconds(Math.max(1, summaryEvery)))) {
                    pipeline.requireStreamsRunning();
                    if (summaryEvery > 0) {
                        summary.print(System.out);
                    }
                }
                System.out.println("stopping ruraledu ...");
            } finally {
                if (simulated != null) {
                    simulated.stop(); // before the broker goes, so that it never sends into a void
                }
            }
        }
        return 0;
    }

    /** What {@code --fresh} deletes: everything the topics' records depend on, the demo key among it. */
    static void deleteState(Settings settings) throws IOException {
        Directories.deleteRecursively(settings.getPath("broker.data.dir"));
        Directories.deleteRecursively(settings.getPath("streams.state.dir"));
        Files.deleteIfExists(DemoPseudonymKey.file(settings));
    }

    /** The simulator running beside the pipeline; stopped before the pipeline so that it never sends into a void. */
    private record SimulatedSchools(Simulator simulator, Thread thread) {
        void stop() throws InterruptedException {
            simulator.stop();
            thread.interrupt();
            thread.join(10_000);
        }
    }

    private SimulatedSchools startSimulator(LocalPipeline pipeline) {
        Settings settings = pipeline.settings();
        String key = DemoPseudonymKey.resolve(settings);
        if (settings.get("pseudonym.key").isBlank()) {
            System.out.println("note: no pseudonym.key configured; the simulated schools use the demo key "
                    + DemoPseudonymKey.file(settings) + " (kept with this data; --fresh deletes it)");
        }
        SimulatorOptions options = new SimulatorOptions(schools, days, 0, faults, SimulatorOptions.defaults().seed(),
                Long.MAX_VALUE, 3000).withClimate(climateDays, climateSchools);
        KafkaReportSink sink = new KafkaReportSink(settings, pipeline.clock());
        Simulator simulator = new Simulator(options, StudentRefs.fromConfig(key), sink, pipeline.clock(),
                SchoolCalendar.from(settings));
        Thread thread = new Thread(() -> {
            try (sink) {
                var stats = simulator.run();
                System.out.println("simulator finished: " + stats);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                System.err.println("simulator stopped: " + e.getMessage());
            }
        }, "ruraledu-simulator");
        thread.setDaemon(true);
        thread.start();
        return new SimulatedSchools(simulator, thread);
    }

    private void printWhereToLook(LocalPipeline pipeline) {
        String q = pipeline.queryUrl();
        System.out.println();
        System.out.println("ruraledu is running 乡村教育振兴先行区 (Ctrl-C stops it)");
        System.out.println("  Kafka broker      " + pipeline.bootstrapServers());
        System.out.println("  ingest gateway    " + pipeline.gatewayUrl() + "/v1/schools/{schoolId}/{kind}   (token: ./ruraledu token issue --school ID)");
        System.out.println("  KPIs              curl '" + q + "/v1/kpis?metric=meals.coverage&period=day'");
        System.out.println("  open alerts       curl '" + q + "/v1/alerts?state=OPEN'");
        System.out.println("  metrics           " + q + "/metrics");
        System.out.println("  follow alerts     ./ruraledu alerts tail --from-beginning");
        if (!pipeline.settings().get(PipelineClock.START).isBlank()) {
            LocalDateTime now = LocalDateTime.ofInstant(pipeline.clock().instant(), RecordRules.ZONE);
            System.out.println("  clock             " + now.truncatedTo(ChronoUnit.SECONDS)
                    + " in Weihai, running at real speed (clock.start)");
        }
        System.out.println("  simulated schools " + (noSimulator ? "off (--no-simulator)" : schools + " schools, " + days + " school days (classroom readings: " + climateSchools
                + " of the heating schools, last " + climateDays + " day(s)), then live corrections"));
        System.out.println();
    }
}
