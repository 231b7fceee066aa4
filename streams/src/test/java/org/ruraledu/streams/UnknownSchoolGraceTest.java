package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.DropoutInput.status;
import static org.ruraledu.streams.MealsTopologyTest.assertRatio;
import static org.ruraledu.streams.TopologyFixture.encode;
import static org.ruraledu.streams.TopologyFixture.headers;
import static org.ruraledu.streams.TopologyFixture.key;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.KpiStatus;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.ingest.UnknownSchoolGrace;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.topics.Topics;

/**
 * A record of a school not yet in the registry waits for it ({@code ingest.unknown.school.grace}, default 60 s,
 * checked every {@code ingest.unknown.school.check.interval}, default 1 s) instead of being dead-lettered at once:
 * a school registers and reports within seconds, and the registry (a GlobalKTable) may be seen later.
 * The grace is measured on the injected clock; the check runs on the driver's wall clock, so tests move both.
 */
class UnknownSchoolGraceTest {
    private static final String DAY = "2026-03-02";
    private static final String COVERAGE = "wendeng|meals.coverage|day|" + DAY;
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(List.of(new Meals(), new Dropout()));
        fx.register(school("w1", "wendeng"));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aReportOfASchoolRegisteredAfterwardsCountsOnceTheRegistryHasIt() {
        fx.report(meal("r1", "n1", DAY, 10, 8, 0));
        assertThat(fx.newKpis()).isEmpty();

        fx.register(school("n1", "wendeng"));
        assertThat(fx.newKpis()).as("released by the next check, not by the registration itself").isEmpty();
        tick(Duration.ofSeconds(1));

        assertRatio(fx.latestKpis().get(COVERAGE), 8, 10, 1, KpiStatus.SLIPPED);
        tick(Duration.ofMinutes(5));
        assertThat(fx.newDeadLetters()).isEmpty();
        assertThat(fx.newKpis()).as("released once").isEmpty();
    }

    @Test
    void anOriginalAndItsCorrectionComeOutInOrder() {
        fx.report(meal("r1", "n1", DAY, 10, 8, 0), meal("r1-fix", "n1", DAY, 10, 10, 0));
        fx.register(school("n1", "wendeng"));
        tick(Duration.ofSeconds(1));

        assertRatio(fx.latestKpis().get(COVERAGE), 10, 10, 1, KpiStatus.MET);
        assertThat(fx.newDeadLetters()).isEmpty();
    }

    @Test
    void aReportArrivingAfterRegistrationDoesNotOvertakeTheWaitingOnes() {
        fx.report(meal("r1", "n1", DAY, 10, 8, 0));
        fx.register(school("n1", "wendeng"));
        fx.report(meal("r1-fix", "n1", DAY, 10, 10, 0)); // before any check has released r1
        tick(Duration.ofSeconds(1));

        assertRatio(fx.latestKpis().get(COVERAGE), 10, 10, 1, KpiStatus.MET);
        assertThat(fx.newDeadLetters()).isEmpty();
    }

    @Test
    void laterReportsOfAnUnknownSchoolWaitBehindEarlierOnesWhileOtherSchoolsGoOn() {
        fx.report(meal("r1", "n1", DAY, 10, 8, 0));
        fx.clock.advance(Duration.ofSeconds(30));
        fx.report(meal("r1-fix", "n1", DAY, 10, 10, 0), meal("k1", "w1", DAY, 5, 5, 0));
        assertThat(fx.latestKpis()).as("a known school is not held up").containsKey(COVERAGE);

        fx.clock.advance(Duration.ofSeconds(30)); // r1 has waited 60 s, r1-fix 30 s
        tick(Duration.ofSeconds(1));
        assertThat(fx.newDeadLetters()).extracting(r -> r.value()).containsExactly(encode(meal("r1", "n1", DAY, 10, 8, 0)));

        fx.register(school("n1", "wendeng"));
        tick(Duration.ofSeconds(1));
        assertRatio(fx.latestKpis().get(COVERAGE), 15, 15, 2, KpiStatus.MET);
    }

