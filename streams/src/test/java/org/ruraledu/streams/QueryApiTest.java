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
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
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
        Set<String> cells = cells();
        assertThat(getJson("/v1/kpis?metric=meals.coverage&period=month")).as("districts, city and schools")
                .hasSize(count(cells, cell -> cell.contains("|month|")));
        assertThat(getJson("/v1/kpis?from=2026-03-03")).as("cells starting 03-03 x 2 metrics")
                .hasSize(2 * count(cells, cell -> cell.endsWith("|2026-03-03")))
                .allSatisfy(k -> assertThat(k.get("periodStart").asText()).isEqualTo("2026-03-03"));
        assertThat(getJson("/v1/kpis")).as("every cell x 2 metrics").hasSize(2 * cells.size());
    }

    @Test
    void kpisOfOneSchool() throws Exception {
        JsonNode w2 = getJson("/v1/kpis?scope=school:w2");
        assertThat(w2).as("its day, week, month and term x 2 metrics").hasSize(8)
                .allSatisfy(k -> assertThat(k.get("scope").asText()).isEqualTo("school:w2"));
        JsonNode term = getJson("/v1/kpis?scope=school:w2&metric=meals.coverage&period=term");
        assertThat(term).hasSize(1);
        assertThat(term.get(0).get("periodStart").asText()).isEqualTo("2026-03-02");
        assertThat(term.get(0).get("numerator").asDouble()).isEqualTo(45);
        assertThat(term.get(0).get("denominator").asDouble()).isEqualTo(50);
        assertThat(term.get(0).get("schools").asInt()).isEqualTo(1);
        assertThat(getJson("/v1/kpis?scope=school:nobody")).isEmpty();
    }

    /**
     * The cells ({@code scope|period|start}) the reports of {@link #start} count in, recounted: each school day in
     * its district, the city and its school, in its day, ISO week (from Monday 2 March), month and the spring term
     * (from 2 March).
     */
    private static Set<String> cells() {
        Set<String> cells = new TreeSet<>();
        Map<String, String> reports = Map.of("w1", "wendeng|2026-03-02", "w2", "wendeng|2026-03-03",
                "h1", "huancui|2026-03-02");
        reports.forEach((school, districtAndDay) -> {
            String district = districtAndDay.split("\\|")[0];
            String day = districtAndDay.split("\\|")[1];
            for (String scope : List.of(district, "city", "school:" + school)) {
                cells.addAll(List.of(scope + "|day|" + day, scope + "|week|2026-03-02", scope + "|month|2026-03-01",
                        scope + "|term|2026-03-02"));
            }
        });
        return cells;
    }

    private static int count(Set<String> cells, Predicate<String> which) {
        return (int) cells.stream().filter(which).count();
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
