package org.ruraledu.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BENCHMARKS.md: the latest run in full, and a history of one row per run kept across runs, so that figures
 * before and after a change sit side by side. A run with the same day, commit and label replaces its row.
 */
final class BenchmarksFile {
    static final String START = "<!-- history:start -->";
    static final String END = "<!-- history:end -->";
    private static final String[] HISTORY_COLUMNS = {"date", "commit", "label", "workload", "input records",
        "raw rec/s", "baseline rec/s", "pipeline rec/s", "pipeline / baseline", "pipeline / raw",
        "pipeline start-up s", "alert p99 ms", "background rec/s", "backlog alert max ms", "gateway rec/s",
        "internal / input bytes", "heap MiB", "RSS MiB", "state bytes per added school day", "note"};

    private BenchmarksFile() {}

    static void write(Path file, Results r, List<Goals.Goal> goals) throws IOException {
        List<String> history = new ArrayList<>(previousRows(file));
        String row = historyRow(r);
        history.removeIf(old -> sameRun(old, row));
        history.add(row);
        StringBuilder md = new StringBuilder();
        md.append(BenchmarksText.intro());
        latest(md, r, goals);
        md.append(BenchmarksText.method());
        md.append("\n## History\n\n").append(START).append('\n');
        md.append(tableRow(List.of(HISTORY_COLUMNS))).append(separator(HISTORY_COLUMNS.length));
        history.forEach(h -> md.append(h).append('\n'));
        md.append(END).append('\n');
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, md.toString());
    }

    private static void latest(StringBuilder md, Results r, List<Goals.Goal> goals) {
        md.append("\n## Latest run\n\n| | |\n|---|---|\n");
        for (var fact : r.facts().entrySet()) {
            md.append(tableRow(List.of(fact.getKey(), fact.getValue())));
        }
        md.append("\n### Figures\n\n").append(tableRow(List.of("figure", "value", "how"))).append(separator(3));
        for (Figure f : r.figures()) {
            md.append(tableRow(List.of(f.label(), Format.withUnit(f), f.note())));
        }
        md.append("\n### Goals (issue 7)\n\n").append(tableRow(List.of("goal", "measured", "verdict")))
                .append(separator(3));
        for (Goals.Goal g : goals) {
            md.append(tableRow(List.of(g.goal(), g.measured(), g.verdict())));
        }
    }

    private static String historyRow(Results r) {
        return tableRow(List.of(r.fact("date"), r.fact("commit"), r.fact("label"), r.fact("workload"),
                v(r, "input.records", "records"), v(r, "raw.rate", "records/s"), v(r, "baseline.rate", "records/s"),
                v(r, "pipeline.rate", "records/s"), v(r, "ratio.pipeline.baseline", "x"), v(r, "ratio.pipeline.raw", "x"),
                v(r, "pipeline.startup", "s"), v(r, "latency.p99", "ms"), v(r, "latency.background.rate", "records/s"),
                v(r, "backlog.max", "ms"), v(r, "gateway.rate", "records/s"), v(r, "internal.ratio", "x"),
                v(r, "memory.heap", "MiB"), v(r, "memory.rss", "MiB"), v(r, "state.marginal.per.school.day", "bytes"),
                r.fact("note"))).stripTrailing();
    }

    private static String v(Results r, String key, String unit) {
        return Format.value(r.value(key), unit);
    }

    /** Same day, commit and label: the first three cells, the date cut to its day. */
    private static boolean sameRun(String a, String b) {
        String[] x = a.split("\\|");
        String[] y = b.split("\\|");
        return x.length > 3 && y.length > 3 && x[1].trim().regionMatches(0, y[1].trim(), 0, 10)
                && x[2].trim().equals(y[2].trim()) && x[3].trim().equals(y[3].trim());
    }

    /** The data rows between the markers of an existing file; none if there is no file yet. */
    static List<String> previousRows(Path file) throws IOException {
        List<String> rows = new ArrayList<>();
        if (!Files.exists(file)) {
            return rows;
        }
        boolean inside = false;
        int seen = 0;
        for (String line : Files.readAllLines(file)) {
            if (line.equals(START)) {
                inside = true;
            } else if (line.equals(END)) {
                inside = false;
            } else if (inside && line.startsWith("|") && seen++ >= 2) { // after the header and its separator
                rows.add(line);
            }
        }
        return rows;
    }

    private static String tableRow(List<String> cells) {
        StringBuilder row = new StringBuilder("|");
        cells.forEach(c -> row.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |"));
        return row.append('\n').toString();
    }

    private static String separator(int columns) {
        return "|---".repeat(columns) + "|\n";
    }
}
