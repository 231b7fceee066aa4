package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ruraledu.schemas.StudentStatus.ABSENT_UNEXCUSED;
import static org.ruraledu.schemas.StudentStatus.DROPPED_OUT;
import static org.ruraledu.schemas.StudentStatus.RETURNED;
import static org.ruraledu.streams.DropoutInput.enrollment;
import static org.ruraledu.streams.DropoutInput.status;
import static org.ruraledu.streams.TopologyFixture.meal;
import static org.ruraledu.streams.TopologyFixture.school;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert.AlertState;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Kpi;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.streams.dropout.Dropout;
import org.ruraledu.streams.dropout.DropoutKpis;
import org.ruraledu.streams.kpi.Kpis;
import org.ruraledu.streams.kpi.Metric;
import org.ruraledu.streams.meals.Meals;
import org.ruraledu.topics.DeadLetterHeaders;

/**
 * The registry is reference data that changes: a school that moves district takes its standing figures along at
 * once (open dropout cases, enrolment), its dated figures stay where they were counted, its alerts keep the
 * district they opened in; a school that closes keeps its open cases visible until they close, leaves the rate
 * denominators and takes no new reports. Expected figures are counted by hand from the events in each test.
 * The clock: Tuesday 2026-03-10, 10:00 in Weihai.
 */
class RegistryChangesTopologyTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-03-10");
    private final TopologyFixture fx = new TopologyFixture(List.of(new Meals(), new Dropout()));

    @AfterEach
    void stop() {
        fx.close();
    }

    @Test
    void aSchoolThatMovesTakesItsOpenCasesAndEnrolmentAlongAtOnce() {
        fx.register(school("m1", "wendeng"), school("r1", "rushan"));
        fx.send(enrollment("en-m1", "m1", 800), enrollment("en-r1", "r1", 1000));
        fx.send(status("d1", "m1", "ann", "2026-03-04", DROPPED_OUT).build());
        assertThat(current("wendeng", DropoutKpis.OPEN_CASES)).isEqualTo(1);
        assertThat(current("wendeng", DropoutKpis.RATE_PER_10K)).isEqualTo(12.5); // 1 / 800 x 10,000

        fx.register(school("m1", "rushan")); // no record of m1 after this

        assertThat(current("wendeng", DropoutKpis.OPEN_CASES)).isZero();
        assertThat(currentKpi("wendeng", DropoutKpis.RATE_PER_10K).denominator()).isZero();
        assertThat(current("rushan", DropoutKpis.OPEN_CASES)).isEqualTo(1);
        assertThat(currentKpi("rushan", DropoutKpis.RATE_PER_10K).denominator()).isEqualTo(1800);
        assertThat(current("rushan", DropoutKpis.RATE_PER_10K)).isEqualTo(10_000.0 / 1800);
        assertThat(currentKpi("rushan", DropoutKpis.OPEN_CASES).schools()).isEqualTo(2);
        assertThat(current("city", DropoutKpis.OPEN_CASES)).isEqualTo(1);
        assertThat(currentKpi("city", DropoutKpis.RATE_PER_10K).denominator()).isEqualTo(1800);
        // Dated figures stay: the case opened in wendeng.
        assertThat(kpi("wendeng", DropoutKpis.NEW_CASES, "day", "2026-03-04")).isEqualTo(1);
    }

    @Test
    void aLateEventAfterAMoveSubtractsWhereTheCaseWasCounted() {
        fx.register(school("m1", "wendeng"));
        // A streak Wednesday to Friday opens a case on Friday 03-06.
        fx.send(status("a1", "m1", "fay", "2026-03-04", ABSENT_UNEXCUSED).build(),
                status("a2", "m1", "fay", "2026-03-05", ABSENT_UNEXCUSED).build(),
                status("a3", "m1", "fay", "2026-03-06", ABSENT_UNEXCUSED).build());
        assertThat(kpi("wendeng", DropoutKpis.NEW_CASES, "day", "2026-03-06")).isEqualTo(1);
        fx.register(school("m1", "rushan"));

        // Recorded late: she had dropped out on Tuesday 03-03; the case is re-dated, now while m1 is in rushan.
        fx.send(status("b1", "m1", "fay", "2026-03-03", DROPPED_OUT).build());

        assertThat(kpi("wendeng", DropoutKpis.NEW_CASES, "day", "2026-03-06")).isZero();
        assertThat(kpi("wendeng", DropoutKpis.NEW_CASES, "month", "2026-03-01")).isZero();
        assertThat(kpi("rushan", DropoutKpis.NEW_CASES, "day", "2026-03-03")).isEqualTo(1);
        assertThat(kpi("rushan", DropoutKpis.NEW_CASES, "month", "2026-03-01")).isEqualTo(1);
        assertThat(kpiStore().get(Kpi.key("rushan", DropoutKpis.NEW_CASES.id(), "day", LocalDate.parse("2026-03-06"))))
                .as("nothing subtracted where nothing was counted").isNull();
        assertThat(kpi("city", DropoutKpis.NEW_CASES, "month", "2026-03-01")).isEqualTo(1);
        assertThat(current("rushan", DropoutKpis.OPEN_CASES)).isEqualTo(1);
        assertThat(current("wendeng", DropoutKpis.OPEN_CASES)).isZero();
    }

    @Test
    void anAlertKeepsTheDistrictItOpenedInUntilItIsResolved() {
        fx.register(school("m1", "wendeng"));
        fx.send(status("d1", "m1", "ann", "2026-03-04", DROPPED_OUT).build());
        fx.report(meal("lunch", "m1", "2026-03-09", 100, 90, 0));
        fx.register(school("m1", "rushan"));
        fx.newAlerts();

        fx.send(status("d2", "m1", "ann", "2026-03-09", RETURNED).build());
        fx.report(meal("lunch-fix", "m1", "2026-03-09", 100, 100, 0));

        List<KeyValue<String, Alert>> resolved = fx.newAlerts();
        assertThat(resolved).extracting(kv -> kv.value.state()).containsOnly(AlertState.RESOLVED).hasSize(2);
        assertThat(resolved).extracting(kv -> kv.key).containsOnly("wendeng");
        assertThat(resolved).extracting(kv -> kv.value.district()).containsOnly("wendeng");
    }

    @Test
    void aClosedSchoolKeepsItsOpenCaseUntilTheChildReturnsButLeavesTheRateDenominators() {
        fx.register(school("c1", "nanhai"), school("n2", "nanhai"));
        fx.send(enrollment("en-c1", "c1", 300), enrollment("en-n2", "n2", 700));
        fx.send(status("d1", "c1", "bo", "2026-03-04", DROPPED_OUT).build());
        fx.report(meal("lunch-09", "c1", "2026-03-09", 50, 45, 0));
        assertThat(currentKpi("nanhai", DropoutKpis.RATE_PER_10K).denominator()).isEqualTo(1000);

        SchoolProfile closed = school("c1", "nanhai");
        closed.setActive(false);
        fx.register(closed); // inactive since today, 2026-03-10
        fx.newDeadLetters();

        assertThat(current("nanhai", DropoutKpis.OPEN_CASES)).as("the child is still out of school").isEqualTo(1);
        assertThat(currentKpi("nanhai", DropoutKpis.RATE_PER_10K).denominator()).isEqualTo(700);
        assertThat(current("nanhai", DropoutKpis.RATE_PER_10K)).isEqualTo(10_000.0 / 700);

        // A new report is refused; a correction of a day it was open and the child's return are not.
        fx.report(meal("lunch-10", "c1", "2026-03-10", 50, 50, 0));
        fx.report(meal("lunch-09-fix", "c1", "2026-03-09", 50, 50, 0));
        fx.send(status("d2", "c1", "bo", "2026-03-10", RETURNED).build());

        List<TestRecord<byte[], byte[]>> dead = fx.newDeadLetters();
        assertThat(dead).hasSize(1);
        assertThat(header(dead.get(0), DeadLetterHeaders.ERROR_CODE)).isEqualTo("INACTIVE_SCHOOL");
        assertThat(header(dead.get(0), DeadLetterHeaders.FIELD)).isEqualTo("schoolId");
        assertThat(header(dead.get(0), DeadLetterHeaders.REASON)).contains("'c1'", "inactive", "2026-03-10");
        assertThat(kpi("nanhai", mealsCoverage(), "day", "2026-03-09")).isEqualTo(1.0);
        assertThat(kpiStore().get(Kpi.key("nanhai", "meals.coverage", "day", TODAY))).isNull();
        assertThat(current("nanhai", DropoutKpis.OPEN_CASES)).isZero();
        assertThat(kpi("nanhai", DropoutKpis.RETURNED_CASES, "day", "2026-03-10")).isEqualTo(1);

        SchoolProfile reopened = school("c1", "nanhai");
        fx.register(reopened);
        assertThat(currentKpi("nanhai", DropoutKpis.RATE_PER_10K).denominator()).isEqualTo(1000);
    }

    @Test
    void aSchoolWhoseStandingFiguresFallToZeroIsForgotten() {
        fx.register(school("s1", "gaoqu"));
        fx.send(status("d1", "s1", "eve", "2026-03-04", DROPPED_OUT).build());
        KeyValueStore<String, Object> bySchool = fx.driver.getKeyValueStore("dropout-standing-by-school-store");
        assertThat(bySchool.get("s1")).isNotNull();

        fx.send(status("d2", "s1", "eve", "2026-03-09", RETURNED).build());

        assertThat(bySchool.get("s1")).isNull();
        assertThat(currentKpi("gaoqu", DropoutKpis.OPEN_CASES).schools()).isZero();
    }

    @Test
    void aRegistryRecordSentAgainUnchangedPublishesNothing() {
        fx.register(school("m1", "wendeng"));
        fx.send(enrollment("en-m1", "m1", 800));
        fx.newKpis();

        fx.register(school("m1", "wendeng"));

        assertThat(fx.newKpis()).isEmpty();
    }

    private static Metric mealsCoverage() {
        return org.ruraledu.streams.meals.Meals.COVERAGE;
    }

    private static String header(TestRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private ReadOnlyKeyValueStore<String, Kpi> kpiStore() {
        return fx.kpiStore();
    }

    private double kpi(String scope, Metric metric, String period, String periodStart) {
        Kpi kpi = kpiStore().get(Kpi.key(scope, metric.id(), period, LocalDate.parse(periodStart)));
        assertThat(kpi).as("%s %s %s %s", scope, metric.id(), period, periodStart).isNotNull();
        return kpi.value();
    }

    private Kpi currentKpi(String scope, Metric metric) {
        Kpi kpi = kpiStore().get(Kpi.key(scope, metric.id(), "current", TODAY));
        assertThat(kpi).as("%s %s current", scope, metric.id()).isNotNull();
        return kpi;
    }

    private double current(String scope, Metric metric) {
        return currentKpi(scope, metric).value();
    }
}
