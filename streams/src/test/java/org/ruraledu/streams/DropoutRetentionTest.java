package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.schemas.StudentStatus.ATTENDING;
import static org.ruraledu.schemas.StudentStatus.DROPPED_OUT;
import static org.ruraledu.schemas.StudentStatus.RETURNED;
import static org.ruraledu.streams.DropoutInput.ref;
import static org.ruraledu.streams.DropoutInput.status;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Kpi;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.dropout.PupilHistory;
import org.ruraledu.streams.kpi.SchoolFigure;
import org.ruraledu.topics.DeadLetterHeaders;

/**
 * {@code retention.days} (400) for pupil histories: the daily check forgets pupils with no open case and no event
 * since the horizon, and an event dated before the horizon (a retry of a forgotten one above all) is
 * dead-lettered TOO_OLD instead of opening its case again.
 */
class DropoutRetentionTest {
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(List.of(new Dropout()));
        fx.register(school("w1", "wendeng"));
        send(status("a1", "w1", "ann", "2026-03-02", DROPPED_OUT), status("a2", "w1", "ann", "2026-03-05", RETURNED),
                status("b1", "w1", "bob", "2026-03-03", DROPPED_OUT),
                status("c1", "w1", "cat", "2026-03-09", ATTENDING));
        fx.clock.advance(Duration.ofDays(200));
        send(status("c2", "w1", "cat", "2026-09-26", ATTENDING));
        fx.clock.advance(Duration.ofDays(201)); // the horizon: 2026-03-11
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        fx.newAlerts();
        fx.newKpis();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void theDailyCheckForgetsOnlyQuietPupilsWithoutAnOpenCase() {
        KeyValueStore<String, PupilHistory> histories = fx.driver.getKeyValueStore("dropout-pupil-history-store");
        assertThat(histories.get(PupilHistory.keyOf("w1", ref("ann")))).as("case closed, quiet since").isNull();
        assertThat(histories.get(PupilHistory.keyOf("w1", ref("bob")))).as("case still open").isNotNull();
        assertThat(histories.get(PupilHistory.keyOf("w1", ref("cat")))).as("an event since the horizon").isNotNull();
    }

    @Test
    void theCountedDatedFiguresOfDaysBeforeTheHorizonAreForgotten() {
        send(status("d1", "w1", "dan", "2027-04-14", DROPPED_OUT)); // today is 2027-04-15

        KeyValueStore<String, SchoolFigure> counted = fx.driver.getKeyValueStore("dropout-flow-counted-figures-store");
        List<String> dates = new ArrayList<>();
        try (var all = counted.all()) {
            all.forEachRemaining(entry -> dates.add(entry.value.date().toString()));
        }
        // ann's opening and return, bob's opening (2026-03-02..05) are gone; bob's case stays open and counted.
        assertThat(dates).containsExactly("2027-04-14");
        assertThat(fx.kpiStore()
                .get(Kpi.key("wendeng", "dropout.open_cases", "current", LocalDate.parse("2027-04-15"))).value())
                .isEqualTo(2);
    }

    @Test
    void aRetryOfAForgottenPupilsEventIsDeadLetteredAndOpensNoCase() {
        send(status("a1", "w1", "ann", "2026-03-02", DROPPED_OUT));

        List<TestRecord<byte[], byte[]>> dead = fx.newDeadLetters();
        assertThat(dead).hasSize(1);
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.ERROR_CODE)).isEqualTo("TOO_OLD");
        assertThat(DeadLetterHeaders.get(dead.get(0).headers(), DeadLetterHeaders.FIELD)).isEqualTo("date");
        assertThat(fx.newAlerts()).isEmpty();
        assertThat(fx.newKpis()).isEmpty();
    }

    private void send(DropoutInput... events) {
        for (DropoutInput event : events) {
            fx.send(event.build());
        }
    }
}
