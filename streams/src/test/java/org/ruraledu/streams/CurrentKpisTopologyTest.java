package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.schemas.StudentStatus.DROPPED_OUT;
import static org.ruraledu.streams.DropoutInput.enrollment;
import static org.ruraledu.streams.DropoutInput.status;
import static org.ruraledu.streams.TopologyFixture.school;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Json;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.dropout.DropoutKpis;
import org.ruraledu.streams.kpi.Kpis;
import org.ruraledu.streams.query.QueryApi;

/**
 * "Current" KPIs across a day boundary (one key per scope and metric, dated today; the earlier day's deleted and
 * tombstoned) and KPIs published only when their figures change. The clock starts on 2026-03-10, 10:00 in Weihai.
 */
class CurrentKpisTopologyTest {
    /** 3 standing metrics, 9 reasons, 12 grades. */
    private static final int STANDING_METRICS = 24;
    /** Wendeng, the city and w1's own scope (it has an open case and an enrolment: every standing metric). */
    private static final List<String> SCOPES = List.of("wendeng", "city", "school:w1");
    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");
    private static final LocalDate TOMORROW = TODAY.plusDays(1);

    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(List.of(new Dropout()));
        fx.register(school("w1", "wendeng"), school("h1", "huancui"));
        fx.send(enrollment("en-w1", "w1", 2000));
        fx.send(status("d1", "w1", "ann", "2026-03-09", DROPPED_OUT).build());
        fx.driver.advanceWallClockTime(Duration.ofMinutes(5)); // the first check after start: nothing to re-stamp
        assertThat(currentDays()).containsOnly(TODAY);
        fx.newKpis();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aNewDayReStampsEveryCurrentKpiAndTombstonesYesterdays() throws Exception {
        fx.clock.advance(Duration.ofDays(1));
        assertThat(fx.newKpis()).as("nothing until the check runs").isEmpty();
        fx.driver.advanceWallClockTime(Duration.ofMinutes(5));

        List<KeyValue<String, Kpi>> published = fx.newKpis();
        List<KeyValue<String, Kpi>> tombstones = published.stream().filter(kv -> kv.value == null).toList();
        List<KeyValue<String, Kpi>> restamped = published.stream().filter(kv -> kv.value != null).toList();
        assertThat(restamped).as("wendeng, city and w1, every standing metric").hasSize(SCOPES.size() * STANDING_METRICS)
                .allSatisfy(kv -> assertThat(kv.value.periodStart()).isEqualTo(TOMORROW));
        assertThat(tombstones).extracting(kv -> kv.key)
                .containsExactlyInAnyOrderElementsOf(restamped.stream().map(kv -> kv.key.replace(
                        TOMORROW.toString(), TODAY.toString())).toList());
        assertThat(currentDays()).containsOnly(TOMORROW);
        Kpi open = kpiStore().get(Kpi.key("wendeng", DropoutKpis.OPEN_CASES.id(), "current", TOMORROW));
        assertThat(open.value()).isEqualTo(1);
        assertThat(open.updatedAt()).isEqualTo(fx.clock.instant());

        fx.driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(fx.newKpis()).as("once a day").isEmpty();

        try (QueryApi api = QueryApi.start("127.0.0.1", 0, fx.queryStores(), fx.meters)) {
            JsonNode body = get(api, "/v1/kpis?scope=wendeng&metric=dropout.open_cases&period=current");
            assertThat(body).hasSize(1);
            assertThat(body.get(0).get("periodStart").asText()).isEqualTo(TOMORROW.toString());
        }
    }

    @Test
    void aChangeOnTheNewDayMovesTheChangedCellAndTheCheckThenHasNothingLeft() {
        fx.clock.advance(Duration.ofDays(1));
        fx.send(status("d2", "w1", "ben", "2026-03-11", DROPPED_OUT).build());

        List<KeyValue<String, Kpi>> published = fx.newKpis();
        assertThat(published).filteredOn(kv -> kv.value == null).as("yesterday's keys")
                .hasSize(SCOPES.size() * STANDING_METRICS);
        assertThat(currentDays()).containsOnly(TOMORROW);
        assertThat(kpiStore().get(Kpi.key("city", DropoutKpis.OPEN_CASES.id(), "current", TOMORROW)).value())
                .isEqualTo(2);

        fx.driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(fx.newKpis()).isEmpty();
    }

    @Test
    void onlyTheKpisWhoseFiguresChangedArePublished() {
        fx.send(status("d2", "w1", "ben", "2026-03-09", DROPPED_OUT).build());

        Map<String, Kpi> published = new TreeMap<>(fx.latestKpis());
        // Open cases, the rate, the UNKNOWN reason and grade 8, in wendeng, the city and w1's own scope; flow: new
        // cases of the day, its ISO week (from Monday 9 March), month and term (the spring term, from 2 March),
        // whose figures changed too.
        List<String> current = new java.util.ArrayList<>();
        List<String> flow = new java.util.ArrayList<>();
        for (String scope : SCOPES) {
            for (String metric : List.of("dropout.open_cases", "dropout.rate_per_10k",
                    "dropout.open_cases.by_reason.UNKNOWN", "dropout.open_cases.by_grade.8")) {
                current.add(currentKey(scope, metric));
            }
            for (String cell : List.of("day|2026-03-09", "week|2026-03-09", "month|2026-03-01", "term|2026-03-02")) {
                flow.add(scope + "|dropout.new_cases|" + cell);
            }
        }
        assertThat(published.keySet()).filteredOn(key -> key.contains("|current|"))
                .containsExactlyInAnyOrderElementsOf(current);
        assertThat(published.keySet()).filteredOn(key -> !key.contains("|current|"))
                .containsExactlyInAnyOrderElementsOf(flow);

        fx.clock.advance(Duration.ofHours(1));
        fx.send(enrollment("en-w1-again", "w1", 2000));
        assertThat(fx.newKpis()).as("a correction to the same head count changes no figure").isEmpty();
    }

    private static String currentKey(String scope, String metric) {
        return Kpi.key(scope, metric, "current", TODAY);
    }

    /** The days the stored "current" KPIs are dated. */
    private List<LocalDate> currentDays() {
        return kpiStore().values().stream().filter(k -> k.period().equals("current")).map(Kpi::periodStart)
                .distinct().toList();
    }

    private Map<String, Kpi> kpiStore() {
        Map<String, Kpi> all = new TreeMap<>();
        try (var it = fx.kpiStore().all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
    }


    private static JsonNode get(QueryApi api, String path) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + api.port() + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.MAPPER.readTree(response.body());
    }
}
