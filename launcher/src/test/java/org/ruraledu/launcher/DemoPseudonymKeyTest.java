package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruraledu.config.Settings;
import org.ruraledu.records.StudentRefs;

/** A second demo run over the same data must give every pupil the ref of the first run, or cases double. */
class DemoPseudonymKeyTest {
    private static final String PUPIL = "G370102201001011234";

    private static Settings demo(Path dataDir) {
        return Settings.defaults().with(LocalPipeline.dataDirSettings(dataDir)).with("pseudonym.key", "");
    }

    private static String refOfPupil(Settings settings) {
        return StudentRefs.fromConfig(DemoPseudonymKey.resolve(settings)).refOf(PUPIL);
    }

    @Test
    void twoRunsOnTheSameDataGiveThePupilTheSameRef(@TempDir Path dataDir) {
        String firstRun = refOfPupil(demo(dataDir));
        String secondRun = refOfPupil(demo(dataDir));

        assertThat(secondRun).isEqualTo(firstRun);
        assertThat(Files.exists(dataDir.resolve("demo-pseudonym.key"))).isTrue();
    }

    @Test
    void theKeyIsRandomPerDataDirectoryAndReadableByItsOwnerOnly(@TempDir Path one, @TempDir Path other)
            throws Exception {
        assertThat(refOfPupil(demo(one))).isNotEqualTo(refOfPupil(demo(other)));

        Path file = DemoPseudonymKey.file(demo(one));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        String text = Files.readString(file).trim();
        assertThat(text).startsWith("base64:");
        assertThat(Base64.getDecoder().decode(text.substring("base64:".length()))).hasSize(32);
    }

    @Test
    void freshDeletesTheKeyWithTheDataItsRefsAreIn(@TempDir Path dataDir) throws Exception {
        Settings settings = demo(dataDir);
        String before = refOfPupil(settings);

        RunCommand.deleteState(settings);

        assertThat(Files.exists(DemoPseudonymKey.file(settings))).isFalse();
        assertThat(refOfPupil(settings)).isNotEqualTo(before);
    }

    @Test
    void aConfiguredKeyWinsAndNoDemoKeyIsWritten(@TempDir Path dataDir) {
        String bureauKey = "an-example-key-of-at-least-32-bytes!!";
        Settings settings = demo(dataDir).with("pseudonym.key", bureauKey);

        assertThat(DemoPseudonymKey.resolve(settings)).isEqualTo(bureauKey);
        assertThat(Files.exists(DemoPseudonymKey.file(settings))).isFalse();
    }

    @Test
    void anUnusableKeyFileStopsTheRunNamingTheFile(@TempDir Path dataDir) throws Exception {
        Path file = DemoPseudonymKey.file(demo(dataDir));
        Files.writeString(file, "base64:c2hvcnQ=\n");

        assertThatThrownBy(() -> DemoPseudonymKey.resolve(demo(dataDir)))
                .hasMessageContaining(file.toString()).hasMessageContaining("--fresh");
    }
}
