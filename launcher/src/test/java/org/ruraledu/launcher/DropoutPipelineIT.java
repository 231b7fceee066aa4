package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Alert.AlertState;
import org.ruraledu.contract.AlertType;
import org.ruraledu.contract.District;
import org.ruraledu.contract.Kpi;
import org.ruraledu.embedded.StreamsLag;
import org.ruraledu.producers.client.SchoolClient;
import org.ruraledu.producers.gateway.TokenStore;
import org.ruraledu.producers.simulator.SimulatedSchool;
import org.ruraledu.producers.simulator.SimulatorOptions;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.EnrollmentReport;
import org.ruraledu.schemas.StudentStatusEvent;
import org.ruraledu.topics.Topics;

/**
 * Dropout control (控辍保学) end to end, as issue 3 asks: every case the simulated schools' events make yields
 * exactly one DROPOUT_DETECTED, the dropout KPIs equal a recount from the input topics, and a dropout sent
 * through the gateway is alerted within 2 seconds of its arrival.
 *
 * <p>The recount is the test's own ({@link ReadmeCases}, from the README's rules; enrolment by its latest asOf),
 * never the streams application's code: a recount by the production fold agrees with any bug in it. Checked by
 * mutation (issue 6): with the threshold test in {@code CaseFold} made {@code streak.days() > threshold}, the old
 * recount (by {@code PupilHistory}) passed and this test fails (the 3-day streaks that ended raise no alert and the
 * longer ones open a day late); with enrolment reports counted in arrival order, not by asOf
 * ({@code ReportHistory.isNewerThan} always false), the rate's denominator differs (the old test, whose schools
 * each sent one enrolment report, could not see that).
 *
 * <p>The pipeline and so the simulator get a calendar of school on Monday to Friday, without holidays or make-up
 * days, around today: the days the oracle takes for school days, whatever the day the test runs. On the built-in
 * calendar the simulated days held make-up weekend days (2026-05-09, 2026-09-20, 2026-10-10, ...), which the
 * streams application counts in a streak when a school records one and the oracle did not, and the summer or winter
 * vacation, over which a held-back event lands more than {@code dropout.late.event.window.days} behind its pupil's
 * next one (TOO_LATE), which the oracle still counted: the test failed for some weeks after each.
 */
class DropoutPipelineIT {
    private static final StudentRefs REFS = new StudentRefs("dropout-e2e-key-dropout-e2e-key-0000".getBytes());
    private static LocalPipeline pipeline;
    private static List<SimulatedSchool> schools;

