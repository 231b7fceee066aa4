package org.ruraledu.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruraledu.config.Settings;
import org.ruraledu.embedded.EmbeddedBroker;
import org.ruraledu.producers.client.SchoolClient;
import org.ruraledu.producers.testing.GatewayClient;
import org.ruraledu.producers.testing.TestData;
import org.ruraledu.records.InputKind;

/** With its own broker, which the test stops: health and ingest say 503 instead of hanging or lying. */
class GatewayKafkaDownIT {
    @TempDir
    Path dir;

    @Test
    void whenKafkaIsGoneHealthAndIngestAnswer503() {
        EmbeddedBroker broker = EmbeddedBroker.start(EmbeddedBroker.Options.ephemeral());
        broker.createContractTopics(1);
        Settings settings = Settings.defaults().with("bootstrap.servers", broker.bootstrapServers())
                .with("gateway.port", "0").with("gateway.tokens.file", dir.resolve("tokens").toString())
                .with("gateway.kafka.timeout", "PT2S").with("gateway.instance.id", "down-test");
        String school = TestData.uniqueSchoolId();
        try (SchoolClient registry = new SchoolClient(settings)) {
            registry.sendAll(List.of(TestData.record(InputKind.SCHOOL_REGISTRY, TestData.school(school, true))));
        }
        String token = new TokenStore(dir.resolve("tokens")).issue(school);

        try (Gateway gateway = Gateway.start(settings)) {
            GatewayClient http = new GatewayClient(gateway.url());
            assertThat(http.get("/v1/health").statusCode()).isEqualTo(200);
            assertThat(http.post(school, "meal-reports", TestData.meal(school).toString(), token).statusCode())
                    .isEqualTo(202);

            broker.close();

            HttpResponse<String> health = http.get("/v1/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(GatewayClient.json(health).at("/kafka/status").asText()).isEqualTo("DOWN");
            for (int attempt = 0; attempt < 2; attempt++) { // first with the producer it had, then with a new one
                HttpResponse<String> ingest = http.post(school, "meal-reports", TestData.meal(school).toString(), token);
                assertThat(ingest.statusCode()).as(ingest.body()).isEqualTo(503);
                assertThat(GatewayClient.json(ingest).get("error").asText()).contains("Kafka");
            }
            // A school it has not seen cannot be looked up: that is Kafka's fault, not the school's (no 400).
            String unseen = TestData.uniqueSchoolId();
            HttpResponse<String> unknown = http.post(unseen, "meal-reports", TestData.meal(unseen).toString(),
                    new TokenStore(dir.resolve("tokens")).issue(unseen));
            assertThat(unknown.statusCode()).isEqualTo(503);
            assertThat(GatewayClient.json(unknown).get("error").asText()).contains("school registry");
        }
    }
}
