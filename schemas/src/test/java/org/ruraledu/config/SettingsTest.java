package org.ruraledu.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SettingsTest {

    @Test
    void layersDefaultsFileEnvironmentAndOverridesInThatOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("ruraledu.properties");
        Files.writeString(file, "gateway.port=9000\nquery.port=9001\nkafka.security.protocol=SSL\n");
        Settings settings = Settings.load(file, Map.of("RURALEDU_QUERY_PORT", "9002",
                "RURALEDU_KAFKA_SASL_MECHANISM", "PLAIN"), Map.of("streams.threads", "4"));

        assertThat(settings.getInt("broker.port")).isEqualTo(9092);      // default
        assertThat(settings.getInt("gateway.port")).isEqualTo(9000);     // file
        assertThat(settings.getInt("query.port")).isEqualTo(9002);       // environment beats file
        assertThat(settings.getInt("streams.threads")).isEqualTo(4);     // override beats all
        assertThat(settings.kafkaClientProperties()).containsEntry("security.protocol", "SSL")
                .containsEntry("sasl.mechanism", "PLAIN").containsEntry("bootstrap.servers", "127.0.0.1:9092");
    }

    @Test
    void aTypoInTheFileIsAnErrorNotASilentDefault(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.properties");
        Files.writeString(file, "gateway.prot=9000\n");
        assertThatThrownBy(() -> Settings.load(file, Map.of(), Map.of()))
                .hasMessageContaining("unknown setting 'gateway.prot'");
    }

    @Test
    void badValuesNameTheSetting() {
        Settings settings = Settings.defaults().with("gateway.port", "eighty");
        assertThatThrownBy(() -> settings.getInt("gateway.port")).hasMessageContaining("'gateway.port'");
        assertThat(Settings.envName("dropout.followup.limit.days")).isEqualTo("RURALEDU_DROPOUT_FOLLOWUP_LIMIT_DAYS");
    }
}
