package org.ruraledu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.ruraledu.config.Settings;
import org.ruraledu.embedded.Directories;
import org.ruraledu.embedded.EmbeddedBroker;
import org.ruraledu.producers.gateway.Gateway;

/**
 * One benchmark run: one broker, the workload loaded once, then each stage in turn on the same records
 * (raw consumer, baseline, full pipeline, alert latency, gateway), then the second workload for state growth.
 */
final class Benchmark {
    private Benchmark() {}

    static Results run(BenchOptions o, String command, String label, String note) throws Exception {
        long start = System.nanoTime();
        Results r = new Results();
        r.fact("date", ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")));
        r.fact("command", command);
        r.fact("label", label);
        r.fact("note", note);
        Machine.describe(r);
        Settings base = Settings.load(o.config(), Map.of(), Map.of());
        try (LoadWatch load = new LoadWatch()) {
            attempt(r, "main workload", () -> stages(o, base, r));
            attempt(r, "second workload", () -> GrowthStage.run(o, base, r));
            r.fact("load during the run", load.summary());
        }
        Ratios.add(r, o);
        r.fact("run took", String.format("%.0f s", Context.seconds(start, System.nanoTime())));
        return r;
    }

    /** A part of the run that may fail. */
    @FunctionalInterface
    interface Part {
        void run() throws Exception;
    }

    /**
     * Runs one part; if it fails (a stage missed its deadline: the code under test is too slow for it), what was
     * measured so far is kept and the failure is written down as a fact, so the run still prints and writes its
     * figures (the missing ones show as not measured) instead of ending with a stack trace and no record at all.
     */
    static void attempt(Results r, String part, Part work) {
        try {
            work.run();
        } catch (Exception e) {
            String reason = e.getClass().getSimpleName() + ": " + e.getMessage();
            r.fact("stopped early (" + part + ")", reason);
            Progress.say("stopped early (" + part + "): " + reason);
        }
    }

    /** Everything on the main broker: it and its data are gone when this returns. */
    private static void stages(BenchOptions o, Settings base, Results r) throws Exception {
        Path work = Files.createTempDirectory("ruraledu-bench-");
        try (EmbeddedBroker broker = EmbeddedBroker.start(new EmbeddedBroker.Options(work.resolve("kafka"), 0, 0, true));
                Admin admin = broker.admin()) {
            Settings settings = settingsFor(base, broker, work);
            broker.createContractTopics(settings.getInt("topics.partitions"));
            Progress.say("loading " + o.workload() + " from the simulator ...");
            Workload.Loaded loaded = Workload.load(settings, o.schools(), o.days(), o.faults(), o.climateSchools());
            r.fact("workload", o.workload() + " (simulator, faults " + o.faults() + ")");
            r.fact("record mix", loaded.mix());
            r.put("load.rate", "workload loaded through the client library", loaded.records() / loaded.seconds(),
                    "records/s", String.format("%,d records in %.1f s (not a goal)", loaded.records(), loaded.seconds()));
            Context ctx = new Context(settings, admin, loaded, o, r, work);
            RawStage.run(ctx);
            BaselineStage.run(ctx);
            Settings pipeline = PipelineStage.run(ctx);
            try (Gateway gateway = Gateway.start(pipeline)) {
                LatencyStage.run(ctx, pipeline, gateway);
                GatewayStage.run(ctx, gateway);
            }
        } finally {
            Directories.deleteRecursively(work);
        }
    }

    /** The settings of every client of a run: its broker, free ports, and all state below the run's directory. */
    static Settings settingsFor(Settings base, EmbeddedBroker broker, Path work) {
        Map<String, String> overrides = new HashMap<>();
        overrides.put("bootstrap.servers", broker.bootstrapServers());
        overrides.put("query.port", "0");
        overrides.put("gateway.port", "0");
        overrides.put("gateway.tokens.file", work.resolve("gateway-tokens.properties").toString());
        overrides.put("streams.state.dir", work.resolve("streams").toString());
        return base.with(overrides);
    }
}
