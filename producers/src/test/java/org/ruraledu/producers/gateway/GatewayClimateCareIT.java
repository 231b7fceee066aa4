package org.ruraledu.producers.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.ClimateReading;

/**
 * The gateway at its default limits taking what classroom sensors send: a batch of readings in one request (a
 * school system forwarding its rooms' last hours), and a monthly care report. The refusals of bad readings and
 * care reports are among {@link GatewayIT}'s invalid requests.
 */
class GatewayClimateCareIT {
    @TempDir
    static Path dir;

    private static SchoolClient registry;
    private static TokenStore tokens;
    private static Gateway gateway;
    private static GatewayClient http;

    @BeforeAll
    static void start() {
        Path tokenFile = dir.resolve("tokens.properties");
        registry = new SchoolClient(TestSettings.sharedBroker(Map.of()));
        tokens = new TokenStore(tokenFile);
        gateway = Gateway.start(TestSettings.gateway(tokenFile, Map.of()));
        http = new GatewayClient(gateway.url());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        registry.close();
    }

    private static GatewayIT.School newSchool() {
        String id = TestData.uniqueSchoolId();
        registry.sendAll(List.of(TestData.record(InputKind.SCHOOL_REGISTRY, TestData.school(id, true))));
        return new GatewayIT.School(id, tokens.issue(id));
    }

    @Test
    void acceptsFiveHundredReadingsInOneRequestAllOrNothing() {
        GatewayIT.School school = newSchool();
        // 10 rooms x 50 readings 5 minutes apart, the last an hour ago: readingId {school}-{room}-{epochMinute}.
        Instant last = Instant.now().truncatedTo(ChronoUnit.MINUTES).minus(Duration.ofHours(1));
        ArrayNode batch = Json.MAPPER.createArrayNode();
        List<String> ids = new ArrayList<>();
        for (int room = 1; room <= 10; room++) {
            for (int i = 0; i < 50; i++) {
                Instant at = last.minus(Duration.ofMinutes(5L * i));
                String roomId = String.format("R%02d", room);
                String id = school.id() + "-" + roomId + "-" + at.getEpochSecond() / 60;
                ObjectNode reading = TestData.climate(school.id()).put("readingId", id).put("roomId", roomId)
                        .put("measuredAt", at.toString()).put("temperatureC", 14 + (i % 70) / 10.0);
                batch.add(reading);
                ids.add(id);
            }
        }

        HttpResponse<String> response = http.post(school.id(), "climate-readings", batch.toString(), school.token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode body = GatewayClient.json(response);
        assertThat(body.get("accepted").asInt()).isEqualTo(500);
        List<String> answered = new ArrayList<>();
        body.get("ids").forEach(id -> answered.add(id.asText()));
        assertThat(answered).isEqualTo(ids);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            List<String> written = KafkaTopics.committedFor(InputKind.CLIMATE_READINGS.topic().name(), school.id())
                    .stream().map(r -> ((ClimateReading) InputKind.CLIMATE_READINGS.topic().valueSerde().deserializer()
                            .deserialize(r.topic(), r.value())).getReadingId()).toList();
            assertThat(written).isEqualTo(ids); // one school, one partition: in the order sent
        });

        // One bad reading among 500: 400 naming it, and nothing of the request written.
        GatewayIT.School other = newSchool();
        ArrayNode bad = Json.MAPPER.createArrayNode();
        for (int i = 0; i < 500; i++) {
            bad.add(TestData.climate(other.id()).put("temperatureC", i == 321 ? 75 : 19.5));
        }
        HttpResponse<String> refused = http.post(other.id(), "climate-readings", bad.toString(), other.token());
        assertThat(refused.statusCode()).as(refused.body()).isEqualTo(400);
        assertThat(GatewayClient.json(refused).get("errors")).singleElement().satisfies(e -> {
            assertThat(e.get("index").asInt()).isEqualTo(321);
            assertThat(e.get("field").asText()).isEqualTo("temperatureC");
            assertThat(e.get("message").asText()).isEqualTo("must be a temperature between -40 and 60 °C, got 75.0");
        });
        assertThat(KafkaTopics.committedFor(InputKind.CLIMATE_READINGS.topic().name(), other.id())).isEmpty();
    }

    @Test
    void acceptsAMonthlyCareReportAndItsCorrection() {
        GatewayIT.School school = newSchool();
        ObjectNode report = TestData.care(school.id()).put("contacted", 26).put("careRoomOperating", false);
        ObjectNode correction = report.deepCopy().put("reportId", TestData.uniqueId("care")).put("contacted", 30)
                .put("careRoomOperating", true);

        HttpResponse<String> response = http.post(school.id(), "care-reports", "[" + report + "," + correction + "]",
                school.token());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(GatewayClient.json(response).get("accepted").asInt()).isEqualTo(2);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(KafkaTopics.committedFor(
                InputKind.CARE_REPORTS.topic().name(), school.id())).extracting(r -> (CareReport) InputKind.CARE_REPORTS
                        .topic().valueSerde().deserializer().deserialize(r.topic(), r.value()))
                .extracting(CareReport::getContacted, CareReport::getCareRoomOperating)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(26, false),
                        org.assertj.core.groups.Tuple.tuple(30, true)));
    }
}
