package org.ruraledu.bench;

import java.util.List;
import java.util.Map;
import org.ruraledu.config.Settings;

/** (b) The baseline: an exactly-once count over the same records, timed like the pipeline. */
final class BaselineStage {
    static final String APPLICATION_ID = "bench-baseline";

    private BaselineStage() {}

    static void run(Context ctx) {
        Progress.say("(b) baseline: exactly-once groupByKey().count() ...");
        Results r = ctx.results();
        Settings settings = ctx.streamsApp(APPLICATION_ID);
        List<String> inputs = Context.inputTopics();
        long start = System.nanoTime();
        try (BaselineCount app = BaselineCount.start(settings, inputs)) {
            CatchUp catchUp = new CatchUp(app.streams(), ctx.admin(), new GroupLag(ctx.admin(), APPLICATION_ID, inputs),
                    List.of(), app::requireRunning);
            CatchUp.Timing t = catchUp.time(start, ctx.options());
            r.put("baseline.rate", "(b) baseline: EOS count", ctx.inputRecords() / t.busySeconds(), "records/s",
                    String.format("%,d records in %.2f s, first record to lag 0", ctx.inputRecords(), t.busySeconds()));
            r.put("baseline.startup", "(b) baseline start-up", t.startupSeconds(), "s",
                    "start to first record processed");
            long internal = internalBytes(StreamsMetrics.bytesWrittenByTopic(app.streams()), APPLICATION_ID);
            r.put("baseline.internal.ratio", "(b) baseline internal bytes / input byte",
                    internal / ctx.results().value("input.bytes"), "x", String.format("%,d bytes (its changelog)", internal));
        }
    }

    static long internalBytes(Map<String, Long> bytesByTopic, String applicationId) {
        return bytesByTopic.entrySet().stream().filter(e -> e.getKey().startsWith(applicationId + "-"))
                .mapToLong(Map.Entry::getValue).sum();
    }
}
