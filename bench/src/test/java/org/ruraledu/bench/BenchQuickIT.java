package org.ruraledu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CI runs the harness end to end in --quick mode: every stage against a real broker, the real StreamsApp and the
 * real gateway. It checks that every figure is produced and the report is written, not how fast anything is.
 */
class BenchQuickIT {
    @Test
    void quickRunProducesEveryFigureAndTheReport(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("BENCHMARKS.md");
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        int exit = BenchMain.execute(new PrintStream(printed, true, StandardCharsets.UTF_8), "--quick", "--output",
                report.toString(), "--note", "CI");

        String table = printed.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(table).isZero();
        assertThat(table).contains("(a) raw: plain consumer", "(b) baseline: EOS count", "(c) full pipeline",
                "(d) alert latency p99", "(e) gateway", "(f) heap after GC", "(g) internal-topic bytes / input byte",
                "--quick: every figure was produced");
        String md = Files.readString(report);
        assertThat(md).contains("## Latest run", "### Goals (issue 7)", "## History", BenchmarksFile.START);
        assertThat(BenchmarksFile.previousRows(report)).hasSize(1).first().asString().contains("| quick |", "| CI |");
    }
}
