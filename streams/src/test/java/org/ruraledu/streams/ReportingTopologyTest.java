package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.streams.TopologyFixture.encode;
import static org.ruraledu.streams.TopologyFixture.key;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.TestInputTopic;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert.AlertState;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Kpi;
import org.ruraledu.contract.KpiStatus;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.ClimateReading;
import org.ruraledu.schemas.EnergySource;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.streams.targets.PlanTargets;
import org.ruraledu.topics.Topics;

/**
 * Reporting completeness through the production topology: what schools owe by the calendar, REPORT_MISSING on
 * wall-clock time with no input at all, late reports, holidays, new and closed schools, school hours of readings.
 * The fixture starts on Tuesday 2026-03-10, 10:00 in Weihai (a school day of the spring term, heating season);
 * meal reports are due at 16:00. Expected figures are recounted here from the rules: owed = the school days (hours)
 * of active schools registered by then whose deadline passed; received = those reported; on time = by the deadline.
 */
class ReportingTopologyTest {
    private static final String ALL = "meal-reports,climate-readings,care-reports,enrollment";
    private static final LocalTime MEALS_DUE = LocalTime.of(16, 0);

    private TopologyFixture fx;
    private TestInputTopic<byte[], byte[]> meals;
    private TestInputTopic<byte[], byte[]> readings;
    private TestInputTopic<byte[], byte[]> care;
    private TestInputTopic<byte[], byte[]> enrolment;

    private void start(String kinds, Instant at) {
        start(TopologyFixture.reportingAndItsOwners(), kinds, at);
    }

    private void start(List<Domain> domains, String kinds, Instant at) {
        fx = new TopologyFixture(domains, Map.of("reporting.kinds", kinds), at);
        ByteArraySerializer bytes = new ByteArraySerializer();
        meals = fx.driver.createInputTopic(Topics.MEAL_REPORTS.name(), bytes, bytes);
        readings = fx.driver.createInputTopic(Topics.CLIMATE_READINGS.name(), bytes, bytes);
        care = fx.driver.createInputTopic(Topics.CARE_REPORTS.name(), bytes, bytes);
        enrolment = fx.driver.createInputTopic(Topics.ENROLLMENT.name(), bytes, bytes);
    }

    private void start() {
        start(ALL, TopologyFixture.NOW);
    }

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aDeadlinePassingWithNoInputAtAllRaisesTheAlertWithinTheCheckInterval() {
        start();
        fx.register(school("w1", "wendeng"));
        at("2026-03-10T15:59:45");
        assertThat(missingAlerts()).as("before the deadline").isEmpty();
        assertThat(kpi("wendeng", "reporting.completeness", "day", "2026-03-10")).as("a day in progress").isNull();

        at("2026-03-10T16:00:15");
        Alert alert = single(missingAlerts());
        assertThat(alert.state()).isEqualTo(AlertState.OPEN);
        assertThat(alert.schoolId()).isEqualTo("w1");
        assertThat(alert.district()).isEqualTo("wendeng");
        assertThat(alert.periodStart()).hasToString("2026-03-10");
        assertThat(alert.observed()).isEqualTo(1.0);
        assertThat(alert.planItem()).isEqualTo(9);
        assertThat(Duration.between(local("2026-03-10T16:00"), alert.openedAt()))
                .isBetween(Duration.ZERO, Duration.ofSeconds(30));
        assertThat(alert.message().en()).contains("School w1", "daily meal report", "1 school day since 2026-03-10");
        assertThat(alert.message().zh()).contains("午餐日报", "1个上学日");

        for (String scope : List.of("wendeng", District.CITY)) {
            for (String metric : List.of("reporting.completeness", "reporting.timeliness",
                    "reporting.completeness.meal-reports", "reporting.timeliness.meal-reports")) {
                assertRatio(scope, metric, "day", "2026-03-10", 0, 1);
                assertRatio(scope, metric, "month", "2026-03-01", 0, 1);
            }
        }
    }

