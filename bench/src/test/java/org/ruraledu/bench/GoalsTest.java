package org.ruraledu.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** A goal is met, not met, or says why it cannot be judged; a missing figure is never "met". */
class GoalsTest {
    @Test
    void judgesEachGoalOnItsFigures() {
        Results r = new Results();
        r.put("ratio.pipeline.baseline", "", 0.6, "x", "");
        r.put("pipeline.rate", "", 60_000, "records/s", "");
        r.put("input.records", "", 150_000, "records", "");
        r.put("latency.p99", "", 300, "ms", "");
        r.put("latency.background.rate", "", 5_000, "records/s", "");
        r.put("backlog.max", "", 2_500, "ms", "");
        r.put("internal.ratio", "", 2.5, "x", "");
        r.put("state.a.live", "", 40, "MiB", "");
        r.put("state.b.live", "", 20, "MiB", "");
        r.put("state.marginal.per.school.day", "", 350, "bytes", "");
        r.put("state.records.share", "", 0.12, "x", "");

        Map<String, String> verdicts = Goals.judge(r).stream()
                .collect(Collectors.toMap(Goals.Goal::goal, Goals.Goal::verdict));

        assertThat(verdicts).containsEntry("full pipeline >= 1/2 of the baseline's rate", "met")
                .containsEntry("full pipeline >= 50,000 records/s on >= 400,000 records", "not at the goal's size")
                .containsEntry("alert p99 < 500 ms with 10,000 records/s background", "background below the goal's")
                .containsEntry("DROPOUT_DETECTED < 2 s while a meal backlog is worked off", "not met")
                .containsEntry("gateway >= 20,000 records/s in batches of 500", "not measured")
                .containsEntry("internal-topic bytes <= 3x input bytes", "met")
                .containsEntry("state grows with schools x days, not records", "not met");
        assertThat(Goals.judge(new Results())).extracting(Goals.Goal::verdict)
                .allMatch(v -> List.of("not measured", "not at the goal's size", "background below the goal's")
                        .contains(v));
    }
}
