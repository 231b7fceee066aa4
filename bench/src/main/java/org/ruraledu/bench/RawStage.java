package org.ruraledu.bench;

import java.util.Set;

/** (a) The raw limit: a plain consumer reading every input record, nothing done with it. */
final class RawStage {
    private RawStage() {}

    static void run(Context ctx) {
        Progress.say("(a) raw consumer over the input topics ...");
        Results r = ctx.results();
        TopicReader.Read read = TopicReader.count(ctx.clientProperties(), Context.inputTopics(), ctx.options().deadline());
        r.put("input.records", "input records on the topics", read.records(), "records", "counted by the raw consumer");
        long logBytes = Offsets.logBytes(ctx.admin(), Set.copyOf(Context.inputTopics()));
        r.put("input.bytes", "input bytes on the broker", logBytes, "bytes",
                String.format("record batches on disk; key+value %,d bytes, %.0f bytes per record", read.payloadBytes(),
                        read.payloadBytes() / (double) read.records()));
        r.put("raw.rate", "(a) raw: plain consumer", read.records() / read.seconds(), "records/s",
                String.format("%,d records in %.2f s, first record to end", read.records(), read.seconds()));
    }
}
