package org.ruraledu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The history survives every run: a new run adds its row, the same day, commit and label replace theirs. */
class BenchmarksFileTest {
    @Test
    void aRunAddsARowAndTheSameRunReplacesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("BENCHMARKS.md");
        BenchmarksFile.write(file, run("2026-12-01 10:00 UTC", "before", 870), List.of());
        BenchmarksFile.write(file, run("2026-12-01 11:00 UTC", "after", 60_000), List.of());
        BenchmarksFile.write(file, run("2026-12-01 12:00 UTC", "after", 61_000), List.of());

        List<String> rows = BenchmarksFile.previousRows(file);
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).contains("| before |", "| 870 |");
        assertThat(rows.get(1)).contains("2026-12-01 12:00 UTC", "| after |", "| 61,000 |");
    }

    private static Results run(String date, String label, double pipelineRate) {
        Results r = new Results();
        r.fact("date", date);
        r.fact("commit", "abc1234");
        r.fact("label", label);
        r.put("pipeline.rate", "(c) full pipeline", pipelineRate, "records/s", "");
        return r;
    }
}
