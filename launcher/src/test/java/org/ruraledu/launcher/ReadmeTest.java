package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;

/** The README is the operators' manual: every setting and every command must be in it. */
class ReadmeTest {
    private static String readme() throws Exception {
        return Files.readString(Path.of("..", "README.md"));
    }

    @Test
    void documentsEverySettingWithItsEnvironmentVariable() throws Exception {
        String readme = readme();
        for (String key : Settings.defaults().asMap().keySet()) {
            assertThat(readme).as("README documents %s (run tools/settings-table.py)", key)
                    .contains("`" + key + "`").contains("`" + Settings.envName(key) + "`");
        }
    }

    @Test
    void documentsEveryCommand() throws Exception {
        String readme = readme();
        for (String command : Main.commandLine().getSubcommands().keySet()) {
            if (!command.equals("help")) {
                assertThat(readme).as("README documents the %s command", command).contains("| `" + command);
            }
        }
    }

    @Test
    void theTestCommandIsWhatCiRuns() throws Exception {
        assertThat(Files.readString(Path.of("..", ".ci", "run"))).contains("mvn -B verify");
        assertThat(readme()).contains("mvn -B verify         # 2.");
    }
}
