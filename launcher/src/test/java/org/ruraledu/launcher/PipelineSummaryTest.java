package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Json;

class PipelineSummaryTest {
    private static JsonNode json(String text) throws Exception {
        return Json.MAPPER.readTree(text);
    }

    @Test
    void showsTheLatestDayPerScopeOpenCasesAndAlertCounts() throws Exception {
        List<JsonNode> coverage = List.of(
                json("{\"scope\":\"rushan\",\"periodStart\":\"2026-11-26\",\"value\":0.5,\"numerator\":1,\"denominator\":2,\"status\":\"SLIPPED\"}"),
                json("{\"scope\":\"rushan\",\"periodStart\":\"2026-11-27\",\"value\":0.98,\"numerator\":98,\"denominator\":100,\"status\":\"SLIPPED\"}"),
                json("{\"scope\":\"city\",\"periodStart\":\"2026-11-27\",\"value\":1.0,\"numerator\":300,\"denominator\":300,\"status\":\"MET\"}"));
        List<JsonNode> cases = List.of(json("{\"scope\":\"city\",\"periodStart\":\"2026-11-27\",\"value\":2}"));
        List<JsonNode> alerts = List.of(json("{\"type\":\"MEAL_GAP\"}"), json("{\"type\":\"MEAL_GAP\"}"),
                json("{\"type\":\"DROPOUT_DETECTED\"}"));

        String text = PipelineSummary.render(coverage, cases, alerts);

        assertThat(text).contains("rushan     2026-11-27    98.00%          98/100  SLIPPED")
                .doesNotContain("2026-11-26")
                .contains("city       2026-11-27   100.00%         300/300  MET")
                .contains("wendeng    (no data yet)")
                .contains("city=2 huancui=-")
                .contains("{DROPOUT_DETECTED=1, MEAL_GAP=2}");
    }

    @Test
    void showsCareCoverageAndHeatingComplianceWhereTheyExistAndNoDataYetElsewhere() throws Exception {
        List<JsonNode> contacted = List.of(
                json("{\"scope\":\"city\",\"period\":\"month\",\"periodStart\":\"2026-10-01\",\"value\":0.9,\"numerator\":900,\"denominator\":1000}"),
                json("{\"scope\":\"city\",\"period\":\"month\",\"periodStart\":\"2026-11-01\",\"value\":0.952,\"numerator\":952,\"denominator\":1000}"),
                json("{\"scope\":\"rushan\",\"period\":\"month\",\"periodStart\":\"2026-11-01\",\"value\":1.0,\"numerator\":120,\"denominator\":120}"));
        List<JsonNode> rooms = List.of(
                json("{\"scope\":\"city\",\"period\":\"month\",\"periodStart\":\"2026-11-01\",\"value\":0.93,\"numerator\":93,\"denominator\":100}"));
        List<JsonNode> heating = List.of(
                json("{\"scope\":\"wendeng\",\"period\":\"day\",\"periodStart\":\"2026-11-27\",\"value\":0.975,\"numerator\":3900,\"denominator\":4000,\"status\":\"NO_TARGET\"}"));

        String text = PipelineSummary.render(List.of(), List.of(), List.of(), contacted, rooms, heating);

        assertThat(text).contains("care.contact_coverage, care.room_coverage")
                .contains("city       2026-11       95.20%        952/1000    93.00%          93/100")
                .doesNotContain("2026-10")
                .contains("rushan     2026-11      100.00%         120/120         -")
                .contains("huancui    (no data yet)")
                .contains("heating.compliance")
                .contains("wendeng    2026-11-27    97.50%       3900/4000  NO_TARGET");

        String none = PipelineSummary.render(List.of(), List.of(), List.of());
        assertThat(none).contains("care.contact_coverage, care.room_coverage, latest period)\n  (no data yet)")
                .contains("heating.compliance, latest school day)\n  (no data yet)");
    }
}
