package org.ruraledu.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.ruraledu.serde.AvroTrust;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bench/run}: measures the pipeline against the raw limit and an exactly-once baseline on one broker,
 * prints one table and writes BENCHMARKS.md. Exits 0 when every stage ran (goals missed are reported, not
 * failed); with --quick, also fails if any figure is missing.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks ruraledu: raw consumer, exactly-once baseline and the full pipeline on the same "
                + "records and broker, alert latency, gateway rate, memory, internal bytes and state.")
public final class BenchMain implements Callable<Integer> {
    @Option(names = "--quick", description = "Tiny workload, every stage, under a minute: checks the harness works, not the speed.")
    boolean quick;

    @Option(names = "--schools", description = "Simulated schools (default: 8000, about 410,000 records; --quick: 20).")
    Integer schools;

    @Option(names = "--days", description = "Simulated school days (default: 40; --quick: 3).")
    Integer days;

    @Option(names = "--size2-schools", description = "Schools of the second workload for state growth (default: half).")
    Integer size2Schools;

    @Option(names = "--size2-days", description = "Days of the second workload (default: the same).")
    Integer size2Days;

    @Option(names = "--climate-schools", description = "Share of the heating schools that send a school day of "
            + "classroom readings, every room every 5 minutes (default: 0.05; --quick: 0.5).")
    Double climateSchools;

    @Option(names = "--samples", description = "Dropouts timed under background load (default: 50; --quick: 3).")
    Integer samples;

    @Option(names = "--background-rate", description = "Meal reports/s beside them (default: 10000; --quick: 1000).")
    Integer backgroundRate;

    @Option(names = "--trace", description = "Print every change of lag and outputs while a stage catches up.")
    boolean trace;

    @Option(names = "--config", paramLabel = "FILE", description = "Settings file layered over the defaults.")
    Path config;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Markdown report (default: BENCHMARKS.md; --quick: BENCHMARKS-quick.md in the temp dir).")
    Path output;

    @Option(names = "--label", defaultValue = "", description = "Names the run in the history, e.g. before, after.")
    String label;

    @Option(names = "--note", defaultValue = "", description = "A note for the history row, e.g. 'machine shared'.")
    String note;

    private final PrintStream out;
    private final String commandLine;

    BenchMain(PrintStream out, String commandLine) {
        this.out = out;
        this.commandLine = commandLine;
    }

    public static void main(String[] args) {
        System.exit(execute(System.out, args));
    }

    /** Runs one command line and returns its exit code (the IT calls this: it must not exit the JVM). */
    static int execute(PrintStream out, String... args) {
        AvroTrust.ensureInstalled();
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        return new CommandLine(new BenchMain(out, ("bench/run " + String.join(" ", args)).trim())).execute(args);
    }

    @Override
    public Integer call() throws Exception {
        BenchOptions o = options();
        Progress.tracing = trace;
        Results results = Benchmark.run(o, commandLine, label.isBlank() ? (quick ? "quick" : "run") : label, note);
        List<Goals.Goal> goals = Goals.judge(results);
        ReportTable.print(results, goals, out);
        Path file = output != null ? output
                : quick ? Path.of(System.getProperty("java.io.tmpdir"), "BENCHMARKS-quick.md") : Path.of("BENCHMARKS.md");
        BenchmarksFile.write(file, results, goals);
        out.println("written: " + file.toAbsolutePath());
        if (results.facts().keySet().stream().anyMatch(key -> key.startsWith("stopped early"))) {
            return 1; // written all the same: the figures measured before the failure are worth keeping
        }
        if (quick) {
            List<String> missing = results.missing(QuickCheck.REQUIRED);
            if (!missing.isEmpty()) {
                out.println("--quick: figures missing: " + missing);
                return 1;
            }
            out.println("--quick: every figure was produced");
        }
        return 0;
    }

    private BenchOptions options() {
        BenchOptions d = quick ? BenchOptions.quick() : BenchOptions.full(8000, 40);
        int n = schools != null ? schools : d.schools();
        int days = this.days != null ? this.days : d.days();
        return new BenchOptions(n, days, d.faults(), size2Schools != null ? size2Schools : Math.max(8, n / 2),
                size2Days != null ? size2Days : days, samples != null ? samples : d.latencySamples(),
                backgroundRate != null ? backgroundRate : d.backgroundRate(), d.backlogRecords(), d.backlogSamples(),
                d.gatewayRequests(), d.gatewayBatch(), d.gatewayConcurrency(), d.quiet(), d.deadline(), config,
                climateSchools != null ? climateSchools : d.climateSchools());
    }
}