    @Test
    void aReportOfASchoolThatNeverRegistersIsDeadLetteredAfterTheGraceUnchanged() {
        byte[] bytes = encode(meal("g1", "ghost", DAY, 10, 10, 0));
        fx.reportRaw(key("ghost"), bytes, headers("traceparent", "00-abc-01"));

        fx.clock.advance(Duration.ofSeconds(59));
        tick(Duration.ofSeconds(59));
        assertThat(fx.newDeadLetters()).as("still within the grace").isEmpty();

        fx.clock.advance(Duration.ofSeconds(1));
        tick(Duration.ofSeconds(1));
        List<TestRecord<byte[], byte[]>> dead = fx.newDeadLetters();
        assertThat(dead).hasSize(1);
        TestRecord<byte[], byte[]> letter = dead.get(0);
        assertThat(letter.key()).isEqualTo(key("ghost"));
        assertThat(letter.value()).isEqualTo(bytes);
        Headers h = letter.headers();
        assertThat(header(h, "traceparent")).as("original headers kept").isEqualTo("00-abc-01");
        assertThat(header(h, DeadLetterHeaders.ERROR_CODE)).isEqualTo("UNKNOWN_SCHOOL");
        assertThat(header(h, DeadLetterHeaders.FIELD)).isEqualTo("schoolId");
        assertThat(header(h, DeadLetterHeaders.REASON))
                .isEqualTo("schoolId: unknown school 'ghost' (not in " + Topics.SCHOOL_REGISTRY.name() + ")");
        assertThat(header(h, DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.MEAL_REPORTS.name());
        assertThat(header(h, DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("0");
        assertThat(header(h, DeadLetterHeaders.REJECTED_AT))
                .isEqualTo(TopologyFixture.NOW.plusSeconds(60).toString());
        assertThat(fx.meters.get("ruraledu.dead.letters").tag("error", "UNKNOWN_SCHOOL").counter().count())
                .isEqualTo(1.0);

        fx.register(school("ghost", "wendeng"));
        tick(Duration.ofSeconds(1));
        assertThat(fx.newKpis()).as("a dead letter is not released later").isEmpty();
    }

    @Test
    void waitingRecordsOfASchoolRegisteredInactiveAreDeadLetteredInOrder() {
        // Dated the day it closes: new reports, not corrections of a day it was open (those would count).
        fx.report(meal("c1", "x1", "2026-03-10", 10, 10, 0), meal("c2", "x1", "2026-03-10", 10, 9, 0));
        SchoolProfile closed = school("x1", "nanhai");
        closed.setActive(false);
        fx.register(closed);
        tick(Duration.ofSeconds(1));

        List<TestRecord<byte[], byte[]>> dead = fx.newDeadLetters();
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.ERROR_CODE))
                .containsExactly("INACTIVE_SCHOOL", "INACTIVE_SCHOOL");
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetterHeaders.SOURCE_OFFSET))
                .containsExactly("0", "1");
    }

    @Test
    void everyInputKindWaits() {
        fx.send(status("e1", "n1", "ann", "2026-03-04", StudentStatus.DROPPED_OUT).build());
        fx.register(school("n1", "wendeng"));
        tick(Duration.ofSeconds(1));

        assertThat(fx.newAlerts()).extracting(kv -> kv.value.type()).containsExactly(AlertType.DROPOUT_DETECTED);
        assertThat(fx.newDeadLetters()).isEmpty();
    }

    @Test
    void waitingRecordsAreKeptInAChangeloggedStore() {
        fx.report(meal("r1", "n1", DAY, 10, 8, 0));

        assertThat(fx.driver.producedTopicNames())
                .contains(TopologyFixture.APP_ID + "-meal-reports-awaiting-school-store-changelog");
    }

    @Test
    void withoutGraceAnUnknownSchoolIsDeadLetteredAtOnce() {
        fx.close();
        fx = new TopologyFixture(List.of(new Meals(), new Dropout()), Map.of(UnknownSchoolGrace.GRACE, "PT0S"));
        fx.report(meal("u", "nobody", DAY, 10, 10, 0));

        assertThat(fx.newDeadLetters()).extracting(r -> header(r.headers(), DeadLetterHeaders.ERROR_CODE))
                .containsExactly("UNKNOWN_SCHOOL");
    }

    /** The next wall-clock checks: the driver's wall clock (schedules) moves; the injected clock does not. */
    private void tick(Duration by) {
        fx.driver.advanceWallClockTime(by);
    }

    private static String header(Headers headers, String name) {
        return headers == null ? null : DeadLetterHeaders.get(headers, name);
    }
}
