package org.ruraledu.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    @TempDir
    Path dir;

    @Test
    void issuedTokenIdentifiesItsSchoolAndOnlyItsHashIsStored() throws Exception {
        TokenStore store = new TokenStore(dir.resolve("sub/tokens.properties"));
        String token = store.issue("S001");

        assertThat(token).startsWith(TokenStore.PREFIX).hasSize(TokenStore.PREFIX.length() + 43)
                .matches("rte_[A-Za-z0-9_-]{43}");
        assertThat(store.schoolOf(token)).contains("S001");
        String file = Files.readString(dir.resolve("sub/tokens.properties"));
        assertThat(file).doesNotContain(token).doesNotContain(token.substring(TokenStore.PREFIX.length()))
                .contains(java.util.HexFormat.of().formatHex(TokenStore.sha256(token)) + "=S001");
    }

    @Test
    void tokenFileIsReadableByItsOwnerOnly() throws Exception {
        Path file = dir.resolve("tokens.properties");
        new TokenStore(file).issue("S001");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    }

    @Test
    void unknownMalformedAndMissingTokensAreRefused() {
        TokenStore store = new TokenStore(dir.resolve("tokens.properties"));
        assertThat(store.schoolOf("rte_nothing")).isEmpty(); // no file yet
        String token = store.issue("S001");
        assertThat(store.schoolOf(token + "x")).isEmpty();
        assertThat(store.schoolOf(token.substring(TokenStore.PREFIX.length()))).isEmpty();
        assertThat(store.schoolOf("")).isEmpty();
        assertThat(store.schoolOf(null)).isEmpty();
    }

    @Test
    void aRunningVerifierSeesTokensIssuedLaterBySomeoneElse() {
        Path file = dir.resolve("tokens.properties");
        TokenStore gateway = new TokenStore(file);
        TokenStore cli = new TokenStore(file);
        String first = cli.issue("S001");
        assertThat(gateway.schoolOf(first)).contains("S001");

        String second = cli.issue("S002");
        String rotated = cli.issue("S001");
        assertThat(gateway.schoolOf(second)).contains("S002");
        assertThat(gateway.schoolOf(rotated)).contains("S001");
        assertThat(gateway.schoolOf(first)).contains("S001");
    }

    @Test
    void tokensAreRandom() {
        TokenStore store = new TokenStore(dir.resolve("tokens.properties"));
        assertThat(store.issue("S001")).isNotEqualTo(store.issue("S001"));
    }

    @Test
    void schoolIdsWithPropertiesSyntaxSurviveTheFile() {
        TokenStore store = new TokenStore(dir.resolve("tokens.properties"));
        String token = store.issue("威海 school=1:#2");
        assertThat(new TokenStore(dir.resolve("tokens.properties")).schoolOf(token)).contains("威海 school=1:#2");
    }

    @Test
    void blankSchoolIsRefused() {
        assertThatThrownBy(() -> new TokenStore(dir.resolve("t")).issue(" "))
                .hasMessageContaining("school");
    }
}