    @Test
    void oneAlertPerSchoolAndKindSaysHowManyPeriodsAreMissing() {
        start();
        fx.register(school("w1", "wendeng"));
        at("2026-03-10T16:00:15");
        Alert opened = single(missingAlerts());
        at("2026-03-11T16:00:15");
        at("2026-03-12T16:00:15");
        at("2026-03-13T09:00");
        List<Alert> updates = missingAlerts();
        assertThat(updates).extracting(Alert::state).containsExactly(AlertState.UPDATED, AlertState.UPDATED);
        assertThat(updates).extracting(Alert::alertId).containsOnly(opened.alertId());
        assertThat(updates).extracting(Alert::observed).containsExactly(2.0, 3.0);
        assertThat(updates.get(1).message().en()).contains("3 school days since 2026-03-10");
        assertThat(updates.get(1).periodStart()).hasToString("2026-03-10");
        assertThat(fx.openAlertStore().get(opened.alertId().substring(0, opened.alertId().lastIndexOf(':'))))
                .as("one open alert").isNotNull();
        assertRatio("wendeng", "reporting.completeness", "month", "2026-03-01", 0, 3);
    }

    @Test
    void aLateReportRaisesCompletenessButNeverTimelinessAndResolvesTheAlert() {
        start();
        fx.register(school("w1", "wendeng"), school("w2", "wendeng"), school("h1", "huancui"));
        at("2026-03-10T12:00");
        meals.pipeInput(key("w2"), encode(meal("m-w2", "w2", "2026-03-10", 100, 100, 0)), local("2026-03-10T12:00"));
        meals.pipeInput(key("h1"), encode(meal("m-h1", "h1", "2026-03-10", 50, 50, 0)), local("2026-03-10T15:59"));
        at("2026-03-10T16:00:15");
        Alert open = single(missingAlerts());
        assertThat(open.schoolId()).isEqualTo("w1");

        List<Owed> owed = new ArrayList<>(List.of(new Owed("wendeng", "w1", null), new Owed("wendeng", "w2",
                "2026-03-10T12:00"), new Owed("huancui", "h1", "2026-03-10T15:59")));
        assertRecount(owed);

        at("2026-03-10T18:00");
        meals.pipeInput(key("w1"), encode(meal("m-w1", "w1", "2026-03-10", 80, 80, 0)), local("2026-03-10T18:00"));
        owed.set(0, new Owed("wendeng", "w1", "2026-03-10T18:00"));
        assertRecount(owed);
        assertRatio("wendeng", "reporting.completeness", "day", "2026-03-10", 2, 2);
        assertRatio("wendeng", "reporting.timeliness", "day", "2026-03-10", 1, 2);
        Alert resolved = single(missingAlerts());
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.alertId()).isEqualTo(open.alertId());
        assertThat(resolved.message().en()).contains("Reporting resumed");

