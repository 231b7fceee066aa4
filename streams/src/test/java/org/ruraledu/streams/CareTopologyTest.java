package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.CareData.care;
import static org.ruraledu.streams.CareData.closed;
import static org.ruraledu.streams.CareData.enrolment;
import static org.ruraledu.streams.CareData.recount;
import static org.ruraledu.streams.CareData.urban;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Kpi;
import org.ruraledu.schemas.CareReport;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.streams.CareData.SchoolMonth;
import org.ruraledu.streams.CareData.Sums;
import org.ruraledu.streams.care.Care;
import org.ruraledu.streams.dropout.Dropout;

/**
 * Left-behind children care through the production topology: the latest report per school and month wins, the
 * must-have rule of care rooms (with silent schools in the denominator), {@code current} against the month, and
 * CARE_ROOM_MISSING. The clock starts on 2026-03-10, 10:00 in Weihai: March is the current month.
 */
class CareTopologyTest {
    private static final LocalDate FEB = LocalDate.parse("2026-02-01");
    private static final LocalDate MAR = LocalDate.parse("2026-03-01");
    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");

    private TopologyFixture fx;

    @BeforeEach
    void start() {
        fx = new TopologyFixture(List.of(new Dropout(), new Care()));
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aCorrectionReplacesTheMonthAndRetriesChangeNothingEvenAfterIt() {
        fx.register(school("w1", "wendeng"), school("w2", "wendeng"), school("h1", "huancui"));
        CareReport first = care("c-w1", "w1", "2026-02", 10, 6, 3, 1, 2, false);
        CareReport correction = care("c-w1-fix", "w1", "2026-02", 10, 9, 4, 1, 2, true);
        CareReport w2 = care("c-w2", "w2", "2026-02", 20, 20, 5, 2, 1, true);
        CareReport h1 = care("c-h1", "h1", "2026-02", 7, 3, 1, 0, 1, false);
        fx.send(first, w2, h1);
        fx.send(correction);
        fx.newKpis();

        fx.send(first, correction, w2); // retries: of the first report after its correction too
        assertThat(fx.newKpis()).as("retries publish nothing").isEmpty();

        Sums wendeng = recount(List.of(SchoolMonth.reported(true, correction), SchoolMonth.reported(true, w2)));
        Sums city = recount(List.of(SchoolMonth.reported(true, correction), SchoolMonth.reported(true, w2),
                SchoolMonth.reported(true, h1)));
        assertSums("wendeng", "month", FEB, wendeng);
        assertSums(District.CITY, "month", FEB, city);
        assertThat(kpi("wendeng", "care.room_coverage", "month", FEB).value()).isEqualTo(1.0);
        assertThat(kpi(District.CITY, "care.room_coverage", "month", FEB).targetId()).isEqualTo("plan-38-care-rooms");
        // February is each school's latest month: the current figures are the same sums
        assertSums("wendeng", "current", TODAY, wendeng);
        assertSums(District.CITY, "current", TODAY, city);
    }

    @Test
    void schoolsThatMustRunACareRoomAreActiveRuralSchoolsWithLeftBehindChildren() {
        SchoolProfile c1 = school("c1", "wendeng");
        fx.register(school("r1", "wendeng"), school("r2", "wendeng"), school("r3", "wendeng"),
                urban("u1", "wendeng"), school("s1", "wendeng"), school("s2", "wendeng"), c1);
        CareReport r1 = care("c-r1", "r1", "2026-03", 12, 5, false);
        CareReport r2 = care("c-r2", "r2", "2026-03", 0, 0, false); // no left-behind children: need not
        CareReport r3 = care("c-r3", "r3", "2026-03", 8, 8, true);
        CareReport u1 = care("c-u1", "u1", "2026-03", 4, 2, false); // urban: need not (by default)
        fx.send(r1, r2, r3, u1);
        // silent schools: by their latest enrolment
        fx.send(enrolment("e-s1", "s1", "2026-03-01", 5), enrolment("e-s1-old", "s1", "2026-02-01", 0),
                enrolment("e-s2", "s2", "2026-03-01", 0), enrolment("e-c1", "c1", "2026-03-01", 3));

        List<SchoolMonth> march = List.of(SchoolMonth.reported(true, r1), SchoolMonth.reported(true, r2),
                SchoolMonth.reported(true, r3), SchoolMonth.reported(false, u1), SchoolMonth.silent(true, 5),
                SchoolMonth.silent(true, 0), SchoolMonth.silent(true, 3));
        assertSums("wendeng", "month", MAR, recount(march));
        assertSums("wendeng", "current", TODAY, recount(march));
        assertThat(kpi("wendeng", "care.room_coverage", "month", MAR).denominator()).isEqualTo(4.0);

        fx.register(closed(c1)); // a closed school must not
        List<SchoolMonth> afterClosing = List.of(SchoolMonth.reported(true, r1), SchoolMonth.reported(true, r2),
                SchoolMonth.reported(true, r3), SchoolMonth.reported(false, u1), SchoolMonth.silent(true, 5),
                SchoolMonth.silent(true, 0));
        assertSums("wendeng", "current", TODAY, recount(afterClosing));
        assertSums("wendeng", "month", MAR, recount(afterClosing)); // the current month's fallback follows

        CareReport s1 = care("c-s1", "s1", "2026-03", 5, 5, true); // the silent school reports: replaces its fallback
        fx.send(s1);
        List<SchoolMonth> reported = List.of(SchoolMonth.reported(true, r1), SchoolMonth.reported(true, r2),
                SchoolMonth.reported(true, r3), SchoolMonth.reported(false, u1), SchoolMonth.reported(true, s1),
                SchoolMonth.silent(true, 0));
        assertSums("wendeng", "month", MAR, recount(reported));
        assertSums("wendeng", "current", TODAY, recount(reported));

        fx.register(urban("r1", "wendeng")); // no longer rural: no longer must for the current figure
        List<SchoolMonth> r1Urban = List.of(SchoolMonth.reported(false, r1), SchoolMonth.reported(true, r2),
                SchoolMonth.reported(true, r3), SchoolMonth.reported(false, u1), SchoolMonth.reported(true, s1),
                SchoolMonth.silent(true, 0));
        assertSums("wendeng", "current", TODAY, recount(r1Urban));
        assertSums("wendeng", "month", MAR, recount(reported)); // the month stays as it was counted
    }

    @Test
    void withRequiredForAllUrbanSchoolsMustRunOneToo() {
        fx.close();
        fx = new TopologyFixture(List.of(new Dropout(), new Care()), Map.of("care.room.required.for", "all"));
        fx.register(school("r1", "wendeng"), urban("u1", "wendeng"), urban("u2", "wendeng"));
        CareReport r1 = care("c-r1", "r1", "2026-03", 12, 5, true);
        CareReport u1 = care("c-u1", "u1", "2026-03", 4, 2, false);
        fx.send(r1, u1, enrolment("e-u2", "u2", "2026-03-01", 2));

        List<SchoolMonth> march = List.of(SchoolMonth.reported(true, r1), SchoolMonth.reported(true, u1),
                SchoolMonth.silent(true, 2));
        assertSums("wendeng", "month", MAR, recount(march));
        assertSums("wendeng", "current", TODAY, recount(march));
        assertThat(kpi("wendeng", "care.room_coverage", "month", MAR).denominator()).isEqualTo(3.0);
    }

    @Test
    void aSilentSchoolsMonthKeepsItsFallbackUntilItsLateReportReplacesIt() {
        fx.register(school("s1", "wendeng"), school("w1", "wendeng"));
        fx.send(enrolment("e-s1", "s1", "2026-03-01", 5));
        fx.send(care("c-w1-mar", "w1", "2026-03", 10, 10, true));

        fx.clock.advance(Duration.ofDays(25)); // 2026-04-04: April begins, March is over
        fx.driver.advanceWallClockTime(DailyCheck.INTERVAL);
        LocalDate apr = LocalDate.parse("2026-04-01");
        LocalDate today = LocalDate.parse("2026-04-04");
        assertSums("wendeng", "month", apr, recount(List.of(SchoolMonth.silent(true, 5), SchoolMonth.silent(true, 0))));
        CareReport w1 = care("c-w1-mar", "w1", "2026-03", 10, 10, true);
        assertSums("wendeng", "month", MAR, recount(List.of(SchoolMonth.silent(true, 5), SchoolMonth.reported(true, w1))));

        CareReport late = care("c-s1-mar", "s1", "2026-03", 6, 4, false);
        fx.send(late);
        assertSums("wendeng", "month", MAR, recount(List.of(SchoolMonth.reported(true, late),
                SchoolMonth.reported(true, w1))));
        assertSums("wendeng", "month", apr, recount(List.of(SchoolMonth.silent(true, 5))));
        assertSums("wendeng", "current", today, recount(List.of(SchoolMonth.reported(true, late),
                SchoolMonth.reported(true, w1))));
    }

    @Test
    void currentIsEachSchoolsLatestReportedMonthAndAnOlderMonthChangesOnlyItself() {
        fx.register(school("w1", "wendeng"), school("w2", "wendeng"));
        CareReport w1Feb = care("c-w1-feb", "w1", "2026-02", 10, 10, 2, 0, 1, true);
        CareReport w1Mar = care("c-w1-mar", "w1", "2026-03", 11, 4, 1, 1, 0, false);
        CareReport w2Feb = care("c-w2-feb", "w2", "2026-02", 6, 3, 0, 0, 3, true);
        fx.send(w1Mar, w1Feb, w2Feb); // February of w1 arrives after March

        assertSums("wendeng", "current", TODAY, recount(List.of(SchoolMonth.reported(true, w1Mar),
                SchoolMonth.reported(true, w2Feb))));
        assertSums("wendeng", "month", FEB, recount(List.of(SchoolMonth.reported(true, w1Feb),
                SchoolMonth.reported(true, w2Feb))));
        assertSums("wendeng", "month", MAR, recount(List.of(SchoolMonth.reported(true, w1Mar))));

        CareReport w1FebFix = care("c-w1-feb-fix", "w1", "2026-02", 10, 2, 2, 0, 1, false);
        fx.send(w1FebFix);
        assertSums("wendeng", "month", FEB, recount(List.of(SchoolMonth.reported(true, w1FebFix),
                SchoolMonth.reported(true, w2Feb))));
        assertSums("wendeng", "current", TODAY, recount(List.of(SchoolMonth.reported(true, w1Mar),
                SchoolMonth.reported(true, w2Feb))));
    }

    @Test
    void careRoomMissingOpensAndACorrectionOfTheMonthResolvesIt() {
        fx.register(school("w1", "wendeng"));
        fx.newAlerts();
        fx.send(care("c1", "w1", "2026-03", 12, 5, false));

        List<KeyValue<String, Alert>> opened = fx.newAlerts();
        assertThat(opened).hasSize(1);
        Alert alert = opened.get(0).value;
        assertThat(opened.get(0).key).isEqualTo("wendeng");
        assertThat(alert.type()).isEqualTo(AlertType.CARE_ROOM_MISSING);
        assertThat(alert.state()).isEqualTo(Alert.AlertState.OPEN);
        assertThat(alert.severity()).isEqualTo(Alert.Severity.WARNING);
        assertThat(alert.planItem()).isEqualTo(38);
        assertThat(alert.metric()).isEqualTo("care.room_coverage");
        assertThat(alert.periodStart()).isEqualTo(MAR);
        assertThat(alert.schoolId()).isEqualTo("w1");
        assertThat(alert.message().zh()).contains("文登区", "School w1", "2026年3月", "关爱室");
        assertThat(alert.message().en()).contains("School w1", "Wendeng", "2026-03", "care room");

        fx.send(care("c1", "w1", "2026-03", 12, 5, false));
        assertThat(fx.newAlerts()).as("a retry").isEmpty();

        fx.send(care("c1-fix", "w1", "2026-03", 12, 5, true));
        List<KeyValue<String, Alert>> resolved = fx.newAlerts();
        assertThat(resolved).extracting(kv -> kv.value.state()).containsExactly(Alert.AlertState.RESOLVED);
        assertThat(resolved.get(0).value.alertId()).isEqualTo(alert.alertId());
        assertThat(TopologyFixture.keysOf(fx.openAlertStore())).isEmpty();
    }

    @Test
    void aLaterMonthWithARoomResolvesAndAnOlderMonthNeverReopens() {
        fx.register(school("w1", "wendeng"), urban("u1", "wendeng"), school("w2", "wendeng"));
        fx.send(care("u1-feb", "u1", "2026-02", 9, 1, false)); // urban: need not, no alert
        fx.send(care("w2-feb", "w2", "2026-02", 0, 0, false)); // no left-behind children: need not
        assertThat(fx.newAlerts()).isEmpty();

        fx.send(care("feb", "w1", "2026-02", 12, 5, false));
        Alert open = single(fx.newAlerts(), Alert.AlertState.OPEN);
        assertThat(open.periodStart()).isEqualTo(FEB);

        fx.send(care("mar", "w1", "2026-03", 12, 5, true));
        Alert resolved = single(fx.newAlerts(), Alert.AlertState.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        assertThat(resolved.periodStart()).isEqualTo(MAR);

        fx.send(care("feb-fix", "w1", "2026-02", 12, 4, false)); // an older month: against March's state, nothing
        assertThat(fx.newAlerts()).isEmpty();
    }

    @Test
    void oneAlertPerSchoolStaysOpenThroughLaterMonthsWithoutARoom() {
        fx.register(school("w1", "wendeng"));
        fx.send(care("feb", "w1", "2026-02", 12, 5, false));
        Alert open = single(fx.newAlerts(), Alert.AlertState.OPEN);

        fx.send(care("mar", "w1", "2026-03", 13, 5, false));
        Alert updated = single(fx.newAlerts(), Alert.AlertState.UPDATED);
        assertThat(updated.alertId()).isEqualTo(open.alertId());
        assertThat(updated.periodStart()).isEqualTo(MAR);

        fx.send(care("feb-fix", "w1", "2026-02", 12, 5, true)); // February corrected: March still has none
        assertThat(fx.newAlerts()).isEmpty();
        assertThat(TopologyFixture.keysOf(fx.openAlertStore())).containsExactly("CARE_ROOM_MISSING:w1:2026-02");

        fx.send(care("mar-fix", "w1", "2026-03", 13, 5, true));
        assertThat(single(fx.newAlerts(), Alert.AlertState.RESOLVED).alertId()).isEqualTo(open.alertId());

        fx.send(care("mar-fix-2", "w1", "2026-03", 13, 5, false)); // missing again: a new alert, an id of its own
        Alert again = single(fx.newAlerts(), Alert.AlertState.OPEN);
        assertThat(again.alertId()).isNotEqualTo(open.alertId());
    }

    private static Alert single(List<KeyValue<String, Alert>> alerts, Alert.AlertState state) {
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).value.type()).isEqualTo(AlertType.CARE_ROOM_MISSING);
        assertThat(alerts.get(0).value.state()).isEqualTo(state);
        return alerts.get(0).value;
    }

