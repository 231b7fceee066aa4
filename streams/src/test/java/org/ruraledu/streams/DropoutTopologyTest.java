package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.ruraledu.schemas.StudentStatus.ABSENT_EXCUSED;
import static org.ruraledu.schemas.StudentStatus.ABSENT_UNEXCUSED;
import static org.ruraledu.schemas.StudentStatus.ATTENDING;
import static org.ruraledu.schemas.StudentStatus.DROPPED_OUT;
import static org.ruraledu.schemas.StudentStatus.RETURNED;
import static org.ruraledu.schemas.StudentStatus.TRANSFERRED_OUT;
import static org.ruraledu.streams.DropoutInput.enrollment;
import static org.ruraledu.streams.DropoutInput.ref;
import static org.ruraledu.streams.DropoutInput.status;
import static org.ruraledu.streams.TopologyFixture.school;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert.AlertState;
import org.ruraledu.contract.Alert.Severity;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.DropoutReason;
import org.ruraledu.schemas.StudentStatusEvent;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.dropout.DropoutKpis;
import org.ruraledu.streams.kpi.Kpis;
import org.ruraledu.streams.kpi.Metric;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.topics.Topics;

/**
 * Dropout control (控辍保学) through the production topology: one case per child (一人一案) and its alerts, the
 * wall-clock overdue check, KPIs, late, out-of-order and repeated events. The clock starts on Tuesday 2026-03-10,
 * 10:00 in Weihai; 2026-03-02 is a Monday.
 */
class DropoutTopologyTest {
    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = started();
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    private static TopologyFixture started() {
        TopologyFixture fixture = new TopologyFixture(List.of(new Dropout()));
        fixture.register(school("w1", "wendeng"), school("w2", "wendeng"), school("h1", "huancui"));
        return fixture;
    }