    @BeforeAll
    static void simulateSchools() throws Exception {
        LocalDate today = LocalDate.now(RecordRules.ZONE);
        pipeline = PipelineTesting.startPipeline("dropout", Map.of("calendar.file", PipelineTesting.oneTermCalendar(
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), today.minusDays(60), today.plusDays(30)).toString()));
        // Enough pupil-days for a handful of cases: dropouts are rare, most absence streaks end by themselves.
        schools = PipelineTesting.simulate(pipeline, new SimulatorOptions(80, 15, 0, 1.0, 4242, 0, 0), REFS);
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
    }

    @Test
    void everyCaseOfTheReadmeRulesYieldsExactlyOneDropoutDetectedAndTheKpisEqualAnIndependentRecount()
            throws Exception {
        sendEnrolmentRevisions();
        List<StudentStatusEvent> input = PipelineTesting.values(pipeline, Topics.STUDENT_STATUS);
        assertThat(ReadmeCases.daysWithTwoEventsOfOnePupil(input))
                .as("the README does not say how two events of one pupil on one school day combine: the oracle "
                        + "needs input without them (another simulator seed, if this fails)").isEmpty();
        List<ReadmeCases.Case> cases = ReadmeCases.of(input, pipeline.settings().getInt("dropout.absence.threshold.days"));
        assertThat(cases).as("the simulation makes some cases").hasSizeGreaterThanOrEqualTo(3);
        assertThat(cases).as("some by absence alone, some closed, some still open")
                .anyMatch(c -> !c.recordedDropout()).anyMatch(c -> !c.isOpen()).anyMatch(ReadmeCases.Case::isOpen);

        Map<String, String> districtOf = new HashMap<>();
        PipelineTesting.values(pipeline, Topics.SCHOOL_REGISTRY).forEach(s -> districtOf.put(s.getSchoolId(), s.getDistrict()));
        Map<String, Double> openByScope = new HashMap<>();
        Map<String, Double> openedByScopeAndDay = new HashMap<>();
        Map<String, Double> returnedByScopeAndDay = new HashMap<>();
        for (ReadmeCases.Case c : cases) {
            for (String scope : List.of(districtOf.get(c.schoolId()), District.CITY)) {
                openedByScopeAndDay.merge(scope + "|" + c.openedOn(), 1.0, Double::sum);
                if (c.isOpen()) {
                    openByScope.merge(scope, 1.0, Double::sum);
                } else if (c.returned()) {
                    returnedByScopeAndDay.merge(scope + "|" + c.closedOn(), 1.0, Double::sum);
                }
            }
        }
        Map<String, Double> enrolledByScope = new HashMap<>();
        latestEnrolment().forEach((school, enrolled) -> {
            enrolledByScope.merge(districtOf.get(school), (double) enrolled, Double::sum);
            enrolledByScope.merge(District.CITY, (double) enrolled, Double::sum);
        });
        List<String> scopes = new ArrayList<>(List.of(District.CITY));
        Arrays.stream(District.values()).map(District::key).forEach(scopes::add);

        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, List<Alert>> byCase = PipelineTesting.values(pipeline, Topics.ALERTS).stream()
                    .filter(a -> a.type() == AlertType.DROPOUT_DETECTED)
                    .collect(Collectors.groupingBy(a -> ReadmeCases.keyOf(a.schoolId(), a.subjectRef(), a.periodStart())));
            for (ReadmeCases.Case c : cases) {
                List<Alert> states = byCase.getOrDefault(c.key(), List.of());
                assertThat(states).as("DROPOUT_DETECTED of %s", c).filteredOn(a -> a.state() == AlertState.OPEN)
                        .hasSize(1);
                AlertState last = states.get(states.size() - 1).state();
                if (c.isOpen()) {
                    assertThat(last).as("the alert of open case %s", c).isNotEqualTo(AlertState.RESOLVED);
                } else {
                    assertThat(last).as("the alert of closed case %s", c).isEqualTo(AlertState.RESOLVED);
                }
            }
            // Late events may make the pipeline open a case that the whole input does not make: it must end.
            Set<String> recounted = cases.stream().map(ReadmeCases.Case::key).collect(Collectors.toSet());
            byCase.forEach((key, states) -> {
                if (!recounted.contains(key)) {
                    assertThat(states.get(states.size() - 1).state()).as("alert of a case the input does not make: %s", key)
                            .isEqualTo(AlertState.RESOLVED);
                }
            });

            Map<String, Kpi> open = latestPerScope("metric=dropout.open_cases&period=current");
            Map<String, Kpi> rate = latestPerScope("metric=dropout.rate_per_10k&period=current");
            for (String scope : scopes) {
                double expected = openByScope.getOrDefault(scope, 0.0);
                assertThat(open.get(scope)).as("open cases in %s", scope).isNotNull()
                        .extracting(Kpi::value).isEqualTo(expected);
                assertThat(rate.get(scope)).as("rate per 10k in %s", scope).isNotNull().satisfies(k -> {
                    assertThat(k.numerator()).isEqualTo(expected);
                    assertThat(k.denominator()).isEqualTo(enrolledByScope.get(scope));
                    assertThat(k.value()).isCloseTo(expected * 10_000 / enrolledByScope.get(scope), within(1e-9));
                });
            }
            assertThat(perScopeAndDay("metric=dropout.new_cases&period=day")).as("new cases per scope and day")
                    .isEqualTo(openedByScopeAndDay);
            assertThat(perScopeAndDay("metric=dropout.returned&period=day")).as("returns per scope and day")
                    .isEqualTo(returnedByScopeAndDay);
        });
    }

    @Test
    void aDropoutSentThroughTheGatewayIsAlertedWithinTwoSeconds() throws Exception {
        SimulatedSchool school = schools.get(3);
        String token = new TokenStore(pipeline.settings().getPath("gateway.tokens.file")).issue(school.id());
        try (AlertWatch watch = new AlertWatch(pipeline)) {
            // Pupil 0 warms up; pupils 1 to 3 are timed once the simulated backlog is processed. Pupil 0's alert
            // does not say so: tracked in its case's task, it no longer waits for the rest of the backlog.
            for (int pupil = 0; pupil < 4; pupil++) {
                String ref = REFS.refOf("G3710990000" + String.format("%08d", 90_000 + pupil));
                String body = String.format("{\"eventId\":\"gw-dropout-%d\",\"schoolId\":\"%s\",\"studentRef\":\"%s\","
                        + "\"grade\":8,\"date\":\"%s\",\"status\":\"DROPPED_OUT\",\"reason\":\"EMPLOYMENT\","
                        + "\"leftBehind\":true,\"recordedAt\":\"%s\"}", pupil, school.id(), ref,
                        LocalDate.now(RecordRules.ZONE), Instant.now());
                long sent = System.nanoTime();
                assertThat(PipelineTesting.post(pipeline, school.id(), "student-status", token, body).statusCode())
                        .isEqualTo(202);
                await().atMost(Duration.ofSeconds(pupil == 0 ? 60 : 2)).pollInterval(Duration.ofMillis(20)).until(() ->
                        watch.seen().stream().anyMatch(a -> a.type() == AlertType.DROPOUT_DETECTED
                                && a.state() == AlertState.OPEN && ref.equals(a.subjectRef())));
                Duration latency = Duration.ofNanos(System.nanoTime() - sent);
                if (pupil > 0) {
                    assertThat(latency).isLessThan(Duration.ofSeconds(2));
                } else {
                    StreamsLag.awaitCaughtUp(pipeline.broker(), pipeline.settings().get("streams.application.id"),
                            Duration.ofSeconds(60));
                }
            }
        }
    }

    /**
     * Two enrolment reports the simulator does not make, through the client library as a school would: a late
     * report of an earlier asOf (must change nothing) and a report of a later asOf (replaces the figure).
     */
    private static void sendEnrolmentRevisions() {
        LocalDate today = LocalDate.now(RecordRules.ZONE);
        SimulatedSchool late = schools.get(0);
        SimulatedSchool grown = schools.get(1);
        try (SchoolClient client = new SchoolClient(pipeline.settings())) {
            client.sendAll(List.of(enrolment(late, today.minusDays(90), 1), enrolment(grown, today, grown.enrolled() + 500)));
        }
    }

    private static EnrollmentReport enrolment(SimulatedSchool school, LocalDate asOf, int enrolled) {
        return EnrollmentReport.newBuilder().setReportId("it-enrolment-" + school.id() + "-" + asOf)
                .setSchoolId(school.id()).setAsOf(asOf).setEnrolled(enrolled).setBoarders(0)
                .setLeftBehindRegistered(0).build();
    }

    /** Per school the enrolment of the latest asOf, of one asOf the last to arrive (README, dropout.rate_per_10k). */
    private static Map<String, Integer> latestEnrolment() {
        Map<String, EnrollmentReport> latest = new HashMap<>();
        for (EnrollmentReport r : PipelineTesting.values(pipeline, Topics.ENROLLMENT)) { // a school's in arrival order
            latest.merge(r.getSchoolId(), r, (was, now) -> now.getAsOf().isBefore(was.getAsOf()) ? was : now);
        }
        Map<String, Integer> enrolled = new HashMap<>();
        latest.forEach((school, r) -> enrolled.put(school, r.getEnrolled()));
        return enrolled;
    }

    /**
     * {@code scope|periodStart} to value, for every district and city KPI record of a day metric with a value other
     * than 0 (the schools' own scopes are tested in the streams module: SchoolScopeTopologyTest).
     */
    private static Map<String, Double> perScopeAndDay(String query) throws Exception {
        return PipelineTesting.kpis(pipeline, query).stream().filter(k -> k.value() != 0)
                .filter(k -> !Kpi.isSchoolScope(k.scope()))
                .collect(Collectors.toMap(k -> k.scope() + "|" + k.periodStart(), Kpi::value));
    }

    private static Map<String, Kpi> latestPerScope(String query) throws Exception {
        return PipelineTesting.kpis(pipeline, query).stream().collect(Collectors.toMap(Kpi::scope, k -> k,
                (a, b) -> a.periodStart().isAfter(b.periodStart()) ? a : b));
    }

    /** Follows the alert topic from its current end, in the background. */
    private static final class AlertWatch implements AutoCloseable {
        private final ConcurrentLinkedQueue<Alert> seen = new ConcurrentLinkedQueue<>();
        private final Thread thread;
        private volatile boolean running = true;

        AlertWatch(LocalPipeline pipeline) {
            Properties props = new Properties();
            props.putAll(pipeline.settings().kafkaClientProperties());
            props.put("isolation.level", "read_committed");
            KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props, new StringDeserializer(),
                    new StringDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ALERTS.name()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // fix the starting point before anything is sent
            thread = new Thread(() -> {
                try (consumer) {
                    while (running) {
                        consumer.poll(Duration.ofMillis(20)).forEach(r -> seen.add(
                                Topics.ALERTS.valueSerde().deserializer().deserialize(r.topic(), r.value().getBytes(
                                        java.nio.charset.StandardCharsets.UTF_8))));
                    }
                }
            }, "alert-watch");
            thread.start();
        }

        Set<Alert> seen() {
            return Set.copyOf(seen);
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            thread.join();
        }
    }
}
