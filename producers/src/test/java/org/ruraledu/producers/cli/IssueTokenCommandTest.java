package org.ruraledu.producers.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruraledu.producers.gateway.TokenStore;
import org.ruraledu.producers.testing.Cli;

class IssueTokenCommandTest {
    @TempDir
    Path dir;

    @Test
    void printsTheTokenOnceAndStoresOnlyItsHash() throws Exception {
        Path tokens = dir.resolve("tokens.properties");
        Path config = Files.writeString(dir.resolve("ruraledu.properties"), "gateway.tokens.file=" + tokens + "\n");

        Cli.Run run = Cli.run(new TokenCommand(), "issue", "--config", config.toString(), "--school", "S042");

        assertThat(run.exitCode()).as(run.err()).isZero();
        String token = run.out().trim();
        assertThat(token).matches("rte_[A-Za-z0-9_-]{43}");
        assertThat(run.err()).contains("S042", "not shown again");
        assertThat(Files.readString(tokens)).doesNotContain(token.substring(4)).contains("=S042");
        assertThat(new TokenStore(tokens).schoolOf(token)).contains("S042");
    }

    @Test
    void withoutSubcommandOrSchoolItFailsWithOneLine() {
        Cli.Run bare = Cli.run(new TokenCommand());
        assertThat(bare.exitCode()).isEqualTo(2);
        assertThat(bare.err().lines()).singleElement().asString().startsWith("token: missing subcommand");

        Cli.Run noSchool = Cli.run(new TokenCommand(), "issue");
        assertThat(noSchool.exitCode()).isEqualTo(2);
        assertThat(noSchool.err().lines()).singleElement().asString().contains("--school");
    }
}
