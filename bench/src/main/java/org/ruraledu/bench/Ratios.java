package org.ruraledu.bench;

/** Figures derived from the measured ones: the ratios the issue asks for beside the absolute numbers. */
final class Ratios {
    private Ratios() {}

    static void add(Results r, BenchOptions o) {
        r.fact("live state by store, KiB (main / main + extra records / second)", byStore(r));
        double pipeline = r.value("pipeline.rate");
        r.put("ratio.pipeline.baseline", "pipeline / baseline", pipeline / r.value("baseline.rate"), "x",
                "records/s of (c) over (b)");
        r.put("ratio.pipeline.raw", "pipeline / raw", pipeline / r.value("raw.rate"), "x", "records/s of (c) over (a)");
        r.put("ratio.baseline.raw", "baseline / raw", r.value("baseline.rate") / r.value("raw.rate"), "x",
                "records/s of (b) over (a)");
        double daysA = (double) o.schools() * o.days();
        double daysB = (double) o.size2Schools() * o.size2Days();
        double bytesA = r.value("state.a.live") * 1048576;
        double bytesB = r.value("state.b.live") * 1048576;
        r.put("state.a.per.school.day", "(g) live state per school day, main", bytesA / daysA, "bytes",
                o.schools() + " x " + o.days() + " school days");
        r.put("state.b.per.school.day", "(g) live state per school day, second", bytesB / daysB, "bytes",
                o.size2Schools() + " x " + o.size2Days() + " school days");
        // What one more school day costs, without the fixed part (district and city rollups, KPIs).
        r.putCount("state.marginal.per.school.day", "(g) live state per added school day", (bytesA - bytesB)
                / (daysA - daysB), "bytes", "difference of the two sizes over the difference of their school days");
        // 0: extra records of the same school days leave state as it was; 1: state grows with records.
        double stateGrowth = r.value("state.a2.live") / r.value("state.a.live") - 1;
        double recordGrowth = r.value("state.a2.extra.records") / r.value("input.records");
        r.putCount("state.records.share", "(g) state growth per record growth", stateGrowth / recordGrowth, "x",
                String.format("state +%.1f%% for records +%.1f%% (same school days)", 100 * stateGrowth,
                        100 * recordGrowth));
    }

    /** e.g. "meals-latest-report-store 4,100 / 6,900 / 2,050; ..." */
    private static String byStore(Results r) {
        StringBuilder text = new StringBuilder();
        r.breakdown("state.a").forEach((store, bytes) -> text.append(text.length() == 0 ? "" : "; ").append(store)
                .append(' ').append(kib(bytes)).append(" / ").append(kib(r.breakdown("state.a2").get(store)))
                .append(" / ").append(kib(r.breakdown("state.b").get(store))));
        return text.toString();
    }

    private static String kib(Long bytes) {
        return bytes == null ? "-" : String.format("%,d", bytes / 1024);
    }
}
