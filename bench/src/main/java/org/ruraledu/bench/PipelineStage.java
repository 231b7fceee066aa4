package org.ruraledu.bench;

import java.util.Map;
import org.ruraledu.config.Settings;
import org.ruraledu.topics.Topics;

/**
 * (c) The full pipeline over the pre-loaded workload, from a fresh state: start-up, then the sustained rate from
 * its first record to every stage caught up; (f) memory at that moment; (g) bytes it wrote to internal topics and
 * the size of its state.
 */
final class PipelineStage {
    static final String APPLICATION_ID = "bench-pipeline";

    private PipelineStage() {}

    /** Runs it to caught up, measures, and stops it (so its stores are flushed); returns its settings. */
    static Settings run(Context ctx) {
        Progress.say("(c) full pipeline (StreamsApp) over the same records ...");
        Results r = ctx.results();
        Settings settings = ctx.streamsApp(APPLICATION_ID);
        try (PipelineRun run = PipelineRun.start(settings)) {
            CatchUp.Timing t = run.catchUp(ctx.admin()).time(run.startNanos(), ctx.options());
            r.put("pipeline.rate", "(c) full pipeline", ctx.inputRecords() / t.busySeconds(), "records/s",
                    String.format("%,d records in %.2f s, first record to lag 0 on %d source topics (inputs and "
                            + "repartition) and outputs stable", ctx.inputRecords(), t.busySeconds(),
                            run.sourceTopics().size()));
            r.put("pipeline.startup", "(c) full pipeline start-up", t.startupSeconds(), "s",
                    "StreamsApp.start to first record processed (topics, rebalance, state restore)");
            memory(r);
            internalBytes(ctx, StreamsMetrics.bytesWrittenByTopic(run.app().streams()));
            outputs(ctx);
            StateSize.Live live = StateSize.live(ctx.admin(), ctx.clientProperties(), APPLICATION_ID,
                    ctx.options().deadline());
            r.breakdown("state.a", live.bytesByStore());
            r.put("state.a.live", "(g) live state, main workload", live.bytes() / 1048576.0, "MiB",
                    String.format("%,d keys over every changelog; %s", live.keys(), ctx.options().workload()));
        }
        r.put("state.a.disk", "(g) state directory on disk, main workload",
                StateSize.onDisk(settings.getPath("streams.state.dir")) / 1048576.0, "MiB", "after a clean stop (stores flushed)");
        return settings;
    }

    private static void memory(Results r) {
        Memory.Sample m = Memory.sample();
        r.put("memory.heap", "(f) heap after GC", m.heapAfterGcBytes() / 1048576.0, "MiB",
                String.format("of %.0f MiB max; one JVM: broker + streams + load", m.heapMaxBytes() / 1048576.0));
        r.put("memory.rss", "(f) resident memory", m.rssBytes() / 1048576.0, "MiB",
                String.format("peak %.0f MiB; same JVM", m.peakRssBytes() / 1048576.0));
    }

    private static void internalBytes(Context ctx, Map<String, Long> byTopic) {
        Results r = ctx.results();
        long repartition = sum(byTopic, "-repartition");
        long changelog = sum(byTopic, "-changelog");
        double inputBytes = r.value("input.bytes");
        r.put("internal.ratio", "(g) internal-topic bytes / input byte", (repartition + changelog) / inputBytes, "x",
                String.format("repartition %,d + changelog %,d bytes written (producer byte-total)", repartition,
                        changelog));
        r.put("internal.per.record", "(g) internal-topic bytes per input record",
                (repartition + changelog) / (double) ctx.inputRecords(), "bytes",
                String.format("repartition %.0f, changelog %.0f", repartition / (double) ctx.inputRecords(),
                        changelog / (double) ctx.inputRecords()));
        // What the broker still holds: Kafka Streams purges consumed repartition records, so this is less.
        java.util.Set<String> internal = new java.util.TreeSet<>(PipelineRun.internalTopics(ctx.admin(), APPLICATION_ID,
                "-repartition"));
        internal.addAll(PipelineRun.internalTopics(ctx.admin(), APPLICATION_ID, "-changelog"));
        r.putCount("internal.disk.ratio", "(g) internal topics on disk / input byte",
                Offsets.logBytes(ctx.admin(), internal) / inputBytes, "x",
                "log sizes after (c), consumed repartition records purged: not what was written");
    }

    private static long sum(Map<String, Long> byTopic, String suffix) {
        return byTopic.entrySet().stream()
                .filter(e -> e.getKey().startsWith(APPLICATION_ID + "-") && e.getKey().endsWith(suffix))
                .mapToLong(Map.Entry::getValue).sum();
    }

    /** What the users get: KPI and alert records (committed ones, counted by a read_committed consumer). */
    private static void outputs(Context ctx) {
        Results r = ctx.results();
        for (var topic : java.util.List.of(Topics.KPIS, Topics.ALERTS, Topics.DEAD_LETTERS)) {
            long n = TopicReader.count(ctx.clientProperties(), java.util.List.of(topic.name()),
                    ctx.options().deadline()).records();
            r.putCount("outputs." + topic.name(), "(c) records on " + topic.name(), n, "records", "after the main workload");
        }
    }
}
