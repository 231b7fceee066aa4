package org.ruraledu.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.kafka.clients.admin.Admin;
import org.ruraledu.config.Settings;
import org.ruraledu.embedded.EmbeddedBroker;

/**
 * (g) State against the size of the workload: the full pipeline over a second workload of another number of
 * schools or days, on a broker of its own (the input topics have fixed names, and the main broker's hold the
 * main workload), so that state per school day can be compared between the two sizes.
 */
final class GrowthStage {
    private GrowthStage() {}

    static void run(BenchOptions o, Settings base, Results r) throws Exception {
        int schools = o.size2Schools();
        int days = o.size2Days();
        Progress.say(String.format("(g) second workload for state growth: %d schools x %d days, fresh broker ...",
                schools, days));
        Path work = Files.createTempDirectory("ruraledu-bench-size2-");
        try (EmbeddedBroker broker = EmbeddedBroker.start(new EmbeddedBroker.Options(work.resolve("kafka"), 0, 0, true));
                Admin admin = broker.admin()) {
            Settings settings = Benchmark.settingsFor(base, broker, work);
            broker.createContractTopics(settings.getInt("topics.partitions"));
            Workload.Loaded loaded = Workload.load(settings, schools, days, o.faults(), o.climateSchools());
            Context ctx = new Context(settings, admin, loaded, o, new Results(), work);
            Settings app = ctx.streamsApp(PipelineStage.APPLICATION_ID);
            try (PipelineRun run = PipelineRun.start(app)) {
                CatchUp.Timing t = run.catchUp(admin).time(run.startNanos(), o);
                r.putCount("pipeline.rate.b", "(c) full pipeline, second workload", loaded.records() / t.busySeconds(),
                        "records/s", String.format("%,d records in %.2f s (all records the simulator sent)",
                                loaded.records(), t.busySeconds()));
                StateSize.Live live = StateSize.live(admin, settings.kafkaClientProperties(), run.applicationId(),
                        o.deadline());
                r.breakdown("state.b", live.bytesByStore());
            r.put("state.b.live", "(g) live state, second workload", live.bytes() / 1048576.0, "MiB",
                        String.format("%,d keys; %d schools x %d days, %,d records", live.keys(), schools, days,
                                loaded.records()));
            }
            r.put("state.b.disk", "(g) state directory on disk, second workload",
                    StateSize.onDisk(app.getPath("streams.state.dir")) / 1048576.0, "MiB", "after a clean stop");
        } finally {
            org.ruraledu.embedded.Directories.deleteRecursively(work);
        }
    }
}
