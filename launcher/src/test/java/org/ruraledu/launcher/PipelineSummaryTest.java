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
}
