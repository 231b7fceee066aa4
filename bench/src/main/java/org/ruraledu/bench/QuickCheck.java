package org.ruraledu.bench;

import java.util.List;

/** The figures --quick insists on: one per stage and kind of measure, so a stage that silently broke shows. */
final class QuickCheck {
    static final List<String> REQUIRED = List.of("input.records", "input.bytes", "raw.rate", "baseline.rate",
            "baseline.startup", "pipeline.rate", "pipeline.startup", "pipeline.restart", "memory.heap", "memory.rss",
            "internal.ratio", "internal.per.record", "state.a.live", "state.a.disk", "latency.p50", "latency.p99",
            "latency.max", "latency.background.rate", "backlog.p50", "backlog.max", "gateway.rate", "state.a2.live",
            "state.b.live", "state.b.disk", "ratio.pipeline.baseline", "ratio.pipeline.raw", "state.a.per.school.day",
            "state.b.per.school.day");

    private QuickCheck() {}
}
