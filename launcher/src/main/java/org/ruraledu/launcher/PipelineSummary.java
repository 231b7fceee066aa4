package org.ruraledu.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Json;

/**
 * What the local run prints every few seconds: the latest day's lunch coverage (午餐) for the city and each
 * district, open dropout cases, the latest care coverage (留守儿童关爱: children contacted, care rooms) and
 * classroom heating compliance (取暖) where those KPIs exist, and the open alerts by type, read through the public
 * query API like any dashboard would.
 */
final class PipelineSummary {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String queryUrl;

    PipelineSummary(String queryUrl) {
        this.queryUrl = queryUrl;
    }

    void print(PrintStream out) {
        try {
            List<JsonNode> kpis = ofAreas("metric=meals.coverage&period=day");
            List<JsonNode> openCases = ofAreas("metric=dropout.open_cases&period=current");
            JsonNode alerts = get("/v1/alerts?state=OPEN");
            out.println(render(kpis, openCases, items(alerts), optional("care.contact_coverage"),
                    optional("care.room_coverage"), optional("heating.compliance")));
        } catch (IOException e) {
            out.println("(query API not answering yet: " + e.getMessage() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String render(List<JsonNode> kpis, List<JsonNode> openCases, List<JsonNode> openAlerts) {
        return render(kpis, openCases, openAlerts, List.of(), List.of(), List.of());
    }

    /**
     * {@code contactCoverage}, {@code roomCoverage}: care KPIs of any period (month or current), the latest per
     * scope shown; {@code heating}: heating.compliance, the latest day per scope.
     */
    static String render(List<JsonNode> kpis, List<JsonNode> openCases, List<JsonNode> openAlerts,
            List<JsonNode> contactCoverage, List<JsonNode> roomCoverage, List<JsonNode> heating) {
        Map<String, JsonNode> latest = latestPerScope(kpis);
        StringBuilder s = new StringBuilder("\n午餐覆盖率 school lunch coverage (meals.coverage, latest school day)\n");
        s.append(String.format("  %-10s %-10s %9s %15s  %s%n", "scope", "day", "coverage", "served/needing", "status"));
        List<String> order = new ArrayList<>();
        order.add(District.CITY);
        for (District d : District.values()) {
            order.add(d.key());
        }
        for (String scope : order) {
            JsonNode k = latest.get(scope);
            if (k == null) {
                s.append(String.format("  %-10s (no data yet)%n", scope));
                continue;
            }
            s.append(String.format("  %-10s %-10s %8.2f%% %15s  %s%n", scope, k.path("periodStart").asText(),
                    k.path("value").asDouble() * 100,
                    k.path("numerator").asLong() + "/" + k.path("denominator").asLong(), k.path("status").asText()));
        }
        Map<String, JsonNode> cases = latestPerScope(openCases);
        s.append("控辍保学 open dropout cases (dropout.open_cases, target 0):");
        for (String scope : order) {
            JsonNode k = cases.get(scope);
            s.append(' ').append(scope).append('=').append(k == null ? "-" : String.valueOf(k.path("value").asLong()));
        }
        s.append(System.lineSeparator());
        appendCare(s, order, latestPerScope(contactCoverage), latestPerScope(roomCoverage));
        appendHeating(s, order, latestPerScope(heating));
        Map<String, Integer> byType = new TreeMap<>();
        openAlerts.forEach(a -> byType.merge(a.path("type").asText(), 1, Integer::sum));
        s.append("open alerts 预警: ").append(byType.isEmpty() ? "none" : byType.toString());
        return s.toString();
    }

    private static void appendCare(StringBuilder s, List<String> order, Map<String, JsonNode> contacted,
            Map<String, JsonNode> rooms) {
        s.append("留守儿童关爱 left-behind children care (care.contact_coverage, care.room_coverage, latest period)\n");
        if (contacted.isEmpty() && rooms.isEmpty()) {
            s.append("  (no data yet)\n");
            return;
        }
        s.append(String.format("  %-10s %-10s %9s %15s %9s %15s%n", "scope", "period", "contacted", "of registered",
                "rooms", "of required"));
        for (String scope : order) {
            JsonNode c = contacted.get(scope);
            JsonNode r = rooms.get(scope);
            if (c == null && r == null) {
                s.append(String.format("  %-10s (no data yet)%n", scope));
                continue;
            }
            JsonNode any = c != null ? c : r;
            s.append(String.format("  %-10s %-10s %s %s%n", scope, period(any), ratio(c), ratio(r)));
        }
    }

    private static void appendHeating(StringBuilder s, List<String> order, Map<String, JsonNode> compliance) {
        s.append("取暖 classroom heating compliance (heating.compliance, latest school day)\n");
        if (compliance.isEmpty()) {
            s.append("  (no data yet)\n");
            return;
        }
        s.append(String.format("  %-10s %-10s %9s %15s  %s%n", "scope", "day", "in range", "readings", "status"));
        for (String scope : order) {
            JsonNode k = compliance.get(scope);
            if (k == null) {
                s.append(String.format("  %-10s (no data yet)%n", scope));
                continue;
            }
            s.append(String.format("  %-10s %-10s %s  %s%n", scope, period(k), ratio(k), k.path("status").asText()));
        }
    }

    /** "2026-11" for a month, else the day (a current figure's day of computation). */
    private static String period(JsonNode kpi) {
        String start = kpi.path("periodStart").asText();
        return kpi.path("period").asText().equals("month") && start.length() >= 7 ? start.substring(0, 7) : start;
    }

    /** "  98.00%          98/100", or blanks of the same width when there is no figure. */
    private static String ratio(JsonNode kpi) {
        if (kpi == null) {
            return String.format("%9s %15s", "-", "");
        }
        return String.format("%8.2f%% %15s", kpi.path("value").asDouble() * 100,
                kpi.path("numerator").asLong() + "/" + kpi.path("denominator").asLong());
    }

    private static Map<String, JsonNode> latestPerScope(List<JsonNode> kpis) {
        Map<String, JsonNode> latest = new TreeMap<>();
        for (JsonNode kpi : kpis) {
            latest.merge(kpi.path("scope").asText(), kpi,
                    (a, b) -> a.path("periodStart").asText().compareTo(b.path("periodStart").asText()) >= 0 ? a : b);
        }
        return latest;
    }

    /** KPIs of a metric the streams application may not compute yet: none rather than no summary at all. */
    private List<JsonNode> optional(String metric) throws InterruptedException {
        try {
            return ofAreas("metric=" + metric);
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * The KPIs that match {@code query} of the city and each district, asked scope by scope: each is a short prefix
     * scan, where a query without a scope would read every school's KPIs too.
     */
    private List<JsonNode> ofAreas(String query) throws IOException, InterruptedException {
        List<JsonNode> kpis = new ArrayList<>();
        kpis.addAll(items(get("/v1/kpis?scope=" + District.CITY + "&" + query)));
        for (District district : District.values()) {
            kpis.addAll(items(get("/v1/kpis?scope=" + district.key() + "&" + query)));
        }
        return kpis;
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(queryUrl + path))
                .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("HTTP " + response.statusCode() + " from " + path);
        }
        return Json.MAPPER.readTree(response.body());
    }

    /** The query API answers with a JSON array (or an object wrapping one). */
    private static List<JsonNode> items(JsonNode body) {
        JsonNode array = body.isArray() ? body : body.elements().hasNext() ? firstArray(body) : body;
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    private static JsonNode firstArray(JsonNode object) {
        for (JsonNode child : object) {
            if (child.isArray()) {
                return child;
            }
        }
        return Json.MAPPER.createArrayNode();
    }
}
