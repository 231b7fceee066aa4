package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Alert.AlertState;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.Kpi;
import org.ruraledu.producers.client.SchoolClient;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.MealProvision;
import org.ruraledu.schemas.MealReport;
import org.ruraledu.schemas.SchoolLevel;
import org.ruraledu.schemas.SchoolProfile;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;
import org.ruraledu.topics.DeadLetterHeaders;
import org.ruraledu.topics.Topics;

/**
 * Registry changes end to end on the embedded broker: a school that moves district and a school that closes with
 * an open case give exact figures. The expected figures come from {@link Oracle}, a few lines that replay the
 * test's own steps by the README's rules: standing figures (open cases, enrolment of active schools) count where
 * the school is now; a case's opening day counts in the district the school was in when that day was first
 * counted, and moves from there only if the day changes.
 *
 * <p>The pipeline runs on a clock that starts at noon of today in Weihai: on real time, a run started in the last
 * minute or two before midnight there (16:00 UTC) closed the school on the next day, so that its report of
 * {@link #TODAY} was one of a day it was open, accepted instead of dead-lettered.
 */
class RegistryChangesIT {
    private static final ZoneId WEIHAI = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.now(WEIHAI);
    private static final MovableClock clock = new MovableClock(TODAY.atTime(12, 0).atZone(WEIHAI).toInstant());
    private static LocalPipeline pipeline;
    private static SchoolClient client;
    private static final Oracle oracle = new Oracle();
    private static int events;

