package org.ruraledu.bench;

import java.util.ArrayList;
import java.util.List;

/** The goals of issue 7, judged on this run's figures. */
final class Goals {
    /** One goal: what it asks, what was measured, and the verdict ("met", "not met", or why it cannot say). */
    record Goal(String goal, String measured, String verdict) {}

    static final long GOAL_RECORDS = 400_000;
    static final int GOAL_BACKGROUND = 10_000;

    private Goals() {}

    static List<Goal> judge(Results r) {
        List<Goal> goals = new ArrayList<>();
        double ratio = r.value("ratio.pipeline.baseline");
        goals.add(new Goal("full pipeline >= 1/2 of the baseline's rate", String.format("%.3f", ratio),
                verdict(ratio >= 0.5, ratio)));
        double rate = r.value("pipeline.rate");
        long records = (long) r.value("input.records");
        goals.add(new Goal("full pipeline >= 50,000 records/s on >= 400,000 records",
                String.format("%,.0f records/s on %,d records", rate, records),
                records < GOAL_RECORDS ? "not at the goal's size" : verdict(rate >= 50_000, rate)));
        double p99 = r.value("latency.p99");
        double background = r.value("latency.background.rate");
        goals.add(new Goal("alert p99 < 500 ms with 10,000 records/s background",
                String.format("p99 %.0f ms at %,.0f records/s", p99, background),
                background < GOAL_BACKGROUND * 0.95 ? "background below the goal's" : verdict(p99 < 500, p99)));
        double critical = r.value("backlog.max");
        goals.add(new Goal("DROPOUT_DETECTED < 2 s while a meal backlog is worked off",
                String.format("max %.0f ms", critical), verdict(critical < 2_000, critical)));
        double gateway = r.value("gateway.rate");
        goals.add(new Goal("gateway >= 20,000 records/s in batches of 500", String.format("%,.0f records/s", gateway),
                verdict(gateway >= 20_000, gateway)));
        double internal = r.value("internal.ratio");
        goals.add(new Goal("internal-topic bytes <= 3x input bytes", String.format("%.1fx", internal),
                verdict(internal <= 3, internal)));
        goals.add(stateGoal(r));
        return goals;
    }

    /**
     * State must grow with school days (the larger workload holds more) and not with records: extra records of
     * the same school days may add at most a twentieth of their share to it (dropout probes add a few pupils).
     */
    private static Goal stateGoal(Results r) {
        double a = r.value("state.a.live");
        double b = r.value("state.b.live");
        double share = r.value("state.records.share");
        boolean growsWithDays = r.value("state.marginal.per.school.day") > 0; // the larger holds more
        return new Goal("state grows with schools x days, not records",
                String.format("%.1f vs %.1f MiB for the two sizes; %.0f bytes per added school day; growth per "
                        + "record growth %.2f", a, b, r.value("state.marginal.per.school.day"), share),
                verdict(growsWithDays && share <= 0.05, a + b + share));
    }

    private static String verdict(boolean met, double value) {
        return Double.isFinite(value) ? (met ? "met" : "not met") : "not measured";
    }
}
