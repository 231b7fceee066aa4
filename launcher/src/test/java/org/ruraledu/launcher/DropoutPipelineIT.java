package org.ruraledu.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.ruraledu.producers.gateway.TokenStore;
import org.ruraledu.producers.simulator.SimulatedSchool;
import org.ruraledu.producers.simulator.SimulatorOptions;
import org.ruraledu.records.RecordRules;
import org.ruraledu.records.StudentRefs;
import org.ruraledu.schemas.StudentStatusEvent;
import org.ruraledu.streams.dropout.DropoutCase;
import org.ruraledu.streams.dropout.DropoutRules;
import org.ruraledu.streams.dropout.PupilHistory;
import org.ruraledu.topics.Topics;

/**
 * Dropout control (控辍保学) end to end, as issue 3 asks: every case the simulated schools' events make yields
 * exactly one DROPOUT_DETECTED, the open-case KPIs equal a recount from the input topic, and a dropout sent
 * through the gateway is alerted within 2 seconds of its arrival.
 */
class DropoutPipelineIT {
    private static final StudentRefs REFS = new StudentRefs("dropout-e2e-key-dropout-e2e-key-0000".getBytes());
    private static LocalPipeline pipeline;
    private static List<SimulatedSchool> schools;

    @BeforeAll
    static void simulateSchools() throws Exception {
        pipeline = PipelineTesting.startPipeline("dropout");
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
    void everySimulatedCaseYieldsExactlyOneDropoutDetectedAndTheKpisEqualARecount() {
        List<DropoutCase> cases = recountCases();
        assertThat(cases).as("the simulation makes some cases").hasSizeGreaterThanOrEqualTo(3);

        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            List<Alert> detected = PipelineTesting.values(pipeline, Topics.ALERTS).stream()
                    .filter(a -> a.type() == AlertType.DROPOUT_DETECTED).toList();
            Map<String, List<Alert>> openedByCase = detected.stream().filter(a -> a.state() == AlertState.OPEN)
                    .collect(Collectors.groupingBy(a -> caseIdOf(a.alertId())));
            for (DropoutCase c : cases) {
                assertThat(openedByCase.get(c.caseId())).as("DROPOUT_DETECTED opened for case %s", c.caseId())
                        .hasSize(1);
            }
            // A case that a late, backdated event replaced (withdrawn) was alerted and must have been resolved.
            Set<String> resolved = detected.stream().filter(a -> a.state() == AlertState.RESOLVED)
                    .map(a -> caseIdOf(a.alertId())).collect(Collectors.toSet());
            Set<String> recounted = cases.stream().map(DropoutCase::caseId).collect(Collectors.toSet());
            assertThat(openedByCase.keySet()).filteredOn(id -> !recounted.contains(id))
                    .as("alerts for cases the input does not make (end) are resolved").allMatch(resolved::contains);
        });

        Map<String, Long> openByScope = new HashMap<>();
        Map<String, String> districtOf = schools.stream()
                .collect(Collectors.toMap(SimulatedSchool::id, SimulatedSchool::district));
        for (DropoutCase c : cases) {
            if (c.isOpen()) {
                openByScope.merge(districtOf.get(c.schoolId()), 1L, Long::sum);
                openByScope.merge(District.CITY, 1L, Long::sum);
            }
        }
        Map<String, Long> enrolledByScope = new HashMap<>();
        for (SimulatedSchool s : schools) {
            enrolledByScope.merge(s.district(), (long) s.enrolled(), Long::sum);
            enrolledByScope.merge(District.CITY, (long) s.enrolled(), Long::sum);
        }
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            Map<String, Kpi> open = latestPerScope("metric=dropout.open_cases&period=current");
            Map<String, Kpi> rate = latestPerScope("metric=dropout.rate_per_10k&period=current");
            for (String scope : enrolledByScope.keySet()) {
                long expected = openByScope.getOrDefault(scope, 0L);
                assertThat(open.get(scope)).as("open cases in %s", scope).isNotNull()
                        .extracting(Kpi::value).isEqualTo((double) expected);
                assertThat(rate.get(scope)).as("rate per 10k in %s", scope).isNotNull().satisfies(k -> {
                    assertThat(k.numerator()).isEqualTo((double) expected);
                    assertThat(k.denominator()).isEqualTo((double) enrolledByScope.get(scope));
                });
            }
        });
    }

    @Test
    void aDropoutSentThroughTheGatewayIsAlertedWithinTwoSeconds() throws Exception {
        SimulatedSchool school = schools.get(3);
        String token = new TokenStore(pipeline.settings().getPath("gateway.tokens.file")).issue(school.id());
        try (AlertWatch watch = new AlertWatch(pipeline)) {
            // Pupil 0 warms up: its alert comes after the simulated backlog; pupils 1 to 3 are timed.
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
                }
            }
        }
    }

    /** Replays every event of the input topic through the same case rules, outside Kafka Streams. */
    private static List<DropoutCase> recountCases() {
        DropoutRules rules = DropoutRules.from(pipeline.settings());
        Map<String, PupilHistory> histories = new HashMap<>();
        for (StudentStatusEvent e : PipelineTesting.values(pipeline, Topics.STUDENT_STATUS)) {
            String key = PupilHistory.keyOf(e.getSchoolId(), e.getStudentRef());
            PupilHistory history = histories.getOrDefault(key, PupilHistory.start(e.getSchoolId(), e.getStudentRef()));
            histories.put(key, history.record(e, rules).history());
        }
        List<DropoutCase> cases = new ArrayList<>();
        histories.values().forEach(h -> cases.addAll(h.cases(rules)));
        return cases;
    }

    private static Map<String, Kpi> latestPerScope(String query) throws Exception {
        return PipelineTesting.kpis(pipeline, query).stream().collect(Collectors.toMap(Kpi::scope, k -> k,
                (a, b) -> a.periodStart().isAfter(b.periodStart()) ? a : b));
    }

    /** alertId is {type}:{caseId}:{life}. */
    private static String caseIdOf(String alertId) {
        return alertId.substring(alertId.indexOf(':') + 1, alertId.lastIndexOf(':'));
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