        meals.pipeInput(key("w1"), encode(meal("m-w1", "w1", "2026-03-10", 80, 80, 0)), local("2026-03-10T18:01"));
        assertThat(missingAlerts()).as("a retry changes nothing").isEmpty();
        assertRecount(owed);
    }

    @Test
    void nothingIsOwedOnASchoolHoliday() {
        // Monday 2026-04-06 is the Qingming holiday of the built-in calendar; Tuesday 04-07 a school day.
        start(ALL, local("2026-04-06T10:00"));
        fx.register(school("w1", "wendeng"));
        at("2026-04-06T16:00:15");
        at("2026-04-06T23:00");
        assertThat(missingAlerts()).isEmpty();
        assertThat(kpi("wendeng", "reporting.completeness", "day", "2026-04-06")).isNull();

        at("2026-04-07T16:00:15");
        Alert alert = single(missingAlerts());
        assertThat(alert.periodStart()).hasToString("2026-04-07");
        assertThat(alert.observed()).isEqualTo(1.0);
        assertRatio("wendeng", "reporting.completeness", "month", "2026-04-01", 0, 1);
    }

    @Test
    void aNewSchoolOwesFromItsRegistrationOn() {
        start();
        fx.register(school("w1", "wendeng"));
        at("2026-03-10T17:00");
        fx.register(school("w2", "wendeng")); // after the day's deadline: owes from the next school day
        at("2026-03-11T09:00");
        fx.register(school("w3", "wendeng")); // in the morning: owes that day
        assertThat(single(missingAlerts()).schoolId()).isEqualTo("w1");

        at("2026-03-11T16:00:15");
        assertRatio("wendeng", "reporting.completeness", "day", "2026-03-10", 0, 1);
        assertRatio("wendeng", "reporting.completeness", "day", "2026-03-11", 0, 3);
        assertRatio("wendeng", "reporting.completeness", "month", "2026-03-01", 0, 4);
        List<Alert> alerts = missingAlerts();
        assertThat(alerts).extracting(a -> a.schoolId() + " " + a.state() + " " + a.periodStart())
                .containsExactlyInAnyOrder("w1 UPDATED 2026-03-10", "w2 OPEN 2026-03-11", "w3 OPEN 2026-03-11");
    }

    @Test
    void anInactiveSchoolOwesNothingAndItsOpenAlertIsResolved() {
        start();
        fx.register(school("w1", "wendeng"), school("w2", "wendeng"));
        at("2026-03-10T16:00:15");
        assertThat(missingAlerts()).hasSize(2);

        at("2026-03-10T17:00");
        SchoolProfile closed = SchoolProfile.newBuilder(school("w1", "wendeng")).setActive(false).build();
        fx.register(closed);
        Alert resolved = single(missingAlerts());
        assertThat(resolved.schoolId()).isEqualTo("w1");
        assertThat(resolved.state()).isEqualTo(AlertState.RESOLVED);
        assertThat(resolved.message().en()).contains("closed", "owes no daily meal report");

        at("2026-03-11T16:00:15");
        Alert w2 = single(missingAlerts());
        assertThat(w2.schoolId()).isEqualTo("w2");
        assertThat(w2.observed()).isEqualTo(2.0);
        assertRatio("wendeng", "reporting.completeness", "day", "2026-03-10", 0, 2);
        assertRatio("wendeng", "reporting.completeness", "day", "2026-03-11", 0, 1);
    }

    @Test
    void aHeatedSchoolOwesAReadingInEachSchoolHourOfTheHeatingSeason() {
        start("climate-readings", TopologyFixture.NOW);
        SchoolProfile heated = SchoolProfile.newBuilder(school("h1", "wendeng")).setServesLunch(false)
                .setHeatingSource(EnergySource.COAL).build();
        SchoolProfile unheated = SchoolProfile.newBuilder(school("u1", "wendeng")).setServesLunch(false).build();
        fx.register(heated, unheated);
        List<String> alertLog = new ArrayList<>();
        int sent = 0;
        // Registered at 10:00: owes the school hours 10:00 .. 16:00 (7); two rooms every 5 minutes, none from 11 to 12.
        for (LocalDateTime t = LocalDateTime.parse("2026-03-10T10:00"); !t.isAfter(LocalDateTime.parse(
                "2026-03-10T17:00")); t = t.plusMinutes(5)) {
            at(t.toString());
            missingAlerts().forEach(a -> alertLog.add(a.state() + " " + a.observed() + " at "
                    + a.updatedAt().atZone(RecordRules.ZONE).toLocalTime()));
            if (t.getHour() != 11 && t.getHour() < 17) {
                for (String room : List.of("room-1", "room-2")) {
                    Instant measured = t.atZone(RecordRules.ZONE).toInstant();
                    readings.pipeInput(key("h1"), encode(ClimateReading.newBuilder().setReadingId("r" + sent++)
                            .setSchoolId("h1").setRoomId(room).setMeasuredAt(measured).setTemperatureC(19)
                            .setHeatingOn(true).setCoolingOn(false).setEnergySource(EnergySource.COAL).build()),
                            measured);
                }
            }
            missingAlerts().forEach(a -> alertLog.add(a.state() + " " + a.observed() + " at "
                    + a.updatedAt().atZone(RecordRules.ZONE).toLocalTime()));
        }
        assertThat(alertLog).as("the 11:00 hour missing, then the 12:00 hour's readings")
                .containsExactly("OPEN 1.0 at 12:00", "RESOLVED 0.0 at 12:00");
        assertRatio("wendeng", "reporting.completeness.climate-readings", "day", "2026-03-10", 6, 7);
        assertRatio("wendeng", "reporting.timeliness.climate-readings", "day", "2026-03-10", 6, 7);
        assertRatio("wendeng", "reporting.completeness", "month", "2026-03-01", 6, 7);
        Kpi meals = kpi("wendeng", "reporting.completeness.meal-reports", "day", "2026-03-10");
        assertThat(meals.denominator()).as("meal reports not tracked here").isEqualTo(0.0);
        assertThat(String.valueOf(meals.status())).isEqualTo("NO_DATA");
    }

    @Test
    void careIsOwedMonthlyByDay5AndEnrolmentWithinTheTermsFirst14Days() {
        start("care-reports,enrollment", TopologyFixture.NOW);
        fx.register(school("w1", "wendeng"), school("w2", "wendeng")); // rural: both must report care
        at("2026-05-03T10:00");
        care.pipeInput(key("w2"), encode(CareData.care("c-w2", "w2", "2026-04", 3, 3, true)), local("2026-05-03T10:00"));
        at("2026-05-05T23:59:45");
        assertThat(missingAlerts()).as("March began before they registered; April is due by the end of 05-05")
                .isEmpty();

        at("2026-05-06T00:00:15");
        Alert care1 = single(missingAlerts());
        assertThat(care1.schoolId()).isEqualTo("w1");
        assertThat(care1.periodStart()).hasToString("2026-04-01");
        assertThat(care1.message().en()).contains("monthly care report for 1 month since 2026-04-01");
        assertRatio("wendeng", "reporting.completeness.care-reports", "month", "2026-04-01", 1, 2);
        assertRatio("wendeng", "reporting.timeliness", "month", "2026-04-01", 1, 2);
        assertThat(kpi("wendeng", "reporting.completeness", "day", "2026-04-01")).as("a month counts in months only")
                .isNull();

        at("2026-08-28T10:00"); // May, June, July missed by both (August has no school day: nothing owed)
        enrolment.pipeInput(key("w2"), encode(CareData.enrolment("e-w2", "w2", "2026-08-28", 3)),
                local("2026-08-28T10:00"));
        assertThat(missingAlerts()).extracting(a -> a.schoolId() + " " + a.state() + " " + a.observed())
                .as("one check closed the three months: one update each")
                .containsExactly("w1 UPDATED 4.0", "w2 OPEN 3.0");
        at("2026-09-14T23:59:45");
        assertThat(missingAlerts()).isEmpty();
        at("2026-09-15T00:00:15"); // the term began 09-01: its enrolment was due by the end of 09-14
        Alert enrolled = single(missingAlerts());
        assertThat(enrolled.schoolId()).as("w2's enrolment of the vacation before counts for the term").isEqualTo("w1");
        assertThat(enrolled.alertId()).contains(":enrollment:2026-09-01");
        assertThat(enrolled.planItem()).isEqualTo(38);
        assertRatio("wendeng", "reporting.completeness.enrollment", "month", "2026-09-01", 1, 2);
        assertRatio("wendeng", "reporting.completeness.care-reports", "month", "2026-07-01", 0, 2);
        assertThat(kpi("wendeng", "reporting.completeness", "month", "2026-08-01")).isNull();
    }

    @Test
    void careAndEnrolmentCompletenessAreJudgedAgainstTheirItem38Targets() {
        List<Domain> domains = new ArrayList<>(TopologyFixture.reportingAndItsOwners());
        domains.add(new PlanTargets());
        start(domains, "care-reports,enrollment", TopologyFixture.NOW);
        fx.register(school("w1", "wendeng"), school("w2", "wendeng"));
        at("2026-05-03T10:00");
        care.pipeInput(key("w2"), encode(CareData.care("c-w2", "w2", "2026-04", 3, 3, true)), local("2026-05-03T10:00"));
        at("2026-05-06T00:00:15"); // April's care reports were due: w1's is missing
        assertSlipped("reporting.completeness.care-reports", "2026-04-01", "plan-38-care-reporting", "动态掌握困境儿童底数");

        at("2026-09-01T10:00");
        enrolment.pipeInput(key("w2"), encode(CareData.enrolment("e-w2", "w2", "2026-09-01", 3)),
                local("2026-09-01T10:00"));
        at("2026-09-15T00:00:15"); // the autumn term's enrolment was due: w1's is missing
        assertSlipped("reporting.completeness.enrollment", "2026-09-01", "plan-38-enrollment-reporting",
                "失学辍学常态监测机制");
    }

    /** Wendeng's month figure of {@code metric}, 1 of 2, slipped against {@code targetId}, and its alert opened. */
    private void assertSlipped(String metric, String month, String targetId, String planWords) {
        Kpi figure = kpi("wendeng", metric, "month", month);
        assertThat(figure.value()).isEqualTo(0.5);
        assertThat(figure.targetId()).isEqualTo(targetId);
        assertThat(figure.target()).isEqualTo(1.0);
        assertThat(figure.status()).as("the target holds since 2026").isEqualTo(KpiStatus.SLIPPED);
        List<Alert> slipped = fx.newAlerts().stream().map(kv -> kv.value)
                .filter(a -> targetId.equals(a.targetId())).toList();
        assertThat(slipped).extracting(Alert::district).containsExactlyInAnyOrder("wendeng", District.CITY);
        assertThat(slipped).allSatisfy(a -> {
            assertThat(a.type()).isEqualTo(AlertType.TARGET_SLIPPED);
            assertThat(a.state()).isEqualTo(AlertState.OPEN);
            assertThat(a.planItem()).isEqualTo(38);
            assertThat(a.metric()).isEqualTo(metric);
            assertThat(a.message().zh()).contains(planWords);
        });
    }

    /** One owed school day: {@code received} the local time of its report, null if none. */
    private record Owed(String district, String schoolId, String received) {
        boolean got() {
            return received != null;
        }

        boolean onTime() {
            return got() && !LocalDateTime.parse(received).toLocalTime().isAfter(MEALS_DUE);
        }
    }

    /** The day's and month's KPIs of 2026-03-10 per district and city, recounted from the owed list. */
    private void assertRecount(List<Owed> owed) {
        for (String scope : List.of("wendeng", "huancui", District.CITY)) {
            List<Owed> in = owed.stream().filter(o -> scope.equals(District.CITY) || o.district().equals(scope)).toList();
            long got = in.stream().filter(Owed::got).count();
            long onTime = in.stream().filter(Owed::onTime).count();
            for (String period : List.of("day|2026-03-10", "month|2026-03-01")) {
                String[] p = period.split("\\|");
                assertRatio(scope, "reporting.completeness", p[0], p[1], got, in.size());
                assertRatio(scope, "reporting.timeliness", p[0], p[1], onTime, in.size());
                assertRatio(scope, "reporting.completeness.meal-reports", p[0], p[1], got, in.size());
                assertRatio(scope, "reporting.timeliness.meal-reports", p[0], p[1], onTime, in.size());
            }
        }
    }

    private void assertRatio(String scope, String metric, String period, String start, long numerator,
            long denominator) {
        Kpi kpi = kpi(scope, metric, period, start);
        assertThat(kpi).as(scope + " " + metric + " " + period + " " + start).isNotNull();
        assertThat(kpi.numerator()).as(scope + " " + metric + " numerator").isEqualTo((double) numerator);
        assertThat(kpi.denominator()).as(scope + " " + metric + " denominator").isEqualTo((double) denominator);
        assertThat(kpi.value()).isEqualTo((double) numerator / denominator);
    }

    private Kpi kpi(String scope, String metric, String period, String start) {
        return fx.kpiStore().get(scope + "|" + metric + "|" + period + "|" + start);
    }

    /** Moves the clock and the driver's wall clock to a local time (Weihai), so that the wall-clock checks run. */
    private void at(String localDateTime) {
        Duration by = Duration.between(fx.clock.instant(), local(localDateTime));
        fx.clock.advance(by);
        fx.driver.advanceWallClockTime(by);
    }

    private static Instant local(String localDateTime) {
        return LocalDateTime.parse(localDateTime).atZone(RecordRules.ZONE).toInstant();
    }

    private List<Alert> missingAlerts() {
        return fx.newAlerts().stream().map(kv -> kv.value).filter(a -> a.type() == AlertType.REPORT_MISSING).toList();
    }

    private static Alert single(List<Alert> alerts) {
        assertThat(alerts).hasSize(1);
        return alerts.get(0);
    }
}
