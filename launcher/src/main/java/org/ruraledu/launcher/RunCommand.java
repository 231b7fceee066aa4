package org.ruraledu.launcher;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.simulator.KafkaReportSink;
import org.ruraledu.producers.simulator.Simulator;
import org.ruraledu.producers.simulator.SimulatorOptions;
import org.ruraledu.records.StudentRefs;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code run}: the whole pipeline on this machine, with simulated schools unless told otherwise. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Runs the whole pipeline on this machine: an embedded Kafka broker, the streams application "
                + "(KPIs, alerts, query API) and the ingest gateway, plus simulated schools unless --no-simulator.",
            "Stop with Ctrl-C. State is kept under --data-dir across runs (--fresh starts from nothing)."})
public final class RunCommand implements Callable<Integer> {
    @Option(names = "--config", paramLabel = "FILE", description = "Settings file layered over the defaults.")
    Path config;

    @Option(names = "--data-dir", defaultValue = "data", description = "Where broker and streams keep their state (default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--fresh", description = "Delete the data directory first.")
    boolean fresh;

    @Option(names = "--no-simulator", description = "Run only broker, streams and gateway, for real school systems.")
    boolean noSimulator;

    @Option(names = "--schools", defaultValue = "300", description = "Simulated schools (default: ${DEFAULT-VALUE}).")
    int schools;

    @Option(names = "--days", defaultValue = "10", description = "Simulated school days up to today (default: ${DEFAULT-VALUE}).")
    int days;

    @Option(names = "--faults", defaultValue = "1.0", description = "Fault-rate multiplier of the simulator (default: ${DEFAULT-VALUE}).")
    double faults;

    @Option(names = "--summary-every", defaultValue = "10", description = "Seconds between console summaries; 0 = none (default: ${DEFAULT-VALUE}).")
    int summaryEvery;

    @Override
    public Integer call() throws Exception {
        if (fresh) {
            deleteRecursively(dataDir);
        }
        Map<String, String> overrides = new HashMap<>(LocalPipeline.dataDirSettings(dataDir));
        Settings settings = Settings.load(config, System.getenv(), Map.of()).with(overrides);
        CountDownLatch stop = new CountDownLatch(1);
        CountDownLatch stopped = new CountDownLatch(1);
        // Ctrl-C only asks the main thread to stop, then waits for it: closing the pipeline from two threads at
        // once can leave the broker waiting for a controller that is already gone.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stop.countDown();
            try {
                stopped.await(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ruraledu-shutdown"));
        try (LocalPipeline pipeline = LocalPipeline.start(settings)) {
            printWhereToLook(pipeline);
            SimulatedSchools simulated = noSimulator ? null : startSimulator(pipeline.settings());
            PipelineSummary summary = new PipelineSummary(pipeline.queryUrl());
            while (!stop.await(Math.max(1, summaryEvery), java.util.concurrent.TimeUnit.SECONDS)) {
                String failure = pipeline.streamsFailure();
                if (failure != null) {
                    throw new IllegalStateException(failure);
                }
                if (summaryEvery > 0) {
                    summary.print(System.out);
                }
            }
            if (simulated != null) {
                simulated.stop();
            }
            System.out.println("stopping ruraledu ...");
        } finally {
            stopped.countDown();
        }
        return 0;
    }

    /** The simulator running beside the pipeline; stopped before the pipeline so that it never sends into a void. */
    private record SimulatedSchools(Simulator simulator, Thread thread) {
        void stop() throws InterruptedException {
            simulator.stop();
            thread.interrupt();
            thread.join(10_000);
        }
    }

    private SimulatedSchools startSimulator(Settings settings) {
        String key = settings.get("pseudonym.key");
        if (key.isBlank()) {
            byte[] throwaway = new byte[32];
            new SecureRandom().nextBytes(throwaway);
            key = Base64.getUrlEncoder().withoutPadding().encodeToString(throwaway);
            System.out.println("note: no pseudonym.key configured; the simulated schools use a throwaway key for this run");
        }
        SimulatorOptions options = new SimulatorOptions(schools, days, 0, faults, SimulatorOptions.defaults().seed(),
                Long.MAX_VALUE, 3000);
        KafkaReportSink sink = new KafkaReportSink(settings);
        Simulator simulator = new Simulator(options, StudentRefs.fromConfig(key), sink, Clock.systemUTC());
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
        System.out.println("  simulated schools " + (noSimulator ? "off (--no-simulator)" : schools + " schools, " + days + " school days, then live corrections"));
        System.out.println();
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
