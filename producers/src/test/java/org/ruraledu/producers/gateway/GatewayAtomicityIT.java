package org.ruraledu.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ruraledu.contract.Json;
import org.ruraledu.producers.client.SchoolClient;
import org.ruraledu.producers.testing.GatewayClient;
import org.ruraledu.producers.testing.KafkaTopics;
import org.ruraledu.producers.testing.TestData;
import org.ruraledu.producers.testing.TestSettings;
import org.ruraledu.records.InputKind;

/**
 * A request is all or nothing even when Kafka refuses a record after it took the ones before: here the producer
 * may not send records over 1,000 bytes, so the third record of a valid request fails inside the transaction.
 */
class GatewayAtomicityIT {
    @TempDir
    static Path dir;

    private static Gateway gateway;
    private static GatewayClient http;
    private static String school;
    private static String token;

    @BeforeAll
    static void start() {
        school = TestData.uniqueSchoolId();
        try (SchoolClient registry = new SchoolClient(TestSettings.sharedBroker(Map.of()))) {
            registry.sendAll(List.of(TestData.record(InputKind.SCHOOL_REGISTRY, TestData.school(school, true))));
        }
        Path tokens = dir.resolve("tokens.properties");
        token = new TokenStore(tokens).issue(school);
        gateway = Gateway.start(TestSettings.gateway(tokens, Map.of("kafka.max.request.size", "1000",
                "gateway.producers", "1")));
        http = new GatewayClient(gateway.url());
    }

    @AfterAll
    static void stop() {
        gateway.close();
    }

    @Test
    void aRecordKafkaRefusesMidwayLeavesNothingOfTheRequestVisible() {
        String body = Json.MAPPER.createArrayNode().add(TestData.climate(school)).add(TestData.climate(school))
                .add(TestData.climate(school).put("roomId", "R".repeat(2_000))).toString();

        HttpResponse<String> response = http.post(school, "climate-readings", body, token);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(GatewayClient.json(response).get("error").asText())
                .contains("RecordTooLargeException", "nothing of this request was stored");
        assertThat(KafkaTopics.committedFor(InputKind.CLIMATE_READINGS.topic().name(), school)).isEmpty();

        // The aborted transaction left the producer usable: the next request goes through whole.
        String next = Json.MAPPER.createArrayNode().add(TestData.climate(school)).add(TestData.climate(school))
                .toString();
        assertThat(http.post(school, "climate-readings", next, token).statusCode()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(KafkaTopics.committedFor(InputKind.CLIMATE_READINGS.topic().name(), school)).hasSize(2));
    }
}
