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
import java.util.Properties;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
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
import org.ruraledu.embedded.EmbeddedBroker;
import org.ruraledu.embedded.SharedBroker;
import org.ruraledu.records.RecordRules;
import org.ruraledu.schemas.StudentStatus;
import org.ruraledu.schemas.StudentStatusEvent;
import org.ruraledu.topics.Topics;

/**
 * Cases survive restarts (一人一案 is followed up for weeks): a case opened before a restart is still open after
 * it, and the wall-clock overdue check still fires for it with no further input, whether the restarted instance
 * finds its local state or must restore it from the changelogs. (A TopologyTestDriver wipes its state directory on
 * close, so a restart needs a real broker.)
 */
class DropoutRestartIT {
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @Test
    void openCasesSurviveARestartAndALostStateDirectoryAndStillGoOverdue() throws Exception {
        EmbeddedBroker broker = SharedBroker.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String schoolId = "it-dropout-" + run;
        MutableClock clock = new MutableClock(Instant.now());
        LocalDate yesterday = LocalDate.ofInstant(clock.instant(), RecordRules.ZONE).minusDays(1);
        Path stateDir = Files.createTempDirectory("ruraledu-it-dropout-");
        Settings settings = Settings.defaults().with(Map.of(
                "bootstrap.servers", broker.bootstrapServers(),
                "streams.application.id", "ruraledu-it-dropout-" + run,
                "streams.state.dir", stateDir.toString(),
                "query.port", "0",
                "dropout.overdue.check.interval", "PT1S"));

        try (KafkaProducer<String, byte[]> producer = producer(broker); AlertReader alerts = new AlertReader(broker, run)) {
            send(producer, Topics.SCHOOL_REGISTRY.name(), schoolId, Topics.SCHOOL_REGISTRY.valueSerde().serializer()
                    .serialize(null, TopologyFixture.school(schoolId, "rushan")));

            try (StreamsApp app = StreamsApp.start(settings, clock)) {
                send(producer, schoolId, event("d-" + run, schoolId, yesterday, StudentStatus.DROPPED_OUT,
                        clock.instant().minusSeconds(60)));
                alerts.await(schoolId, AlertType.DROPOUT_DETECTED, AlertState.OPEN);
            }

            clock.advance(Duration.ofDays(9)); // 10 days open: past the 7-day follow-up limit
            try (StreamsApp app = StreamsApp.start(settings, clock)) {
                Alert overdue = alerts.await(schoolId, AlertType.DROPOUT_CASE_OVERDUE, AlertState.OPEN);
                assertThat(overdue.severity()).isEqualTo(Severity.WARNING);
                assertThat(overdue.observed()).isEqualTo(10.0);
            }

            deleteRecursively(stateDir); // a lost disk: the next instance restores cases from the changelogs
            clock.advance(Duration.ofDays(7)); // 17 days open: past the 14-day escalation limit
            try (StreamsApp app = StreamsApp.start(settings, clock)) {
                Alert escalated = alerts.await(schoolId, AlertType.DROPOUT_CASE_OVERDUE, AlertState.UPDATED);
                assertThat(escalated.severity()).isEqualTo(Severity.CRITICAL);

                LocalDate today = LocalDate.ofInstant(clock.instant(), RecordRules.ZONE);
                send(producer, schoolId, event("r-" + run, schoolId, today, StudentStatus.RETURNED,
                        clock.instant().minusSeconds(60)));
                alerts.await(schoolId, AlertType.DROPOUT_DETECTED, AlertState.RESOLVED);
                alerts.await(schoolId, AlertType.DROPOUT_CASE_OVERDUE, AlertState.RESOLVED);
            }
            // Each alert's states in order (two alerts may sit on different partitions: no order between them).
            List<Alert> seen = alerts.seen(schoolId);
            assertThat(seen).as("no restart raised an alert twice").hasSize(5);
            assertThat(seen).filteredOn(a -> a.type() == AlertType.DROPOUT_DETECTED).extracting(Alert::state)
                    .containsExactly(AlertState.OPEN, AlertState.RESOLVED);
            assertThat(seen).filteredOn(a -> a.type() == AlertType.DROPOUT_CASE_OVERDUE).extracting(Alert::state)
                    .containsExactly(AlertState.OPEN, AlertState.UPDATED, AlertState.RESOLVED);
        } finally {
            deleteRecursively(stateDir);
        }
    }

    private static StudentStatusEvent event(String eventId, String schoolId, LocalDate date, StudentStatus status,
            Instant recordedAt) {
        return StudentStatusEvent.newBuilder().setEventId(eventId).setSchoolId(schoolId)
                .setStudentRef(DropoutInput.ref("restart")).setGrade(6).setDate(date).setStatus(status)
                .setLeftBehind(true).setRecordedAt(recordedAt).build();
    }

    /** Reads committed alerts from the start of the topic, keeping those of the test's school in order. */
    private static final class AlertReader implements AutoCloseable {
        private final KafkaConsumer<String, Alert> consumer;
        private final List<Alert> seen = new ArrayList<>();

        AlertReader(EmbeddedBroker broker, String run) {
            Properties props = broker.clientProperties();
            props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-dropout-alerts-" + run);
            props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
            consumer = new KafkaConsumer<>(props, Topics.ALERTS.keySerde().deserializer(),
                    Topics.ALERTS.valueSerde().deserializer());
            consumer.subscribe(List.of(Topics.ALERTS.name()));
        }

        Alert await(String schoolId, AlertType type, AlertState state) {
            Predicate<Alert> wanted = a -> schoolId.equals(a.schoolId()) && a.type() == type && a.state() == state;
            Awaitility.await().atMost(PATIENCE).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (schoolId.equals(r.value().schoolId())) {
                        seen.add(r.value());
                    }
                });
                return seen.stream().anyMatch(wanted);
            });
            return seen.stream().filter(wanted).findFirst().orElseThrow();
        }

        List<Alert> seen(String schoolId) {
            consumer.poll(Duration.ofMillis(500)).forEach(r -> {
                if (schoolId.equals(r.value().schoolId())) {
                    seen.add(r.value());
                }
            });
            return seen;
        }

        @Override
        public void close() {
            consumer.close();
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
