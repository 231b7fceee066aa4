package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MainTest {

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        CommandLine cli = Main.commandLine();
        cli.setOut(new java.io.PrintWriter(new PrintStream(out, true, StandardCharsets.UTF_8), true));
        cli.setErr(new java.io.PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
        int exit = cli.execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void listsEveryCommandOfTheContract() {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("run", "streams", "gateway", "submit", "token", "simulate", "alerts");
    }

    @Test
    void aFailingCommandExitsNonZeroWithOneLineNamingTheProblem(@TempDir Path dir) {
        Run missing = run("submit", "--kind", "meal-reports", dir.resolve("nope.jsonl").toString());
        assertThat(missing.exit()).isNotZero();
        assertThat(missing.err().strip()).doesNotContain("\n").contains("nope.jsonl");

        Run badKind = run("submit", "--kind", "lunches", "x.jsonl");
        assertThat(badKind.exit()).isNotZero();
        assertThat(badKind.err().strip()).doesNotContain("\n").contains("lunches");
    }

    @Test
    void simulateRefusesToRunWithoutAPseudonymKey(@TempDir Path dir) throws Exception {
        Path config = Files.writeString(dir.resolve("c.properties"), "pseudonym.key=\n");
        Run run = run("simulate", "--config", config.toString(), "--bootstrap-servers", "127.0.0.1:1");
        assertThat(run.exit()).isNotZero();
        assertThat(run.err().strip()).doesNotContain("\n").contains("RURALEDU_PSEUDONYM_KEY");
    }
}