    @BeforeAll
    static void start() throws Exception {
        pipeline = PipelineTesting.startPipeline("registry", Map.of(), clock);
        client = new SchoolClient(pipeline.settings(), clock);
        // Step 1: five schools, their enrolment, and four pupils out of school.
        register("rg-a1", "wendeng", true);
        register("rg-a2", "wendeng", true);
        register("rg-b1", "rushan", true);
        register("rg-c1", "nanhai", true);
        register("rg-n2", "nanhai", true);
        enrol("rg-a1", 800);
        enrol("rg-a2", 400);
        enrol("rg-b1", 1000);
        enrol("rg-c1", 300);
        enrol("rg-n2", 700);
        status("rg-a1", "ann", TODAY.minusDays(6), StudentStatus.DROPPED_OUT);
        status("rg-a1", "fay", TODAY.minusDays(3), StudentStatus.DROPPED_OUT);
        status("rg-c1", "bo", TODAY.minusDays(5), StudentStatus.DROPPED_OUT);
        status("rg-c1", "cy", TODAY.minusDays(5), StudentStatus.DROPPED_OUT);
        meal("rg-c1", "m-c1-1", TODAY.minusDays(1), 50, 45);
        client.flush();
        awaitFigures(); // the figures before the changes, so that each change below is seen to move them

        // Step 2: a1 moves to rushan; c1 closes today.
        register("rg-a1", "rushan", true);
        register("rg-c1", "nanhai", false);
        client.flush();
        // The registry is another topic: wait until the move is seen before sending what must count after it.
        awaitFigures();
        // Step 3: late and closing events, and a closed school's reports.
        status("rg-a1", "fay", TODAY.minusDays(4), StudentStatus.DROPPED_OUT); // fay's case re-dated, after the move
        status("rg-a1", "ann", TODAY, StudentStatus.RETURNED);
        status("rg-c1", "cy", TODAY, StudentStatus.RETURNED); // a closed school's child returns: accepted
        meal("rg-c1", "m-c1-1-fix", TODAY.minusDays(1), 50, 50); // a correction of a day it was open: accepted
        meal("rg-c1", "m-c1-0", TODAY, 50, 50); // a new report of a closed school: refused
        client.flush();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void standingAndDatedFiguresFollowTheRegistryExactly() {
        awaitFigures();
        // What the oracle says, spelled out once for the reader.
        assertThat(oracle.open()).containsEntry("rushan", 1L).containsEntry("nanhai", 1L).containsEntry("city", 2L);
        assertThat(oracle.enrolled()).containsEntry("rushan", 1800L).containsEntry("wendeng", 400L)
                .containsEntry("nanhai", 700L);
    }

    @Test
    void aMovedSchoolsAlertIsResolvedInTheDistrictItOpenedIn() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<Alert> ann = PipelineTesting.values(pipeline, Topics.ALERTS).stream()
                    .filter(a -> a.type() == AlertType.DROPOUT_DETECTED && "rg-a1".equals(a.schoolId())
                            && a.periodStart().equals(TODAY.minusDays(6)))
                    .toList();
            assertThat(ann).extracting(Alert::state).containsExactly(AlertState.OPEN, AlertState.RESOLVED);
            assertThat(ann).extracting(Alert::district).containsOnly("wendeng");
        });
    }

    @Test
    void aClosedSchoolsNewReportIsDeadLetteredAndItsCorrectionCounts() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            List<ConsumerRecord<byte[], byte[]>> refused = PipelineTesting.readAll(pipeline, Topics.DEAD_LETTERS.name())
                    .stream().filter(r -> "rg-c1".equals(key(r))).toList();
            assertThat(refused).hasSize(1);
            assertThat(header(refused.get(0), DeadLetterHeaders.ERROR_CODE)).isEqualTo("INACTIVE_SCHOOL");
            assertThat(kpi("nanhai", "meals.coverage", "day", TODAY.minusDays(1))).extracting(Kpi::numerator)
                    .isEqualTo(50.0);
        });
    }

    /** Waits until every standing and dated dropout figure the oracle knows of is what the pipeline says. */
    private static void awaitFigures() {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (String scope : oracle.scopes()) {
                assertThat(current(scope, "dropout.open_cases").value()).as("open cases in %s", scope)
                        .isEqualTo(oracle.open().getOrDefault(scope, 0L).doubleValue());
                assertThat(current(scope, "dropout.rate_per_10k").denominator()).as("enrolled in %s", scope)
                        .isEqualTo(oracle.enrolled().getOrDefault(scope, 0L).doubleValue());
            }
            oracle.newCases().forEach((cell, expected) -> {
                String[] scopeAndDay = cell.split("\\|");
                Kpi kpi = kpi(scopeAndDay[0], "dropout.new_cases", "day", LocalDate.parse(scopeAndDay[1]));
                assertThat(kpi == null ? 0.0 : kpi.value()).as("new cases %s", cell).isEqualTo(expected.doubleValue());
            });
        });
    }

    private static Kpi current(String scope, String metric) {
        Kpi kpi = kpi(scope, metric, "current", null);
        assertThat(kpi).as("%s %s current", scope, metric).isNotNull();
        return kpi;
    }

    private static Kpi kpi(String scope, String metric, String period, LocalDate periodStart) {
        try {
            return PipelineTesting.kpis(pipeline, "scope=" + scope + "&metric=" + metric + "&period=" + period
                    + (periodStart == null ? "" : "&from=" + periodStart + "&to=" + periodStart)).stream()
                    .findFirst().orElse(null);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static void register(String schoolId, String district, boolean active) {
        oracle.register(schoolId, district, active);
        send(SchoolProfile.newBuilder().setSchoolId(schoolId).setName("School " + schoolId).setDistrict(district)
                .setLevel(SchoolLevel.PRIMARY).setRural(true).setBoarding(false).setServesLunch(true)
                .setActive(active).build());
    }

    private static void enrol(String schoolId, int enrolled) {
        oracle.enrol(schoolId, enrolled);
        send(EnrollmentReport.newBuilder().setReportId("en-" + schoolId).setSchoolId(schoolId).setAsOf(TODAY.minusDays(10))
                .setEnrolled(enrolled).setBoarders(0).setLeftBehindRegistered(0).build());
    }

    private static void status(String schoolId, String pupil, LocalDate day, StudentStatus status) {
        oracle.status(schoolId, pupil, day, status);
        send(StudentStatusEvent.newBuilder().setEventId("ev-" + (++events)).setSchoolId(schoolId)
                .setStudentRef((pupil + "-" + schoolId + "-" + "Q".repeat(43)).substring(0, 43)).setGrade(8)
                .setDate(day).setStatus(status).setLeftBehind(false)
                .setRecordedAt(recordedAt(day)).build());
    }

    /** 08:00 of the day in Weihai: before the clock's noon of today. */
    private static java.time.Instant recordedAt(LocalDate day) {
        return day.atTime(LocalTime.of(8, 0)).atZone(WEIHAI).toInstant();
    }

    private static void meal(String schoolId, String reportId, LocalDate day, int needing, int served) {
        send(MealReport.newBuilder().setReportId(reportId).setSchoolId(schoolId).setDate(day).setNeeding(needing)
                .setServed(served).setProvision(MealProvision.CANTEEN).setFoodSafetyIncidents(0).build());
    }

    private static void send(SpecificRecordBase record) {
        client.send(record);
        client.flush(); // one at a time, in order: the steps' order is what the oracle replays
    }

    private static String key(ConsumerRecord<byte[], byte[]> record) {
        return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    /**
     * The README's rules, replayed over the test's steps in order, independent of the production code. Pupils
     * here only drop out and return, so a pupil's open case starts on the earliest DROPPED_OUT day after their
     * last RETURNED (or from the start).
     */
    static final class Oracle {
        private final Map<String, String> districtOf = new HashMap<>();
        private final Map<String, Boolean> activeOf = new HashMap<>();
        private final Map<String, Long> enrolledOf = new HashMap<>();
        private final Map<String, List<Object[]>> eventsOf = new HashMap<>(); // pupil -> [day, status]
        private final Map<String, String> schoolOf = new HashMap<>();
        /** pupil -> [opening day, district it was counted in], for the pupil's current case. */
        private final Map<String, String[]> countedOpening = new HashMap<>();
        private final Map<String, Long> newCases = new TreeMap<>(); // scope|day -> count

        void register(String schoolId, String district, boolean active) {
            districtOf.put(schoolId, district);
            activeOf.put(schoolId, active);
        }

        void enrol(String schoolId, long enrolled) {
            enrolledOf.put(schoolId, enrolled);
        }

        void status(String schoolId, String pupil, LocalDate day, StudentStatus status) {
            String key = schoolId + "/" + pupil;
            schoolOf.put(key, schoolId);
            eventsOf.computeIfAbsent(key, k -> new ArrayList<>()).add(new Object[] {day, status});
            LocalDate opening = openingDay(key);
            String[] counted = countedOpening.get(key);
            if (counted != null && opening == null) {
                countedOpening.remove(key); // closed: its opening stays counted; a later dropout is a new case
            } else if (counted != null && !opening.toString().equals(counted[0])) {
                addNewCase(counted[1], counted[0], -1); // re-dated: withdrawn where it was counted
                countedOpening.remove(key);
            }
            if (opening != null && !countedOpening.containsKey(key)) {
                String district = districtOf.get(schoolId);
                addNewCase(district, opening.toString(), 1);
                countedOpening.put(key, new String[] {opening.toString(), district});
            }
        }

        /** The opening day of the case open after all events, or null if none is open. */
        private LocalDate openingDay(String pupil) {
            List<Object[]> sorted = eventsOf.get(pupil).stream()
                    .sorted((x, y) -> ((LocalDate) x[0]).compareTo((LocalDate) y[0])).toList();
            LocalDate opening = null;
            for (Object[] event : sorted) {
                if (event[1] == StudentStatus.RETURNED) {
                    opening = null;
                } else if (opening == null) {
                    opening = (LocalDate) event[0];
                }
            }
            return opening;
        }

        private void addNewCase(String district, String day, long delta) {
            newCases.merge(district + "|" + day, delta, Long::sum);
            newCases.merge("city|" + day, delta, Long::sum);
        }

        Map<String, Long> open() {
            Map<String, Long> open = new TreeMap<>();
            eventsOf.keySet().forEach(pupil -> {
                if (openingDay(pupil) != null) {
                    String district = districtOf.get(schoolOf.get(pupil));
                    open.merge(district, 1L, Long::sum);
                    open.merge("city", 1L, Long::sum);
                }
            });
            return open;
        }

        Map<String, Long> enrolled() {
            Map<String, Long> enrolled = new TreeMap<>();
            enrolledOf.forEach((school, n) -> {
                if (activeOf.get(school)) {
                    enrolled.merge(districtOf.get(school), n, Long::sum);
                    enrolled.merge("city", n, Long::sum);
                }
            });
            return enrolled;
        }

        /** Scopes with any figure now or before (a scope that lost its last school still has a KPI). */
        List<String> scopes() {
            List<String> scopes = new ArrayList<>(List.of("city"));
            scopes.addAll(districtOf.values().stream().distinct().sorted().collect(Collectors.toList()));
            if (!scopes.contains("wendeng")) {
                scopes.add("wendeng");
            }
            return scopes;
        }

        Map<String, Long> newCases() {
            return newCases;
        }
    }
}
