package org.ruraledu.bench;

import java.io.PrintStream;
import java.util.List;

/** The one table the benchmark prints: every figure, then the goals. */
final class ReportTable {
    private ReportTable() {}

    static void print(Results r, List<Goals.Goal> goals, PrintStream out) {
        out.println();
        out.printf("ruraledu benchmark  %s  commit %s  %s%n", r.fact("date"), r.fact("commit"), r.fact("workload"));
        out.printf("records sent by the simulator: %s%n", r.fact("record mix"));
        out.printf("machine: %s cores, %s, %s; load average before the run %s%s%n", r.fact("cores"), r.fact("memory"),
                r.fact("java"), r.fact("load before run"), r.fact("note").isBlank() ? "" : "; " + r.fact("note"));
        r.facts().forEach((key, value) -> {
            if (key.startsWith("stopped early")) {
                out.printf("%s: %s (the figures of what did not run are missing)%n", key, value);
            }
        });
        out.println("-".repeat(118));
        out.printf("%-48s %20s  %s%n", "figure", "value", "how");
        out.println("-".repeat(118));
        for (Figure f : r.figures()) {
            out.printf("%-48s %20s  %s%n", f.label(), Format.withUnit(f), f.note());
        }
        out.println("-".repeat(118));
        out.printf("%-60s %-44s %s%n", "goal (issue 7)", "measured", "verdict");
        for (Goals.Goal g : goals) {
            out.printf("%-60s %-44s %s%n", g.goal(), g.measured(), g.verdict());
        }
        out.println();
    }
}
