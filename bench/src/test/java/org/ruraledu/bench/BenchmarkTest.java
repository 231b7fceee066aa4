package org.ruraledu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A stage that fails leaves what was measured, and says why the rest is missing. */
class BenchmarkTest {
    @Test
    void aFailingPartIsWrittenDownAndTheRunGoesOn() {
        Results r = new Results();
        Benchmark.attempt(r, "main workload", () -> {
            r.put("raw.rate", "(a) raw", 5, "records/s", "measured before the failure");
            throw new IllegalStateException("streams application did not reach lag 0 in time");
        });
        Benchmark.attempt(r, "second workload", () -> r.put("state.b.live", "(g) live", 1, "MiB", ""));

        assertThat(r.value("raw.rate")).isEqualTo(5);
        assertThat(r.value("state.b.live")).as("the next part still ran").isEqualTo(1);
        assertThat(r.value("pipeline.rate")).isNaN();
        assertThat(r.facts()).containsEntry("stopped early (main workload)",
                "IllegalStateException: streams application did not reach lag 0 in time");
    }

    @Test
    void aPartialRunIsStillJudgedPrintedAndWritten(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        Results r = new Results();
        r.fact("date", "2026-12-01 10:00 UTC");
        Benchmark.attempt(r, "main workload", () -> {
            throw new IllegalStateException("too slow");
        });
        Ratios.add(r, BenchOptions.quick());
        java.util.List<Goals.Goal> goals = Goals.judge(r);
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        ReportTable.print(r, goals, new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        java.nio.file.Path file = dir.resolve("BENCHMARKS.md");
        BenchmarksFile.write(file, r, goals);

        assertThat(java.nio.file.Files.readString(file)).contains("stopped early (main workload)", "too slow");
        assertThat(printed.toString(java.nio.charset.StandardCharsets.UTF_8)).contains("stopped early");
    }
}
