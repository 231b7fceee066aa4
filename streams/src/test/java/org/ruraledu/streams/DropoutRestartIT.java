package org.ruraledu.streams;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.ruraledu.config.Settings;
import org.ruraledu.contract.Alert;
import org.ruraledu.contract.Alert.AlertState;
import org.ruraledu.contract.Alert.Severity;
import org.ruraledu.contract.AlertType;
import org.ruraledu.embedded.CommittedRecords;
import org.ruraledu.embedded.EmbeddedBroker;
import org.ruraledu.embedded.SharedBroker;
import org.ruraledu.embedded.StreamsLag;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;
import org.ruraledu.topics.Topics;

/**
 * Cases survive restarts (一人一案 is followed up for weeks): a case opened before a restart is still open after
 * it, and the wall-clock overdue check still fires for it with no further input, whether the restarted instance
 * finds its local state or must restore it from the changelogs. (A TopologyTestDriver wipes its state directory on
 * close, so a restart needs a real broker.)
 *
 * <p>"No alert twice" is checked on everything the application wrote, not on what one short poll happens to return:
 * a sentinel case going overdue after every other case closed proves an overdue check ran after the closes, the
 * application is then waited for until it has processed all its input, and the alert topic is read to its end.
 * Checked by mutation (issue 6): with {@code CaseTracker} no longer deleting a closed case from its open-case index,
 * the check raises DROPOUT_CASE_OVERDUE for a case closed within the limit once the clock passes the limit; the old
 * test (one case, stopped at its RESOLVED, then one 500 ms poll) passed and this one fails.
 */
class DropoutRestartIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void openCasesSurviveARestartAndALostStateDirectoryAndStillGoOverdue() throws Exception {
        EmbeddedBroker broker = SharedBroker.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String schoolId = "it-dropout-" + run;
        String applicationId = "ruraledu-it-dropout-" + run;
        String pupil = DropoutInput.ref("restart");
        String back = DropoutInput.ref("back");
        String sentinel = DropoutInput.ref("sentinel");
        MutableClock clock = new MutableClock(Instant.now());
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), RecordRules.ZONE).minusDays(1);
        Path stateDir = Files.createTempDirectory("ruraledu-it-dropout-");
        Settings settings = Settings.defaults().with(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "streams.application.id", applicationId,
                "streams.state.dir", stateDir.toString(),
                "query.port", "0",
                "dropout.overdue.check.interval", "PT1S"));
        Alerts alerts = new Alerts(broker, schoolId);

        try (KafkaProducer<String, byte[]> producer = producer(broker)) {
            send(producer, Topics.SCHOOL_REGISTRY.name(), schoolId, Topics.SCHOOL_REGISTRY.valueSerde().serializer()
                    .serialize(null, TopologyFixture.school(schoolId, "rushan")));

            try (StreamsApp app = StreamsApp.start(settings, clock)) {
                send(producer, schoolId, event("d-" + run, schoolId, pupil, yesterday, StudentStatus.DROPPED_OUT,
                        clock.instant().minusSeconds(60)));
                alerts.await(pupil, AlertType.DROPOUT_DETECTED, AlertState.OPEN);
            }

            clock.advance(Duration.ofDays(9)); // 10 days open: past the 7-day follow-up limit
            try (StreamsApp app = StreamsApp.start(settings, clock)) {
                Alert overdue = alerts.await(pupil, AlertType.DROPOUT_CASE_OVERDUE, AlertState.OPEN);
                assertThat(overdue.severity()).isEqualTo(Severity.WARNING);
                assertThat(overdue.observed()).isEqualTo(10.0);
            }

            deleteRecursively(stateDir); // a lost disk: the next instance restores cases from the changelogs
            clock.advance(Duration.ofDays(7)); // 17 days open: past the 14-day escalation limit
            try (StreamsApp app = StreamsApp.start(settings, clock)) {
                Alert escalated = alerts.await(pupil, AlertType.DROPOUT_CASE_OVERDUE, AlertState.UPDATED);
                assertThat(escalated.severity()).isEqualTo(Severity.CRITICAL);

                LocalDate today = LocalDate.ofInstant(clock.instant(), RecordRules.ZONE);
                send(producer, schoolId, event("r-" + run, schoolId, pupil, today, StudentStatus.RETURNED,
                        clock.instant().minusSeconds(60)));
                alerts.await(pupil, AlertType.DROPOUT_DETECTED, AlertState.RESOLVED);
                alerts.await(pupil, AlertType.DROPOUT_CASE_OVERDUE, AlertState.RESOLVED);

                // Two more pupils of the school (one task checks them all in one pass): one back the same day, its
                // case closed within the limit; one still out, whose case goes overdue on the clock alone. Its
                // alert proves an overdue check ran after every case above had closed.
                send(producer, schoolId, event("b-out-" + run, schoolId, back, today, StudentStatus.DROPPED_OUT,
                        clock.instant().minusSeconds(50)));
                send(producer, schoolId, event("b-back-" + run, schoolId, back, today, StudentStatus.RETURNED,
                        clock.instant().minusSeconds(40)));
                send(producer, schoolId, event("s-" + run, schoolId, sentinel, today, StudentStatus.DROPPED_OUT,
                        clock.instant().minusSeconds(30)));
                alerts.await(back, AlertType.DROPOUT_DETECTED, AlertState.RESOLVED);
                alerts.await(sentinel, AlertType.DROPOUT_DETECTED, AlertState.OPEN);
                clock.advance(Duration.ofDays(8));
                alerts.await(sentinel, AlertType.DROPOUT_CASE_OVERDUE, AlertState.OPEN);
                StreamsLag.awaitCaughtUp(broker, applicationId, PATIENCE);
            }
            // Each alert's states in order: the alerts of one district share a partition of the alert topic.
            assertThat(alerts.of(pupil, AlertType.DROPOUT_DETECTED)).as("one DROPOUT_DETECTED for the case, no restart "
                    + "raised it twice").containsExactly(AlertState.OPEN, AlertState.RESOLVED);
            assertThat(alerts.of(pupil, AlertType.DROPOUT_CASE_OVERDUE)).as("its overdue alert: opened, escalated, "
                    + "resolved, and not raised again").containsExactly(AlertState.OPEN, AlertState.UPDATED,
                    AlertState.RESOLVED);
            assertThat(alerts.of(back, AlertType.DROPOUT_DETECTED)).containsExactly(AlertState.OPEN, AlertState.RESOLVED);
            assertThat(alerts.of(back, AlertType.DROPOUT_CASE_OVERDUE)).as("a case closed within the limit never "
                    + "goes overdue").isEmpty();
            assertThat(alerts.of(sentinel, AlertType.DROPOUT_DETECTED)).containsExactly(AlertState.OPEN);
            assertThat(alerts.of(sentinel, AlertType.DROPOUT_CASE_OVERDUE)).containsExactly(AlertState.OPEN);
            assertThat(alerts.all()).as("nothing else about the school").hasSize(9);
        } finally {
            deleteRecursively(stateDir);
        }
    }

    private static StudentStatusEvent event(String eventId, String schoolId, String studentRef, LocalDate date,
            StudentStatus status, Instant recordedAt) {
        return StudentStatusEvent.newBuilder().setEventId(eventId).setSchoolId(schoolId).setStudentRef(studentRef)
                .setGrade(6).setDate(date).setStatus(status).setLeftBehind(true).setRecordedAt(recordedAt).build();
    }

    /** The school's alerts as a read_committed reader finds them: the whole alert topic, up to its end, each time. */
    private record Alerts(EmbeddedBroker broker, String schoolId) {
        List<Alert> all() {
            List<Alert> alerts = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : CommittedRecords.of(broker.clientProperties(), Topics.ALERTS.name())) {
                Alert alert = Topics.ALERTS.valueSerde().deserializer().deserialize(Topics.ALERTS.name(), r.value());
                if (schoolId.equals(alert.schoolId())) {
                    alerts.add(alert);
                }
            }
            return alerts;
        }

        /** The states of the pupil's alerts of one type, in order. */
        List<AlertState> of(String studentRef, AlertType type) {
            return all().stream().filter(a -> studentRef.equals(a.subjectRef()) && a.type() == type)
                    .map(Alert::state).toList();
        }

        Alert await(String studentRef, AlertType type, AlertState state) {
            return Awaitility.await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200))
                    .until(() -> all().stream().filter(a -> studentRef.equals(a.subjectRef()) && a.type() == type
                            && a.state() == state).findFirst(), Optional::isPresent)
                    .orElseThrow();
        }
    }

    private static KafkaProducer<String, byte[]> producer(EmbeddedBroker broker) {
        Properties props = broker.clientProperties();
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    private static void send(KafkaProducer<String, byte[]> producer, String schoolId, StudentStatusEvent event)
            throws Exception {
        send(producer, Topics.STUDENT_STATUS.name(), schoolId, TopologyFixture.encode(event));
    }

    private static void send(KafkaProducer<String, byte[]> producer, String topic, String key, byte[] value)
            throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private static void deleteRecursively(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
