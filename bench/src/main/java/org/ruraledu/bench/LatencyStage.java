package org.ruraledu.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;
import org.ruraledu.config.Settings;
import org.ruraledu.producers.gateway.Gateway;
import org.ruraledu.producers.gateway.TokenStore;
import org.ruraledu.producers.simulator.SimulatedSchool;

/**
 * (d) End-to-end alert latency: dropouts posted through the real gateway while the pipeline (restarted on its
 * state from (c)) carries a steady background of meal reports; then the same while it works off a backlog of
 * meal reports loaded at once. Afterwards (g) the state again: same school days, many more records.
 */
final class LatencyStage {
    private LatencyStage() {}

    /** Runs against the given gateway; the pipeline is stopped when it returns. */
    static void run(Context ctx, Settings pipeline, Gateway gateway) throws InterruptedException {
        Results r = ctx.results();
        BenchOptions o = ctx.options();
        List<SimulatedSchool> schools = ctx.loaded().schools();
        try (PipelineRun run = PipelineRun.start(pipeline)) {
            awaitRunning(run, o.deadline());
            r.put("pipeline.restart", "(c) restart on its own state", Context.seconds(run.startNanos(), System.nanoTime()),
                    "s", "StreamsApp.start to RUNNING, local state kept");
            SimulatedSchool school = schools.get(0);
            String token = new TokenStore(pipeline.getPath("gateway.tokens.file")).issue(school.id());
            CatchUp catchUp = run.catchUp(ctx.admin());
            long extra;
            try (AlertWatch alerts = new AlertWatch(ctx.clientProperties())) {
                DropoutProbe probe = new DropoutProbe(new GatewayPoster(gateway.url()), school.id(), token, alerts);
                // The first alert after a restart pays for warming up; it is not a sample.
                if (!alerts.awaitAll(List.of(probe.post("warmup")), o.deadline())) {
                    throw new IllegalStateException("the warm-up dropout was never alerted");
                }
                extra = 1 + steady(ctx, probe, alerts, catchUp) + backlog(ctx, probe, alerts, catchUp);
            }
            StateSize.Live live = StateSize.live(ctx.admin(), ctx.clientProperties(), run.applicationId(), o.deadline());
            r.breakdown("state.a2", live.bytesByStore());
            r.put("state.a2.live", "(g) live state, main workload + extra records", live.bytes() / 1048576.0, "MiB",
                    String.format("%,d keys; same school days, %,d more records (corrections, dropouts)", live.keys(),
                            extra));
            r.putCount("state.a2.extra.records", "(g) extra records of existing school days", extra, "records",
                    "background + backlog + probes");
        }
    }

    /** Probes under a steady background; returns the records it added. */
    private static long steady(Context ctx, DropoutProbe probe, AlertWatch alerts, CatchUp catchUp)
            throws InterruptedException {
        BenchOptions o = ctx.options();
        Progress.say(String.format("(d) alert latency: %d dropouts through the gateway, %,d meal reports/s beside ...",
                o.latencySamples(), o.backgroundRate()));
        BackgroundLoad background = new BackgroundLoad(ctx.settings(), ctx.loaded().schools(), o.backgroundRate());
        List<String> refs = new ArrayList<>();
        BackgroundLoad.Sent sent;
        try {
            Thread.sleep(Math.min(2_000, o.quiet().toMillis() * 2)); // let the load settle in first
            for (int i = 0; i < o.latencySamples(); i++) {
                refs.add(probe.post("steady"));
                Thread.sleep(BenchOptions.PROBE_INTERVAL.toMillis());
            }
        } finally {
            sent = background.stop();
        }
        alerts.awaitAll(refs, o.deadline());
        latencies(ctx, "latency", String.format("at %,.0f records/s background (%,d sent)", sent.rate(),
                sent.records()), probe.latenciesMillis(refs), refs.size());
        processing(ctx, "latency", probe.processingMillis(refs));
        ctx.results().put("latency.background.rate", "(d) background load reached", sent.rate(), "records/s",
                "meal reports through the client library, paced");
        drain(ctx, catchUp, "latency.drain", "(d) background worked off");
        return sent.records() + refs.size();
    }

    /** Probes while a backlog of another domain (meals) is worked off; returns the records it added. */
    private static long backlog(Context ctx, DropoutProbe probe, AlertWatch alerts, CatchUp catchUp) {
        BenchOptions o = ctx.options();
        Progress.say(String.format("(d) critical alert under a backlog of %,d meal reports ...", o.backlogRecords()));
        MealReports.burst(ctx.settings(), ctx.loaded().schools(), "bench-backlog", o.backlogRecords());
        List<String> refs = new ArrayList<>();
        for (int i = 0; i < o.backlogSamples(); i++) {
            refs.add(probe.post("backlog"));
            CatchUp.sleep(BenchOptions.PROBE_INTERVAL.toMillis());
        }
        alerts.awaitAll(refs, o.deadline());
        latencies(ctx, "backlog", String.format("posted right after %,d meal reports were loaded", o.backlogRecords()),
                probe.latenciesMillis(refs), refs.size());
        processing(ctx, "backlog", probe.processingMillis(refs));
        drain(ctx, catchUp, "backlog.drain", "(d) backlog worked off");
        return o.backlogRecords() + refs.size();
    }

    private static void latencies(Context ctx, String key, String note, List<Double> millis, int posted) {
        Results r = ctx.results();
        String arrived = millis.size() == posted ? posted + " samples" : millis.size() + " of " + posted
                + " alerts arrived within the deadline";
        String label = key.equals("latency") ? "(d) alert latency" : "(d) critical alert under backlog";
        r.put(key + ".p50", label + " p50", Percentiles.of(millis, 50), "ms", arrived + ", " + note);
        r.put(key + ".p99", label + " p99", Percentiles.of(millis, 99), "ms", "nearest rank");
        r.put(key + ".max", label + " max", millis.size() == posted ? Percentiles.of(millis, 100) : Double.NaN, "ms",
                millis.size() == posted ? "gateway 202 to DROPOUT_DETECTED on the alert topic"
                        : "missing: some alerts never came");
    }

    /** Where the time goes: until the pipeline processed the dropout, the rest being its commit and the read. */
    private static void processing(Context ctx, String key, List<Double> millis) {
        String label = key.equals("latency") ? "(d) alert latency" : "(d) critical alert under backlog";
        ctx.results().put(key + ".processed.p50", label + ", processed after, p50", Percentiles.of(millis, 50), "ms",
                "gateway 202 to the alert's openedAt (the pipeline's clock, same JVM); the rest is commit and read");
        ctx.results().put(key + ".processed.max", label + ", processed after, max", Percentiles.of(millis, 100), "ms",
                "the largest of the same");
    }

    private static void drain(Context ctx, CatchUp catchUp, String key, String label) {
        long start = System.nanoTime();
        long done = catchUp.awaitCaughtUp(ctx.options().quiet(), ctx.options().deadline());
        ctx.results().putCount(key, label, Math.max(0, Context.seconds(start, done)), "s",
                "after the last probe's alert, until lag 0 everywhere");
    }

    private static void awaitRunning(PipelineRun run, Duration deadline) {
        long giveUp = System.nanoTime() + deadline.toNanos();
        while (run.app().streams().state() != KafkaStreams.State.RUNNING) {
            run.app().requireRunning();
            if (System.nanoTime() > giveUp) {
                throw new IllegalStateException("the restarted pipeline did not reach RUNNING");
            }
            CatchUp.sleep(10);
        }
    }
}