    private Kpi kpi(String scope, String metric, String period, LocalDate periodStart) {
        return fx.kpiStore().get(Kpi.key(scope, metric, period, periodStart));
    }

    /** Every care KPI of the scope and period against the recount (a ratio with a zero denominator: no data). */
    private void assertSums(String scope, String period, LocalDate periodStart, Sums expected) {
        Kpi contact = kpi(scope, "care.contact_coverage", period, periodStart);
        Kpi rooms = kpi(scope, "care.room_coverage", period, periodStart);
        String where = scope + " " + period + " " + periodStart;
        assertThat(contact).as(where).isNotNull();
        assertThat(contact.numerator()).as(where + " contacted").isEqualTo((double) expected.contacted());
        assertThat(contact.denominator()).as(where + " registered").isEqualTo((double) expected.registered());
        assertThat(rooms.numerator()).as(where + " rooms operating").isEqualTo((double) expected.roomOperating());
        assertThat(rooms.denominator()).as(where + " rooms required").isEqualTo((double) expected.mustHaveRoom());
        if (expected.mustHaveRoom() > 0) {
            assertThat(rooms.value()).as(where).isEqualTo((double) expected.roomOperating() / expected.mustHaveRoom());
        }
        assertThat(kpi(scope, "care.home_visits", period, periodStart).value()).as(where)
                .isEqualTo((double) expected.homeVisits());
        assertThat(kpi(scope, "care.counseling_sessions", period, periodStart).value()).as(where)
                .isEqualTo((double) expected.counseling());
        assertThat(kpi(scope, "care.parent_sessions", period, periodStart).value()).as(where)
                .isEqualTo((double) expected.parentSessions());
    }
}
