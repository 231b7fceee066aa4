package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Json;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.streams.query.QueryApi;
import org.ruraledu.streams.query.QueryStores;

/** The query API over the stores of the production topology (run in a TopologyTestDriver). */
class QueryApiTest {
    private static TopologyFixture fx;
    private static QueryApi api;
    private static final HttpClient http = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        fx = new TopologyFixture(List.of(new Meals()));
        fx.register(school("w1", "wendeng"), school("w2", "wendeng"), school("h1", "huancui"));
        fx.report(meal("a", "w1", "2026-03-02", 100, 100, 0), meal("b", "w2", "2026-03-03", 50, 45, 0),
                meal("c", "h1", "2026-03-02", 80, 80, 1), meal("c2", "h1", "2026-03-02", 80, 80, 0));
        fx.reportRaw(TopologyFixture.key("w1"), new byte[] {0}, null);
        QueryStores stores = fx.queryStores();
        api = QueryApi.start("127.0.0.1", 0, stores, fx.meters);
    }

    @AfterAll
    static void stop() {
        api.close();
        fx.close();
    }

    @Test
    void kpisFilteredByScopeMetricPeriodAndDates() throws Exception {
        JsonNode body = getJson("/v1/kpis?scope=wendeng&metric=meals.coverage&period=day&from=2026-03-03&to=2026-03-03");
        assertThat(body).hasSize(1);
        JsonNode kpi = body.get(0);
        assertThat(kpi.get("scope").asText()).isEqualTo("wendeng");
        assertThat(kpi.get("periodStart").asText()).isEqualTo("2026-03-03");
        assertThat(kpi.get("numerator").asDouble()).isEqualTo(45);
        assertThat(kpi.get("denominator").asDouble()).isEqualTo(50);
        assertThat(kpi.get("status").asText()).isEqualTo("SLIPPED");

        assertThat(getJson("/v1/kpis?scope=wendeng&metric=meals.coverage&period=day")).hasSize(2);
        assertThat(getJson("/v1/kpis?metric=meals.coverage&period=month")).hasSize(3);
        assertThat(getJson("/v1/kpis?from=2026-03-03")).as("wendeng and city on 03-03 x 2 metrics").hasSize(4)
                .allSatisfy(k -> assertThat(k.get("periodStart").asText()).isEqualTo("2026-03-03"));
        assertThat(getJson("/v1/kpis")).as("8 cells x 2 metrics").hasSize(16);
    }

    @Test
    void badParametersAnswer400WithAReason() throws Exception {
        HttpResponse<String> response = get("/v1/kpis?from=March");
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(Json.MAPPER.readTree(response.body()).get("error").asText()).contains("from", "YYYY-MM-DD");
        assertThat(get("/v1/alerts?state=MAYBE").statusCode()).isEqualTo(400);
        assertThat(get("/v1/alerts?district=atlantis").statusCode()).isEqualTo(400);
    }

    @Test
    void openAlertsByDistrict() throws Exception {
        JsonNode open = getJson("/v1/alerts?state=OPEN&district=wendeng");
        assertThat(open).hasSize(1);
        assertThat(open.get(0).get("type").asText()).isEqualTo("MEAL_GAP");
        assertThat(open.get(0).get("state").asText()).isEqualTo("OPEN");
        assertThat(open.get(0).get("message").get("zh").asText()).contains("午餐缺口");
        assertThat(getJson("/v1/alerts")).hasSize(1);
        assertThat(getJson("/v1/alerts?district=huancui")).isEmpty();
        assertThat(getJson("/v1/alerts?state=RESOLVED")).hasSize(1);
    }

    @Test
    void metricsInPrometheusText() throws Exception {
        HttpResponse<String> response = get("/metrics");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
        assertThat(response.body()).contains("ruraledu_dead_letters_total{error=\"DECODE\",topic=\"ruraledu.meal-reports.v1\"} 1.0");
    }

    private static JsonNode getJson(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = get(path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