    @Test
    void aDropoutOpensOneCriticalAlertAndItsReturnResolvesIt() {
        send(status("e1", "w1", "ann", "2026-03-04", DROPPED_OUT).reason(DropoutReason.FINANCIAL).grade(7).leftBehind());

        List<KeyValue<String, Alert>> opened = fx.newAlerts();
        assertThat(opened).hasSize(1);
        assertThat(opened.get(0).key).isEqualTo("wendeng");
        Alert open = opened.get(0).value;
        assertThat(open.type()).isEqualTo(AlertType.DROPOUT_DETECTED);
        assertThat(open.state()).isEqualTo(AlertState.OPEN);
        assertThat(open.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(open.planItem()).isEqualTo(38);
        assertThat(open.district()).isEqualTo("wendeng");
        assertThat(open.schoolId()).isEqualTo("w1");
        assertThat(open.subjectRef()).isEqualTo(ref("ann"));
        assertThat(open.periodStart()).isEqualTo(LocalDate.parse("2026-03-04"));
        assertThat(open.alertId()).startsWith("DROPOUT_DETECTED:dropout-").endsWith(":1");
        assertThat(open.message().zh()).contains("控辍保学", "文登区School w1", "7年级留守儿童", "2026-03-04",
                "家庭经济困难", "一人一案", "劝返", "重点项目清单第38项");
        assertThat(open.message().en()).contains("Dropout detected (dropout control)", "School w1 (Wendeng District)",
                "grade-7 pupil (left-behind child)", "financial hardship", "one case per child",
                "persuade the child to return", "key-project list item 38");
        assertThat(open.message().zh() + open.message().en()).doesNotContain(ref("ann"));

        send(status("e2", "w1", "ann", "2026-03-05", DROPPED_OUT).reason(DropoutReason.FINANCIAL));
        assertThat(fx.newAlerts()).as("the same case recorded again opens nothing").isEmpty();

        send(status("e3", "w1", "ann", "2026-03-09", RETURNED));
        Alert resolved = single(fx.newAlerts());
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        assertThat(resolved.message().zh()).contains("劝返成功", "2026-03-09", "历时5天");
        assertThat(resolved.message().en()).contains("Back in school", "closed after 5 days");
    }

    @Test
    void anAbsenceStreakOfThreeSchoolDaysOpensACaseAndAttendanceClosesIt() {
        // Friday, then Monday and Tuesday: the weekend does not break the streak.
        send(status("a1", "w2", "ben", "2026-03-06", ABSENT_UNEXCUSED),
                status("a2", "w2", "ben", "2026-03-09", ABSENT_UNEXCUSED));
        assertThat(fx.newAlerts()).isEmpty();

        send(status("a3", "w2", "ben", "2026-03-10", ABSENT_UNEXCUSED).recordedAt(TopologyFixture.NOW));
        Alert open = single(fx.newAlerts());
        assertThat(open.type()).isEqualTo(AlertType.DROPOUT_DETECTED);
        assertThat(open.periodStart()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(open.message().zh()).contains("截至2026-03-10已无故连续缺勤3个上学日", "尚不清楚");
        assertThat(open.message().en()).contains("absent without excuse for 3 consecutive school days by 2026-03-10");

        send(status("a4", "w2", "ben", "2026-03-10", ATTENDING).recordedAt(TopologyFixture.NOW.plusSeconds(60)));
        assertThat(single(fx.newAlerts()).state()).isEqualTo(AlertState.RESOLVED);
    }

    @Test
    void theSchoolsOwnAbsenceCounterOpensACaseFromOneEvent() {
        send(status("a1", "w1", "cat", "2026-03-05", ABSENT_UNEXCUSED).counter(3));

        assertThat(single(fx.newAlerts()).periodStart()).isEqualTo(LocalDate.parse("2026-03-05"));
    }

    @Test
    void aVerifiedTransferClosesTheCaseWithoutCountingAReturn() {
        send(status("d1", "h1", "dan", "2026-03-04", DROPPED_OUT),
                status("d2", "h1", "dan", "2026-03-05", TRANSFERRED_OUT));

        List<Alert> alerts = values(fx.newAlerts());
        assertThat(alerts).extracting(Alert::state).containsExactly(AlertState.OPEN, AlertState.RESOLVED);
        assertThat(alerts.get(1).message().zh()).contains("核实转学", "2026-03-05");
        assertThat(alerts.get(1).message().en()).contains("Verified transfer", "moved to another school on 2026-03-05");
        assertThat(kpi("huancui", DropoutKpis.TRANSFERRED_CASES, "month", "2026-03-01").value()).isEqualTo(1);
        assertThat(kpi("huancui", DropoutKpis.RETURNED_CASES, "month", "2026-03-01").value()).isZero();
        assertThat(current("huancui", DropoutKpis.OPEN_CASES).value()).isZero();
    }

    @Test
    void aCorrectedAttendanceReopensTheCaseAsANewAlert() {
        send(status("r1", "w1", "eve", "2026-03-04", DROPPED_OUT), status("r2", "w1", "eve", "2026-03-05", ATTENDING));
        List<Alert> first = values(fx.newAlerts());
        assertThat(first).extracting(Alert::state).containsExactly(AlertState.OPEN, AlertState.RESOLVED);

        // The school corrects Thursday: the pupil was absent after all, so the case never closed.
        send(status("r3", "w1", "eve", "2026-03-05", ABSENT_UNEXCUSED).recordedMinutesLater(30));

        Alert reopened = single(fx.newAlerts());
        assertThat(reopened.state()).isEqualTo(AlertState.OPEN);
        assertThat(reopened.alertId()).as("same case, a new life of its alert")
                .isEqualTo(first.get(0).alertId().replaceAll(":1$", ":2"));
        assertThat(current("wendeng", DropoutKpis.OPEN_CASES).value()).isEqualTo(1);
        assertThat(kpi("wendeng", DropoutKpis.RETURNED_CASES, "month", "2026-03-01").value()).isZero();
        assertThat(kpi("wendeng", DropoutKpis.NEW_CASES, "month", "2026-03-01").value()).isEqualTo(1);
    }

    @Test
    void aBackdatedDropoutWithdrawsTheStreakCaseAndOpensTheEarlierOne() {
        send(status("b1", "w1", "fay", "2026-03-02", ABSENT_UNEXCUSED),
                status("b2", "w1", "fay", "2026-03-03", ABSENT_UNEXCUSED),
                status("b3", "w1", "fay", "2026-03-04", ABSENT_UNEXCUSED));
        Alert streakCase = single(fx.newAlerts());
        assertThat(streakCase.periodStart()).isEqualTo(LocalDate.parse("2026-03-04"));

        // Recorded late: the pupil had dropped out on Tuesday.
        send(status("b4", "w1", "fay", "2026-03-03", DROPPED_OUT).reason(DropoutReason.EMPLOYMENT)
                .recordedMinutesLater(60 * 24 * 3));

        List<Alert> alerts = values(fx.newAlerts());
        assertThat(alerts).extracting(Alert::state).containsExactly(AlertState.RESOLVED, AlertState.OPEN);
        assertThat(alerts.get(0).alertId()).isEqualTo(streakCase.alertId());
        assertThat(alerts.get(0).message().en()).contains("Case withdrawn");
        // The driver has one task; in production the order above holds because both cases' conditions are tracked
        // in the task of the pupil's school, which emitted them in this order (AlertPlacementTest).
        assertThat(alerts).extracting(alert -> alert.alertId().replaceAll(":\\d+$", "")).as("two cases")
                .doesNotHaveDuplicates();
        assertThat(alerts.get(1).periodStart()).isEqualTo(LocalDate.parse("2026-03-03"));
        assertThat(alerts.get(1).message().zh()).contains("外出务工");
        assertThat(kpi("wendeng", DropoutKpis.NEW_CASES, "day", "2026-03-04").value()).isZero();
        assertThat(kpi("wendeng", DropoutKpis.NEW_CASES, "day", "2026-03-03").value()).isEqualTo(1);
        assertThat(kpi("wendeng", DropoutKpis.NEW_CASES, "month", "2026-03-01").value()).isEqualTo(1);
        assertThat(current("wendeng", DropoutKpis.OPEN_CASES).value()).isEqualTo(1);
        assertThat(current("wendeng", DropoutKpis.openByReason(DropoutReason.EMPLOYMENT)).value()).isEqualTo(1);
    }

    @Test
    void aNewReasonRevisesTheOpenCaseAndUpdatesItsAlertText() {
        send(status("n1", "w1", "gus", "2026-03-05", DROPPED_OUT));
        Alert opened = single(fx.newAlerts());
        assertThat(current("wendeng", DropoutKpis.openByReason(DropoutReason.UNKNOWN)).value()).isEqualTo(1);

        send(status("n2", "w1", "gus", "2026-03-06", ABSENT_UNEXCUSED).reason(DropoutReason.LEARNING_DIFFICULTY));

        Alert updated = single(fx.newAlerts());
        assertThat(updated.state()).isEqualTo(AlertState.UPDATED);
        assertThat(updated.alertId()).isEqualTo(opened.alertId());
        assertThat(updated.message().zh()).contains("原因：学习困难");
        assertThat(updated.message().en()).contains("reason: learning difficulty");
        send(status("n3", "w1", "gus", "2026-03-09", ABSENT_UNEXCUSED).reason(DropoutReason.LEARNING_DIFFICULTY));
        assertThat(fx.newAlerts()).as("the same reason again: same text, no update").isEmpty();
        assertThat(current("wendeng", DropoutKpis.openByReason(DropoutReason.UNKNOWN)).value()).isZero();
        assertThat(current("wendeng", DropoutKpis.openByReason(DropoutReason.LEARNING_DIFFICULTY)).value()).isEqualTo(1);
        assertThat(current("wendeng", DropoutKpis.OPEN_CASES).value()).isEqualTo(1);
    }

    @Test
    void aReturnRecordedBeforeItsDropoutGivesTheSameAlertsAndKpisAsInOrder() {
        List<StudentStatusEvent> events = List.of(
                status("o1", "w1", "hal", "2026-03-04", DROPPED_OUT).reason(DropoutReason.ILLNESS).build(),
                status("o2", "w1", "hal", "2026-03-06", RETURNED).build(),
                status("o3", "w2", "ivy", "2026-03-05", DROPPED_OUT).build(),
                status("o4", "w2", "ivy", "2026-03-06", ABSENT_UNEXCUSED).reason(DropoutReason.FINANCIAL).build());
        fx.send(enrollment("en1", "w1", 800), enrollment("en2", "w2", 1200));
        events.forEach(fx::send);
        Map<String, List<String>> inOrder = lives(fx.newAlerts());
        Map<String, Kpi> inOrderKpis = kpiStore();

        try (TopologyFixture reversed = started()) {
            reversed.send(enrollment("en1", "w1", 800), enrollment("en2", "w2", 1200));
            for (int i = events.size() - 1; i >= 0; i--) {
                reversed.send(events.get(i));
            }
            assertThat(lives(reversed.newAlerts())).isEqualTo(inOrder);
            assertThat(kpiStore(reversed)).isEqualTo(inOrderKpis);
        }
        assertThat(inOrder.values()).extracting(life -> life.subList(0, life.size() - 1)).containsExactlyInAnyOrder(
                List.of("DROPOUT_DETECTED OPEN CRITICAL 2026-03-04 w1", "DROPOUT_DETECTED RESOLVED CRITICAL 2026-03-04 w1"),
                List.of("DROPOUT_DETECTED OPEN CRITICAL 2026-03-05 w2"));
        assertThat(inOrder.values()).extracting(life -> life.get(life.size() - 1))
                .anySatisfy(text -> assertThat(text).contains("reason: financial hardship"));
        assertThat(inOrderKpis.get(currentKey("wendeng", DropoutKpis.OPEN_CASES)).value()).isEqualTo(1);
        assertThat(inOrderKpis.get(currentKey("wendeng", DropoutKpis.openByReason(DropoutReason.FINANCIAL))).value())
                .isEqualTo(1);
        assertThat(inOrderKpis.get(Kpi.key("wendeng", DropoutKpis.RETURNED_CASES.id(), "day",
                LocalDate.parse("2026-03-06"))).value()).isEqualTo(1);
    }

    /**
     * The life of each alert: its opening and resolution, with what identifies the case, and its last text. Not
     * its updates: they tell what was learnt when (a reason learnt after the opening updates an alert sent in
     * order; sent in reverse, the alert opens with it), but the last word is the same.
     */
    private static Map<String, List<String>> lives(List<KeyValue<String, Alert>> alerts) {
        Map<String, List<String>> lives = new LinkedHashMap<>();
        Map<String, String> lastText = new LinkedHashMap<>();
        alerts.forEach(kv -> {
            lastText.put(kv.value.alertId(), "text: " + kv.value.message().en());
            if (kv.value.state() != AlertState.UPDATED) {
                lives.computeIfAbsent(kv.value.alertId(), id -> new ArrayList<>()).add(kv.value.type() + " "
                        + kv.value.state() + " " + kv.value.severity() + " " + kv.value.periodStart() + " "
                        + kv.value.schoolId());
            }
        });
        lastText.forEach((id, text) -> lives.get(id).add(text));
        return lives;
    }

    @Test
    void retriesOfTheSameEventChangeNothing() {
        StudentStatusEvent dropout = status("t1", "w1", "jon", "2026-03-04", DROPPED_OUT).build();
        StudentStatusEvent back = status("t2", "w1", "jon", "2026-03-06", RETURNED).build();
        fx.send(dropout, dropout);
        assertThat(fx.newAlerts()).hasSize(1);
        fx.newKpis();
        fx.send(dropout);
        assertThat(fx.newKpis()).isEmpty();

        fx.send(back);
        assertThat(single(fx.newAlerts()).state()).isEqualTo(AlertState.RESOLVED);
        fx.newKpis();
        fx.send(dropout, back, dropout);

        assertThat(fx.newAlerts()).isEmpty();
        assertThat(fx.newKpis()).isEmpty();
        assertThat(fx.newDeadLetters()).isEmpty();
        assertThat(kpi("wendeng", DropoutKpis.NEW_CASES, "month", "2026-03-01").value()).isEqualTo(1);
        assertThat(kpi("wendeng", DropoutKpis.RETURNED_CASES, "month", "2026-03-01").value()).isEqualTo(1);
    }

    @Test
    void aSecondDropoutAfterAReturnOpensANewCaseAndANewAlert() {
        send(status("s1", "h1", "kim", "2026-03-04", DROPPED_OUT), status("s2", "h1", "kim", "2026-03-05", RETURNED),
                status("s3", "h1", "kim", "2026-03-06", DROPPED_OUT).reason(DropoutReason.FAMILY_MIGRATION));

        List<Alert> alerts = values(fx.newAlerts());
        assertThat(alerts).extracting(Alert::state).containsExactly(AlertState.OPEN, AlertState.RESOLVED,
                AlertState.OPEN);
        assertThat(alerts.get(2).alertId()).isNotEqualTo(alerts.get(0).alertId()).endsWith(":1");
        assertThat(alerts.get(2).periodStart()).isEqualTo(LocalDate.parse("2026-03-06"));
        assertThat(kpi("huancui", DropoutKpis.NEW_CASES, "month", "2026-03-01").value()).isEqualTo(2);
        assertThat(kpi("huancui", DropoutKpis.RETURNED_CASES, "month", "2026-03-01").value()).isEqualTo(1);
        assertThat(current("huancui", DropoutKpis.OPEN_CASES).value()).isEqualTo(1);
    }

    @Test
    void theOverdueAlertFiresWithNoFurtherInputEscalatesAndResolvesOnReturn() {
        send(status("v1", "w1", "lea", "2026-03-09", DROPPED_OUT).reason(DropoutReason.EMPLOYMENT).grade(9));
        Alert detected = single(fx.newAlerts());
        fx.driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(fx.newAlerts()).as("one day open: within the follow-up limit").isEmpty();

        fx.clock.advance(Duration.ofDays(7)); // 2026-03-17: 8 days open, past the 7-day limit
        assertThat(fx.newAlerts()).as("nothing happens until the check runs").isEmpty();
        fx.driver.advanceWallClockTime(Duration.ofMinutes(1));

        Alert overdue = single(fx.newAlerts());
        assertThat(overdue.type()).isEqualTo(AlertType.DROPOUT_CASE_OVERDUE);
        assertThat(overdue.state()).isEqualTo(AlertState.OPEN);
        assertThat(overdue.severity()).isEqualTo(Severity.WARNING);
        assertThat(overdue.alertId()).isEqualTo(detected.alertId().replace("DROPOUT_DETECTED", "DROPOUT_CASE_OVERDUE"));
        assertThat(overdue.subjectRef()).isEqualTo(ref("lea"));
        assertThat(overdue.planItem()).isEqualTo(38);
        assertThat(overdue.metric()).isEqualTo("dropout.case_days_open");
        assertThat(overdue.observed()).isEqualTo(8.0);
        assertThat(overdue.threshold()).isEqualTo(7.0);
        assertThat(overdue.message().zh()).contains("一人一案跟进超期", "9年级学生", "已8天", "超过7天时限", "劝返");
        assertThat(overdue.message().en()).contains("Dropout case overdue", "after 8 days", "follow-up limit of 7 days");
        assertThat(current("wendeng", DropoutKpis.OVERDUE_CASES).value()).isEqualTo(1);

        fx.driver.advanceWallClockTime(Duration.ofMinutes(5));
        assertThat(fx.newAlerts()).as("still overdue: nothing new").isEmpty();

        fx.clock.advance(Duration.ofDays(7)); // 2026-03-24: 15 days open, past the 14-day escalation limit
        fx.driver.advanceWallClockTime(Duration.ofMinutes(1));
        Alert escalated = single(fx.newAlerts());
        assertThat(escalated.state()).isEqualTo(AlertState.UPDATED);
        assertThat(escalated.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(escalated.alertId()).isEqualTo(overdue.alertId());
        assertThat(escalated.observed()).isEqualTo(15.0);
        assertThat(escalated.threshold()).isEqualTo(14.0);
        assertThat(escalated.message().zh()).contains("升级督办", "已15天");

        send(status("v2", "w1", "lea", "2026-03-24", RETURNED));
        List<Alert> resolved = values(fx.newAlerts());
        assertThat(resolved).extracting(Alert::type, Alert::state).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(AlertType.DROPOUT_DETECTED, AlertState.RESOLVED),
                org.assertj.core.groups.Tuple.tuple(AlertType.DROPOUT_CASE_OVERDUE, AlertState.RESOLVED));
        assertThat(resolved).extracting(Alert::alertId).containsExactlyInAnyOrder(detected.alertId(), overdue.alertId());
        assertThat(current("wendeng", DropoutKpis.OVERDUE_CASES).value()).isZero();
        assertThat(current("wendeng", DropoutKpis.OPEN_CASES).value()).isZero();
        assertThat(kpi("wendeng", DropoutKpis.RETURNED_CASES, "day", "2026-03-24").value()).isEqualTo(1);
        assertThat(kpi("wendeng", DropoutKpis.MEDIAN_DAYS_TO_RETURN, "month", "2026-03-01").value()).isEqualTo(15);

        fx.clock.advance(Duration.ofDays(30));
        fx.driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(fx.newAlerts()).as("a closed case is never overdue").isEmpty();
    }

    @Test
    void aNewReasonWhileOverdueRestatesBothAlerts() {
        send(status("w1e", "w1", "mia", "2026-03-09", DROPPED_OUT).reason(DropoutReason.EMPLOYMENT));
        fx.newAlerts();
        fx.clock.advance(Duration.ofDays(7));
        fx.driver.advanceWallClockTime(Duration.ofMinutes(1));
        assertThat(values(fx.newAlerts())).extracting(Alert::type).containsExactly(AlertType.DROPOUT_CASE_OVERDUE);

        send(status("w2e", "w1", "mia", "2026-03-16", ABSENT_UNEXCUSED).reason(DropoutReason.FINANCIAL));

        List<Alert> updated = values(fx.newAlerts());
        assertThat(updated).extracting(Alert::type).containsExactlyInAnyOrder(AlertType.DROPOUT_DETECTED,
                AlertType.DROPOUT_CASE_OVERDUE);
        assertThat(updated).allSatisfy(alert -> {
            assertThat(alert.state()).isEqualTo(AlertState.UPDATED);
            assertThat(alert.message().en()).contains("reason: financial hardship");
        });
    }

    @Test
    void kpisAfterAMixedSequence() {
        fx.send(enrollment("en-w1", "w1", 3000), enrollment("en-w2", "w2", 2000), enrollment("en-h1", "h1", 1000));
        send(status("k1", "w1", "ann", "2026-03-02", DROPPED_OUT).reason(DropoutReason.FINANCIAL).grade(7),
                status("k2", "w2", "ben", "2026-03-04", ABSENT_UNEXCUSED),
                status("k3", "w2", "ben", "2026-03-05", ABSENT_UNEXCUSED),
                status("k4", "w2", "ben", "2026-03-06", ABSENT_UNEXCUSED),
                status("k5", "h1", "cat", "2026-03-03", DROPPED_OUT).reason(DropoutReason.ILLNESS).grade(5),
                status("k6", "h1", "cat", "2026-03-06", RETURNED),
                status("k7", "w1", "dan", "2026-03-05", DROPPED_OUT).grade(9),
                status("k8", "w1", "dan", "2026-03-09", TRANSFERRED_OUT),
                status("k9", "w1", "eve", "2026-03-02", DROPPED_OUT),
                status("k10", "w1", "eve", "2026-03-09", RETURNED),
                status("k11", "h1", "fay", "2026-03-09", ABSENT_EXCUSED));
        fx.driver.advanceWallClockTime(Duration.ofMinutes(1));

        // Open now: ann (w1, since 03-02: 8 days, overdue) and ben (w2, since 03-06).
        Kpi open = current("wendeng", DropoutKpis.OPEN_CASES);
        assertThat(open.value()).isEqualTo(2);
        assertThat(open.numerator()).isNull();
        assertThat(open.target()).isZero();
        assertThat(open.targetId()).isEqualTo("plan-38-dropout-zero");
        assertThat(open.status()).as("past the plan's 2025 deadline").isEqualTo(KpiStatus.SLIPPED);
        assertThat(open.schools()).isEqualTo(2);
        assertThat(open.periodStart()).isEqualTo(LocalDate.parse("2026-03-10"));
        assertThat(current("huancui", DropoutKpis.OPEN_CASES).value()).isZero();
        assertThat(current("huancui", DropoutKpis.OPEN_CASES).status()).isEqualTo(KpiStatus.MET);
        assertThat(current("city", DropoutKpis.OPEN_CASES).value()).isEqualTo(2);
        assertThat(current("wendeng", DropoutKpis.OVERDUE_CASES).value()).isEqualTo(1);
        assertThat(current("city", DropoutKpis.OVERDUE_CASES).value()).isEqualTo(1);

        assertRate(current("wendeng", DropoutKpis.RATE_PER_10K), 2, 5000);
        assertRate(current("city", DropoutKpis.RATE_PER_10K), 2, 6000);
        assertRate(current("huancui", DropoutKpis.RATE_PER_10K), 0, 1000);

        assertThat(current("wendeng", DropoutKpis.openByReason(DropoutReason.FINANCIAL)).value()).isEqualTo(1);
        assertThat(current("wendeng", DropoutKpis.openByReason(DropoutReason.UNKNOWN)).value()).isEqualTo(1);
        assertThat(current("city", DropoutKpis.openByReason(DropoutReason.ILLNESS)).value()).isZero();
        assertThat(current("city", DropoutKpis.openByGrade(7)).value()).isEqualTo(1);
        assertThat(current("city", DropoutKpis.openByGrade(8)).value()).isEqualTo(1);
        assertThat(current("city", DropoutKpis.openByGrade(9)).value()).isZero();

        assertThat(kpi("wendeng", DropoutKpis.NEW_CASES, "month", "2026-03-01").value()).isEqualTo(4);
        assertThat(kpi("wendeng", DropoutKpis.NEW_CASES, "day", "2026-03-02").value()).isEqualTo(2);
        assertThat(kpi("huancui", DropoutKpis.NEW_CASES, "month", "2026-03-01").value()).isEqualTo(1);
        assertThat(kpi("city", DropoutKpis.NEW_CASES, "month", "2026-03-01").value()).isEqualTo(5);
        assertThat(kpi("city", DropoutKpis.RETURNED_CASES, "month", "2026-03-01").value()).isEqualTo(2);
        assertThat(kpi("wendeng", DropoutKpis.RETURNED_CASES, "day", "2026-03-09").value()).isEqualTo(1);
        assertThat(kpi("city", DropoutKpis.TRANSFERRED_CASES, "month", "2026-03-01").value()).isEqualTo(1);
        Kpi median = kpi("city", DropoutKpis.MEDIAN_DAYS_TO_RETURN, "month", "2026-03-01");
        assertThat(median.value()).as("returns after 3 and 7 days").isEqualTo(5.0);
        assertThat(median.status()).isEqualTo(KpiStatus.NO_TARGET);
        assertThat(kpi("huancui", DropoutKpis.MEDIAN_DAYS_TO_RETURN, "month", "2026-03-01").value()).isEqualTo(3);
        assertThat(kpi("wendeng", DropoutKpis.MEDIAN_DAYS_TO_RETURN, "month", "2026-03-01").value()).isEqualTo(7);

        // A corrected head count replaces the first one; a late retry of the first changes nothing.
        fx.send(enrollment("en-w1-fix", "w1", 4000), enrollment("en-w1", "w1", 3000));
        assertRate(current("wendeng", DropoutKpis.RATE_PER_10K), 2, 6000);
        assertRate(current("city", DropoutKpis.RATE_PER_10K), 2, 7000);
    }

    @Test
    void theHeadCountOfTheLatestAsOfWinsWhateverTheArrivalOrder() {
        fx.send(enrollment("e-mar", "w1", 3000, "2026-03-01"));
        send(status("e1", "w1", "amy", "2026-03-09", DROPPED_OUT));
        assertRate(current("wendeng", DropoutKpis.RATE_PER_10K), 1, 3000);
        fx.newKpis();

        fx.send(enrollment("e-feb", "w1", 1000, "2026-02-01"), enrollment("e-feb", "w1", 1000, "2026-02-01"));
        assertThat(fx.newKpis()).as("a late count of an earlier day, and its retry, change nothing").isEmpty();
        assertRate(current("wendeng", DropoutKpis.RATE_PER_10K), 1, 3000);

        fx.send(enrollment("e-mar-fix", "w1", 3500, "2026-03-01"));
        assertRate(current("wendeng", DropoutKpis.RATE_PER_10K), 1, 3500);

        fx.send(enrollment("e-now", "w1", 4000, "2026-03-09"), enrollment("e-mar", "w1", 3000, "2026-03-01"),
                enrollment("e-mar-late", "w1", 2500, "2026-03-01"));
        assertRate(current("wendeng", DropoutKpis.RATE_PER_10K), 1, 4000);
        assertRate(current("city", DropoutKpis.RATE_PER_10K), 1, 4000);
    }

    @Test
    void anEventTooLateForThePupilsHistoryIsDeadLetteredUnchanged() {
        send(status("l1", "w1", "max", "2026-01-05", ABSENT_EXCUSED),
                status("l2", "w1", "max", "2026-03-09", ATTENDING));
        StudentStatusEvent late = status("l3", "w1", "max", "2026-01-05", DROPPED_OUT).build();
        fx.send(late);

        List<TestRecord<byte[], byte[]>> dead = fx.newDeadLetters();
        assertThat(dead).hasSize(1);
        assertThat(dead.get(0).key()).isEqualTo("w1".getBytes(StandardCharsets.UTF_8));
        assertThat(dead.get(0).value()).isEqualTo(TopologyFixture.encode(late));
        assertThat(header(dead.get(0), DeadLetterHeaders.ERROR_CODE)).isEqualTo("TOO_LATE");
        assertThat(header(dead.get(0), DeadLetterHeaders.FIELD)).isEqualTo("date");
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).contains("2026-01-05",
                "dropout.late.event.window.days = 30");
        assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_TOPIC)).isEqualTo(Topics.STUDENT_STATUS.name());
        assertThat(header(dead.get(0), DeadLetterHeaders.SOURCE_OFFSET)).isEqualTo("2");
        assertThat(fx.newAlerts()).isEmpty();
        assertThat(fx.meters.get("ruraledu.dead.letters").tag("error", "TOO_LATE").counter().count()).isEqualTo(1.0);
    }

    @Test
    void aRetryOfAnEventAlreadyFoldedIntoThePupilsHistoryChangesNothing() {
        StudentStatusEvent dropout = status("p1", "w1", "ola", "2026-01-05", DROPPED_OUT).build();
        fx.send(dropout);
        send(status("p2", "w1", "ola", "2026-03-09", ATTENDING)); // folds the dropout: 63 days behind
        fx.newAlerts();
        fx.newKpis();

        fx.send(dropout);

        assertThat(fx.newDeadLetters()).isEmpty();
        assertThat(fx.newAlerts()).isEmpty();
        assertThat(fx.newKpis()).isEmpty();
        assertThat(fx.meters.find("ruraledu.dead.letters").tag("error", "TOO_LATE").counter()).isNull();
    }

    // --- helpers

    private void send(DropoutInput... events) {
        for (DropoutInput event : events) {
            fx.send(event.build());
        }
    }

    private static Alert single(List<KeyValue<String, Alert>> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0).value;
    }

    private static List<Alert> values(List<KeyValue<String, Alert>> alerts) {
        List<Alert> values = new ArrayList<>();
        alerts.forEach(kv -> values.add(kv.value));
        return values;
    }

    private Kpi kpi(String scope, Metric metric, String period, String periodStart) {
        Kpi kpi = kpiStore().get(Kpi.key(scope, metric.id(), period, LocalDate.parse(periodStart)));
        assertThat(kpi).as("%s %s %s %s", scope, metric.id(), period, periodStart).isNotNull();
        return kpi;
    }

    /** A standing figure as computed today. */
    private Kpi current(String scope, Metric metric) {
        Kpi kpi = kpiStore().get(currentKey(scope, metric));
        assertThat(kpi).as("%s %s current", scope, metric.id()).isNotNull();
        return kpi;
    }

    private String currentKey(String scope, Metric metric) {
        return Kpi.key(scope, metric.id(), "current", LocalDate.ofInstant(fx.clock.instant(), RecordRules.ZONE));
    }

    private Map<String, Kpi> kpiStore() {
        return kpiStore(fx);
    }

    private static Map<String, Kpi> kpiStore(TopologyFixture fixture) {
        Map<String, Kpi> all = new LinkedHashMap<>();
        try (var it = fixture.kpiStore().all()) {
            it.forEachRemaining(kv -> all.put(kv.key, kv.value));
        }
        return all;
    }

    private static void assertRate(Kpi rate, double open, double enrolled) {
        assertThat(rate.numerator()).isEqualTo(open);
        assertThat(rate.denominator()).isEqualTo(enrolled);
        assertThat(rate.value()).isCloseTo(open / enrolled * 10_000, within(1e-9));
        assertThat(rate.status()).isEqualTo(KpiStatus.NO_TARGET);
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return DeadLetterHeaders.get(record.headers(), name);
    }
}
